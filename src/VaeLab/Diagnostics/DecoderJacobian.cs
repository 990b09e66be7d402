using MathNet.Numerics.LinearAlgebra;
using VaeLab.Models;
using VaeLab.Random;

namespace VaeLab.Diagnostics;

/// <summary>The decoder Jacobian J(s) = df/ds (n x m) by reverse mode: one backward pass per output coordinate.</summary>
public static class DecoderJacobian
{
    /// <summary>J at each row of s (count, m): result[p] is J(s_p), row-major (n, m). The model's gradients are left zeroed.</summary>
    public static double[][] At(Vae model, float[] s, int count)
    {
        if (count > model.MaxBatch) throw new ArgumentException($"at most {model.MaxBatch} points per call (got {count}).");
        int n = model.InputDim, m = model.LatentDim;
        var result = new double[count][];
        for (int p = 0; p < count; p++) result[p] = new double[n * m];
        var dOut = new float[count * n];
        var dS = new float[count * m];
        for (int i = 0; i < n; i++)
        {
            model.Decoder.Forward(s, count);
            Array.Clear(dOut);
            for (int p = 0; p < count; p++) dOut[p * n + i] = 1f;
            model.Decoder.Backward(dOut, dS, count);
            for (int p = 0; p < count; p++)
                for (int k = 0; k < m; k++) result[p][i * m + k] = dS[p * m + k];
        }
        model.Parameters.ZeroGrad();
        return result;
    }

    /// <summary>Singular values (descending) of J at <paramref name="points"/> latent samples s ~ N(0, I).</summary>
    public static double[][] LocalSpectra(Vae model, int points, ulong seed)
    {
        var s = new float[points * model.LatentDim];
        RngStreams.Normal(seed, "jacobian").Fill(s);
        return SpectraAt(model, s, points);
    }

    /// <summary>Singular values (descending) of J at each row of <paramref name="latents"/> (count, m), e.g. encoder means of true points.</summary>
    public static double[][] SpectraAt(Vae model, ReadOnlySpan<float> latents, int count)
    {
        int n = model.InputDim, m = model.LatentDim;
        var spectra = new List<double[]>(count);
        var s = new float[model.MaxBatch * m];
        for (int start = 0; start < count; start += model.MaxBatch)
        {
            int rows = Math.Min(model.MaxBatch, count - start);
            latents.Slice(start * m, rows * m).CopyTo(s);
            foreach (var j in At(model, s, rows))
                spectra.Add(LinearAlgebra.SingularValues(Matrix<double>.Build.Dense(n, m, (r, c) => j[r * m + c])));
        }
        return spectra.ToArray();
    }
}
