using VaeLab.Benchmarking;
using VaeLab.Runs;

namespace VaeLab.Tests.Runs;

public class FlopsTests
{
    [Fact]
    public void Sphere_step_flops_match_the_layer_shapes_counted_by_hand()
    {
        // n = 21, m = 16, MLPs 200,200,200, global encoder variance. Encoder: 21x200 (reads x: no input gradient, 4 FLOP per
        // multiply-add pair and row), 200x200, 200x200, mean head 200x16; decoder: 16x200, 200x200, 200x200, 200x21.
        var w = BenchmarkWorkloads.Create("sphere");
        long expected = 100L * (4 * 21 * 200 + 6 * (200 * 200 * 2 + 200 * 16 + 16 * 200 + 200 * 200 * 2 + 200 * 21));
        Assert.Equal(104_040_000, expected);
        Assert.Equal(expected, w.FlopsPerStep);
    }

    [Fact]
    public void Stage2_step_counts_the_stage2_vae_and_the_stage1_encoder_pass()
    {
        // Stage 2 at m = 16 (MLPs 128,128, amortized: mean and log-variance heads) on a sigmoid stage 1 with n = 22 and a
        // linear encoder (one 22x16 mean head, global variance): forward only, 2 FLOP per multiply-add.
        var w = BenchmarkWorkloads.Create("stage2-m16");
        long stage2 = 100L * (4 * 16 * 128 + 6 * (128 * 128 + 128 * 16 * 2 + 16 * 128 + 128 * 128 + 128 * 16));
        long encoder = 2L * 100 * 22 * 16;
        Assert.Equal(stage2 + encoder, w.FlopsPerStep);
    }

    [Fact]
    public void A_run_counts_both_stages_and_only_the_steps_asked_for()
    {
        var c = BenchmarkWorkloads.Config("stage2-m16") with { Steps = 1000, Stage2Steps = 500 };
        // Sigmoid stage 1, n = 22, m = 16: encoder mean head 22x16 (reads x), decoder gate and affine maps 16x22.
        var sigmoidStep = StepWorkload.Stage1("s", c).FlopsPerStep;
        Assert.Equal(100L * (4 * 22 * 16 + 6 * (16 * 22 * 2)), sigmoidStep);
        var stage2Step = BenchmarkWorkloads.Create("stage2-m16").FlopsPerStep;
        Assert.Equal(1000.0 * sigmoidStep + 500.0 * stage2Step, Flops.Run(c));
        Assert.Equal(10.0 * sigmoidStep + 3.0 * stage2Step, Flops.Run(c, 10, 3));
        Assert.Equal(1000.0 * sigmoidStep, Flops.Run(c with { TwoStage = false }));
    }
}
