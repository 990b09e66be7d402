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
        var noisy = new float[count * n];
        RngStreams.Normal(seed, "sample-noise").Fill(noisy, (float)Math.Exp(model.DecoderLogVariance));
        System.Numerics.Tensors.TensorPrimitives.Add(noisy, x, noisy);
        return new GeneratedSamples(s, x, noisy);
    }
}
