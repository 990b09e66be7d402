using VaeLab.Configuration;
using VaeLab.Models;
using VaeLab.Random;

namespace VaeLab.Runs;

/// <summary>
/// FLOP accounting of training: the GEMMs of every Linear layer (2 FLOPs per multiply-add). A training step runs, per
/// layer (in, out) and batch b, the forward product (2·b·in·out), the weight gradient (2·b·in·out) and the input
/// gradient (2·b·in·out), except for the layers that read the data x directly (the encoder's first layer, or its heads
/// when it has no hidden layers): nothing needs dL/dx, so they skip the input gradient. Elementwise work (activations,
/// losses, Adam, sampling) is not counted: it is O(parameters + b·width), small beside the GEMMs for the paper's
/// models, and the peak it would be measured against is not the FMA peak.
/// </summary>
public static class Flops
{
    /// <summary>Executed GEMM FLOPs of one training step of <paramref name="model"/> at <paramref name="batch"/>.</summary>
    public static long TrainingStep(Vae model, int batch)
    {
        long total = 0;
        foreach (var t in model.Parameters.Tensors)
        {
            if (!t.Name.EndsWith(".weight", StringComparison.Ordinal)) continue;
            long inOut = (long)t.Shape[0] * t.Shape[1];
            total += (ReadsInput(model, t.Name) ? 4L : 6L) * batch * inOut;
        }
        return total;
    }

    /// <summary>FLOPs of the encoder's forward pass alone (how stage 2 turns a data batch into stage-1 codes).</summary>
    public static long EncoderForward(Vae model, int batch) =>
        model.Parameters.Tensors.Where(t => t.Name.StartsWith("encoder.", StringComparison.Ordinal) && t.Name.EndsWith(".weight", StringComparison.Ordinal))
            .Sum(t => 2L * batch * t.Shape[0] * t.Shape[1]);

    /// <summary>
    /// All training FLOPs of a run: stage-1 steps, and for a two-stage run the stage-2 steps, each of which also runs
    /// the stage-1 encoder forward to draw its codes. The final loss estimates and the analysis are not counted.
    /// </summary>
    public static double Run(RunConfig config) => Run(config, config.Steps, config.TwoStage ? config.Stage2StepsResolved : 0);

    /// <summary>FLOPs of <paramref name="stage1Steps"/> stage-1 and <paramref name="stage2Steps"/> stage-2 steps of a run of <paramref name="config"/>.</summary>
    public static double Run(RunConfig config, long stage1Steps, long stage2Steps)
    {
        // Models at batch 1: the FLOP count depends only on the layer shapes.
        var stage1 = new Vae(config.ToArchitecture(), 1, RngStreams.Create(0, "flops"));
        double total = (double)stage1Steps * TrainingStep(stage1, config.BatchSize);
        if (config.TwoStage && stage2Steps > 0)
        {
            var stage2 = new Vae(config.ToStage2Architecture(), 1, RngStreams.Create(0, "flops"));
            total += (double)stage2Steps * (TrainingStep(stage2, config.BatchSize) + EncoderForward(stage1, config.BatchSize));
        }
        return total;
    }

    // The layers fed by x: encoder.trunk.0 when the encoder has hidden layers, else its mean and log-variance heads.
    private static bool ReadsInput(Vae model, string weightName) => model.Encoder.Trunk != null
        ? weightName == "encoder.trunk.0.weight"
        : weightName is "encoder.mean.weight" or "encoder.logVariance.weight";
}
