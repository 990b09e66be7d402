using VaeLab.Data;
using VaeLab.Models;

namespace VaeLab.Diagnostics;

/// <summary>The two-stage sampler u -> z -> x measured like the vanilla one (SCIENCE.md section 7).</summary>
public static class TwoStageAnalysis
{
    /// <summary>
    /// Off-manifold error and density of two-stage samples with the configured sampler (<paramref name="noise"/>: Dai &amp; Wipf's
    /// z = g(u) + γ ε, else the stage-2 mean only), and the other sampler beside it. MMD² uses its own median-distance bandwidth
    /// per comparison (two-stage against true points), recorded beside it.
    /// </summary>
    public static TwoStageDiagnostics Measure(RunDiagnostics d, Vae stage1, Vae stage2, bool noise, DataFamily family, float[] vanilla, float[] truth,
        AnalysisOptions o)
    {
        var samples = GeneratedSamples.DrawTwoStage(stage1, stage2, o.Samples, o.Seed, noise);
        var other = GeneratedSamples.DrawTwoStage(stage1, stage2, o.Samples, o.Seed, !noise).NoiseFree;
        var t = new TwoStageDiagnostics
        {
            Stage2DecoderVariance = Math.Exp(stage2.DecoderLogVariance),
            SampleNoise = noise,
            NoiseFree = Analyzer.OffManifold(family, samples.NoiseFree, d.SignalPower),
            WithNoise = Analyzer.OffManifold(family, samples.WithNoise, d.SignalPower),
            OtherSamplerNoiseFree = Analyzer.OffManifold(family, other, d.SignalPower),
        };
        if (family is LinearFamily linear)
            return t with
            {
                CovarianceRelativeError = Analyzer.SampleCovarianceError(linear, samples.NoiseFree),
                OtherSamplerCovarianceRelativeError = Analyzer.SampleCovarianceError(linear, other),
                VanillaSampleCovarianceRelativeError = Analyzer.SampleCovarianceError(linear, vanilla),
            };
        int dim = family.BlockDim, k = Math.Min(o.MmdSamples, o.Samples);
        var reference = Analyzer.Project(family, truth, k);
        var projected = Analyzer.Project(family, samples.NoiseFree, k);
        var otherProjected = Analyzer.Project(family, other, k);
        double h = Mmd.MedianBandwidth(projected, reference, dim);
        t = t with
        {
            Mmd2 = Mmd.Squared(projected, reference, dim, h),
            MmdBandwidth = h,
            OtherSamplerMmd2 = Mmd.Squared(otherProjected, reference, dim, Mmd.MedianBandwidth(otherProjected, reference, dim)),
        };
        return family is SigmoidFamily sigmoid ? t with { KsStatistic = Analyzer.SigmoidKs(sigmoid, samples.NoiseFree) } : t;
    }
}
