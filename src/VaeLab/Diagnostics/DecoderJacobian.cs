using MathNet.Numerics.LinearAlgebra;
using VaeLab.Models;
using VaeLab.Random;

namespace VaeLab.Diagnostics;

/// <summary>
/// The decoder Jacobian J(s) = df/ds (n x m) by reverse mode: one forward pass per batch of points, then one input-gradient
/// pass per output coordinate (<see cref="DecoderInputGradient"/>: no parameter gradients are formed).
/// </summary>
public static class DecoderJacobian
{
    /// <summary>J at each row of s (count, m): result[p] is J(s_p), row-major (n, m). The model's gradients are left zeroed.</summary>
    public static double[][] At(Vae model, float[] s, int count)
    {
        if (count > model.MaxBatch) throw new ArgumentException($"at most {model.MaxBatch} points per call (got {count}).");
        int n = model.InputDim, m = model.LatentDim;
        var columnMajor = new double[count * n * m];
        Fill(model, DecoderInputGradient.For(model), s, count, columnMajor, new float[count * n], new float[count * m]);
        var result = new double[count][];
        for (int p = 0; p < count; p++)
        {
            result[p] = new double[n * m];
            for (int i = 0; i < n; i++)
                for (int k = 0; k < m; k++) result[p][i * m + k] = columnMajor[p * n * m + k * n + i];
        }
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
        int n = model.InputDim, m = model.LatentDim, batch = model.MaxBatch;
        var spectra = new double[count][];
        var gradient = DecoderInputGradient.For(model);
        var s = new float[batch * m];
        var jacobians = new double[batch * n * m];
        var dOut = new float[batch * n];
        var dS = new float[batch * m];
        var point = new double[n * m];
        for (int start = 0; start < count; start += batch)
        {
            int rows = Math.Min(batch, count - start);
            latents.Slice(start * m, rows * m).CopyTo(s);
            Fill(model, gradient, s, rows, jacobians, dOut, dS);
            for (int p = 0; p < rows; p++)
            {
                jacobians.AsSpan(p * n * m, n * m).CopyTo(point);
                spectra[start + p] = LinearAlgebra.SingularValues(Matrix<double>.Build.Dense(n, m, point));
            }
        }
        return spectra;
    }

    // J at the rows of s into jacobians[p * n * m ..], column-major (n, m) per point; dOut (rows, n) and dS (rows, m) are scratch.
    private static void Fill(Vae model, DecoderInputGradient gradient, float[] s, int rows, double[] jacobians, float[] dOut, float[] dS)
    {
        int n = model.InputDim, m = model.LatentDim;
        gradient.Forward(s, rows);
        for (int i = 0; i < n; i++)
        {
            Array.Clear(dOut);
            for (int p = 0; p < rows; p++) dOut[p * n + i] = 1f;
            gradient.Backward(dOut, dS, rows);
            for (int p = 0; p < rows; p++)
                for (int k = 0; k < m; k++) jacobians[p * n * m + k * n + i] = dS[p * m + k];
        }
        model.Parameters.ZeroGrad();
    }
}
