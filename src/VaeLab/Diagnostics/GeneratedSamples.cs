using VaeLab.Models;
using VaeLab.Random;

namespace VaeLab.Diagnostics;

/// <summary>Samples from a trained model: s ~ N(0, I_m), x = f(s), and x + sigma xi beside it.</summary>
public sealed record GeneratedSamples(float[] Latents, float[] NoiseFree, float[] WithNoise)
{
    /// <summary>Draws <paramref name="count"/> samples from streams "sample-latent" and "sample-noise" of <paramref name="seed"/>.</summary>
    public static GeneratedSamples Draw(Vae model, int count, ulong seed)
    {
        int m = model.LatentDim, n = model.InputDim;
        var s = new float[count * m];
        RngStreams.Normal(seed, "sample-latent").Fill(s);
        var x = new float[count * n];
        model.Decode(s, x, count);
        return new GeneratedSamples(s, x, AddNoise(x, model.DecoderLogVariance, seed, "sample-noise"));
    }

    /// <summary>
    /// Two-stage sampling: u ~ N(0, I_m) -> z = stage-2 decoder mean (+ its noise when <paramref name="stage2Noise"/>)
    /// -> x = stage-1 decoder mean, and x + sigma xi beside it. Streams "two-stage-latent", "two-stage-z-noise", "two-stage-noise".
    /// </summary>
    public static GeneratedSamples DrawTwoStage(Vae stage1, Vae stage2, int count, ulong seed, bool stage2Noise)
    {
        int m = stage1.LatentDim, n = stage1.InputDim;
        var u = new float[count * m];
        RngStreams.Normal(seed, "two-stage-latent").Fill(u);
        var z = new float[count * m];
        stage2.Decode(u, z, count);
        if (stage2Noise) z = AddNoise(z, stage2.DecoderLogVariance, seed, "two-stage-z-noise");
        var x = new float[count * n];
        stage1.Decode(z, x, count);
        return new GeneratedSamples(u, x, AddNoise(x, stage1.DecoderLogVariance, seed, "two-stage-noise"));
    }

    /// <summary>A new array x + sigma xi, xi ~ N(0, I) from the named stream, sigma^2 = exp(<paramref name="logVariance"/>).</summary>
    private static float[] AddNoise(float[] x, double logVariance, ulong seed, string stream)
    {
        var noisy = new float[x.Length];
        RngStreams.Normal(seed, stream).Fill(noisy, (float)Math.Exp(logVariance));
        System.Numerics.Tensors.TensorPrimitives.Add(noisy, x, noisy);
        return noisy;
    }
}
