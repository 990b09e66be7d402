using VaeLab.Configuration;
using VaeLab.Core;
using VaeLab.Data;
using VaeLab.Models;
using VaeLab.Runs;

namespace VaeLab.Tests.Configuration;

public class EvalCostTests
{
    private static RunConfig Wide(int width, int evalSamples) => RunConfig.Defaults(DataFamilyKind.Sigmoid) with
    {
        Decoder = DecoderKind.Mlp, Latent = 6, EncoderHidden = [width, width], DecoderHidden = [width, width], EvalSamples = evalSamples,
    };

    [Fact]
    public void A_forward_pass_costs_one_multiply_add_per_weight_of_the_model()
    {
        var config = Wide(50, 1000);
        int n = config.AmbientDim;
        // Global encoder variances (the default): the encoder outputs the 6 means only.
        double weights = n * 50 + 50 * 50 + 50 * 6 + 6 * 50 + 50 * 50 + 50 * n;
        Assert.Equal(weights, EvalCost.ForwardMultiplyAdds(config));
        // Independent count: the model's parameters are these weights plus one bias per unit, the 6 global
        // log-variances and the decoder variance.
        Assert.Equal(weights + (50 + 50 + 6) + 6 + (50 + 50 + n) + 1, RunFactory.CreateModel(config, 1).Parameters.Values.Length);
        // Amortized: a second head of 6 log-variances (its weights and biases) instead of the 6 global ones.
        var amortized = config with { EncoderVariance = EncoderVarianceKind.Amortized };
        Assert.Equal(weights + 50 * 6 + 6, RunFactory.CreateModel(amortized, 1).Parameters.Values.Length - (50 + 50 + 6) - (50 + 50 + n) - 1);
        Assert.Equal(weights + 50 * 6, EvalCost.ForwardMultiplyAdds(amortized));
        Assert.Equal(1000 * weights / EvalCost.Rate, EvalCost.Seconds(config));
    }

    [Fact]
    public void The_default_is_quick_long_estimates_warn_and_absurd_ones_are_refused()
    {
        RunConfig.Defaults(DataFamilyKind.Sigmoid).Validate();
        Assert.Null(EvalCost.Warning(RunConfig.Defaults(DataFamilyKind.Sigmoid)));
        Assert.Contains("--eval-samples 1000000) will take about", EvalCost.Warning(Wide(500, 1_000_000)));
        var e = Assert.Throws<ConfigException>(() => Wide(5000, 10_000_000).Validate());
        Assert.StartsWith("--eval-samples 10000000 through this model (", e.Message);
        Assert.Contains("multiply-adds a sample) would take about", e.Message);
        Assert.Contains("the limit is 6 h", e.Message);
    }
}
