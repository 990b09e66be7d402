using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace VaeLab.Numerics;

/// <summary>
/// The elementwise passes of a training step, fused: each is one pass over its spans where the step used to make two
/// to four TensorPrimitives calls. Every element is computed with the same operations in the same order as those
/// calls, so the bits are unchanged (tested against them); exp runs Vector256.Exp, lane for lane what
/// TensorPrimitives.Exp computes; spans under 8 elements and machines without AVX2 call TensorPrimitives itself.
/// Fewer, smaller methods also make a fresh process's first step cheaper to compile. Each kernel has a scalar twin
/// (…Scalar).
/// </summary>
public static class Elementwise
{
    /// <summary>std = exp(logVar · 0.5), as TensorPrimitives.Multiply then TensorPrimitives.Exp.</summary>
    public static void HalfExp(ReadOnlySpan<float> logVar, Span<float> std)
    {
        int n = Check(logVar.Length, std.Length);
        if (n < 8 || !Vector256.IsHardwareAccelerated)
        {
            // Short spans and machines without AVX2: the library calls themselves (their Vector128 or scalar exp).
            TensorPrimitives.Multiply(logVar, 0.5f, std[..n]);
            TensorPrimitives.Exp(std[..n], std[..n]);
            return;
        }
        ref float x = ref MemoryMarshal.GetReference(logVar);
        ref float y = ref MemoryMarshal.GetReference(std);
        int i = 0;
        for (; i + 8 <= n; i += 8) Vector256.Exp(Vector256.LoadUnsafe(ref x, (nuint)i) * 0.5f).StoreUnsafe(ref y, (nuint)i);
        if (i < n) StoreTail(Vector256.Exp(LoadTail(logVar[i..n]) * 0.5f), std[i..n]);
    }

    /// <summary>The scalar twin of <see cref="HalfExp"/> (MathF.Exp: equal within float rounding, not bit for bit).</summary>
    public static void HalfExpScalar(ReadOnlySpan<float> logVar, Span<float> std)
    {
        for (int k = 0; k < logVar.Length; k++) std[k] = MathF.Exp(logVar[k] * 0.5f);
    }

    /// <summary>
    /// g = sigmoid(g) = 1 / (1 + exp(-g)) in place, then y += g: the sigmoid-affine decoder's output, as
    /// TensorPrimitives.Sigmoid then TensorPrimitives.Add.
    /// </summary>
    public static void SigmoidAdd(Span<float> g, Span<float> y)
    {
        int n = Check(g.Length, y.Length);
        if (n < 8 || !Vector256.IsHardwareAccelerated)
        {
            TensorPrimitives.Sigmoid(g, g);
            TensorPrimitives.Add(y[..n], g, y[..n]);
            return;
        }
        ref float gr = ref MemoryMarshal.GetReference(g);
        ref float yr = ref MemoryMarshal.GetReference(y);
        int i = 0;
        for (; i + 8 <= n; i += 8)
        {
            var s = Sigmoid(Vector256.LoadUnsafe(ref gr, (nuint)i));
            s.StoreUnsafe(ref gr, (nuint)i);
            (Vector256.LoadUnsafe(ref yr, (nuint)i) + s).StoreUnsafe(ref yr, (nuint)i);
        }
        if (i < n)
        {
            StoreTail(Sigmoid(LoadTail(g[i..n])), g[i..n]);
            for (; i < n; i++) y[i] += g[i];
        }
    }

    /// <summary>The scalar twin of <see cref="SigmoidAdd"/> (MathF.Exp).</summary>
    public static void SigmoidAddScalar(Span<float> g, Span<float> y)
    {
        for (int k = 0; k < g.Length; k++)
        {
            g[k] = 1f / (1f + MathF.Exp(-g[k]));
            y[k] += g[k];
        }
    }

    /// <summary>dGate = (s - s·s) · dOut, the sigmoid's backward pass from its output s.</summary>
    public static void SigmoidBackward(ReadOnlySpan<float> s, ReadOnlySpan<float> dOut, Span<float> dGate)
    {
        int n = Check(s.Length, dOut.Length, dGate.Length), i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref float sr = ref MemoryMarshal.GetReference(s);
            ref float dr = ref MemoryMarshal.GetReference(dOut);
            ref float gr = ref MemoryMarshal.GetReference(dGate);
            for (; i + 8 <= n; i += 8)
            {
                var v = Vector256.LoadUnsafe(ref sr, (nuint)i);
                ((v - v * v) * Vector256.LoadUnsafe(ref dr, (nuint)i)).StoreUnsafe(ref gr, (nuint)i);
            }
        }
        SigmoidBackwardScalar(s[i..n], dOut[i..n], dGate[i..n]);
    }

    /// <summary>The scalar twin of <see cref="SigmoidBackward"/>.</summary>
    public static void SigmoidBackwardScalar(ReadOnlySpan<float> s, ReadOnlySpan<float> dOut, Span<float> dGate)
    {
        for (int k = 0; k < s.Length; k++) dGate[k] = (s[k] - s[k] * s[k]) * dOut[k];
    }

    /// <summary>
    /// The decoder residual r = (f - x) + noise · sigma, as TensorPrimitives.Subtract then MultiplyAdd; without
    /// noise (empty <paramref name="noise"/>) r = f - x.
    /// </summary>
    public static void Residual(ReadOnlySpan<float> f, ReadOnlySpan<float> x, ReadOnlySpan<float> noise, float sigma, Span<float> r)
    {
        int n = Check(f.Length, x.Length, r.Length), i = 0;
        bool noisy = !noise.IsEmpty;
        if (noisy) Check(n, noise.Length);
        if (Vector256.IsHardwareAccelerated)
        {
            ref float fr = ref MemoryMarshal.GetReference(f);
            ref float xr = ref MemoryMarshal.GetReference(x);
            ref float er = ref MemoryMarshal.GetReference(noise);
            ref float rr = ref MemoryMarshal.GetReference(r);
            for (; i + 8 <= n; i += 8)
            {
                var d = Vector256.LoadUnsafe(ref fr, (nuint)i) - Vector256.LoadUnsafe(ref xr, (nuint)i);
                if (noisy) d = Vector256.LoadUnsafe(ref er, (nuint)i) * sigma + d;
                d.StoreUnsafe(ref rr, (nuint)i);
            }
        }
        ResidualScalar(f[i..n], x[i..n], noisy ? noise[i..n] : default, sigma, r[i..n]);
    }

    /// <summary>The scalar twin of <see cref="Residual"/>.</summary>
    public static void ResidualScalar(ReadOnlySpan<float> f, ReadOnlySpan<float> x, ReadOnlySpan<float> noise, float sigma, Span<float> r)
    {
        for (int k = 0; k < f.Length; k++)
        {
            float d = f[k] - x[k];
            r[k] = noise.IsEmpty ? d : noise[k] * sigma + d;
        }
    }

    /// <summary>
    /// The latent gradients from dS = dLoss/ds (batch, m): dMean = mean · invBatch + dS and
    /// dLogVar = dS · xi · std · 0.5, plus, when <paramref name="amortized"/>, the per-sample KL part
    /// (std · std - 1) · (0.5 · invBatch); as the TensorPrimitives calls of the step before (same order of operations).
    /// </summary>
    public static void LatentGradients(ReadOnlySpan<float> dS, ReadOnlySpan<float> xi, ReadOnlySpan<float> std, ReadOnlySpan<float> mean,
        float invBatch, bool amortized, Span<float> dMean, Span<float> dLogVar)
    {
        int n = Check(dS.Length, xi.Length, std.Length), i = 0;
        Check(n, mean.Length, dMean.Length);
        Check(n, dLogVar.Length);
        float klScale = 0.5f * invBatch;
        if (Vector256.IsHardwareAccelerated)
        {
            ref float sr = ref MemoryMarshal.GetReference(dS);
            ref float xr = ref MemoryMarshal.GetReference(xi);
            ref float tr = ref MemoryMarshal.GetReference(std);
            ref float mr = ref MemoryMarshal.GetReference(mean);
            ref float dm = ref MemoryMarshal.GetReference(dMean);
            ref float dl = ref MemoryMarshal.GetReference(dLogVar);
            for (; i + 8 <= n; i += 8)
            {
                var g = Vector256.LoadUnsafe(ref sr, (nuint)i);
                var t = Vector256.LoadUnsafe(ref tr, (nuint)i);
                (Vector256.LoadUnsafe(ref mr, (nuint)i) * invBatch + g).StoreUnsafe(ref dm, (nuint)i);
                var l = g * Vector256.LoadUnsafe(ref xr, (nuint)i) * t * 0.5f;
                if (amortized) l = (t * t + Vector256.Create(-1f)) * klScale + l;
                l.StoreUnsafe(ref dl, (nuint)i);
            }
        }
        LatentGradientsScalar(dS[i..n], xi[i..n], std[i..n], mean[i..n], invBatch, amortized, dMean[i..n], dLogVar[i..n]);
    }

    /// <summary>The scalar twin of <see cref="LatentGradients"/>.</summary>
    public static void LatentGradientsScalar(ReadOnlySpan<float> dS, ReadOnlySpan<float> xi, ReadOnlySpan<float> std, ReadOnlySpan<float> mean,
        float invBatch, bool amortized, Span<float> dMean, Span<float> dLogVar)
    {
        float klScale = 0.5f * invBatch;
        for (int k = 0; k < dS.Length; k++)
        {
            dMean[k] = mean[k] * invBatch + dS[k];
            float l = dS[k] * xi[k] * std[k] * 0.5f;
            dLogVar[k] = amortized ? (std[k] * std[k] + -1f) * klScale + l : l;
        }
    }

    /// <summary>dst = fma(a, b, c) = a · b + c rounded once (the reparameterisation s = std · xi + mu).</summary>
    public static void FusedMultiplyAdd(ReadOnlySpan<float> a, ReadOnlySpan<float> b, ReadOnlySpan<float> c, Span<float> dst)
    {
        int n = Check(a.Length, b.Length, c.Length, dst.Length), i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref float ar = ref MemoryMarshal.GetReference(a);
            ref float br = ref MemoryMarshal.GetReference(b);
            ref float cr = ref MemoryMarshal.GetReference(c);
            ref float dr = ref MemoryMarshal.GetReference(dst);
            for (; i + 8 <= n; i += 8)
                Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref ar, (nuint)i), Vector256.LoadUnsafe(ref br, (nuint)i), Vector256.LoadUnsafe(ref cr, (nuint)i))
                    .StoreUnsafe(ref dr, (nuint)i);
        }
        for (; i < n; i++) dst[i] = MathF.FusedMultiplyAdd(a[i], b[i], c[i]);
    }

    /// <summary>Copies the first row (<paramref name="cols"/> elements) of <paramref name="buffer"/> onto rows 1 to rows - 1.</summary>
    public static void RepeatRow(Span<float> buffer, int cols, int rows)
    {
        int n = Check(rows * cols, buffer.Length);
        if (Vector256.IsHardwareAccelerated && cols >= 8)
        {
            // Every row is read from row 0, not from the row just written: a load straddling two recent stores cannot be
            // forwarded from them and stalls. The last vector of a row overlaps the one before it (same values).
            ref float r = ref MemoryMarshal.GetReference(buffer);
            for (int start = cols; start < n; start += cols)
            {
                int j = 0;
                for (; j + 8 < cols; j += 8) Vector256.LoadUnsafe(ref r, (nuint)j).StoreUnsafe(ref r, (nuint)(start + j));
                Vector256.LoadUnsafe(ref r, (nuint)(cols - 8)).StoreUnsafe(ref r, (nuint)(start + cols - 8));
            }
            return;
        }
        for (int k = cols; k < n; k++) buffer[k] = buffer[k - cols];
    }

    /// <summary>dst = a · c (the scalar <paramref name="c"/>); a and dst may alias.</summary>
    public static void Scale(ReadOnlySpan<float> a, float c, Span<float> dst)
    {
        int n = Check(a.Length, dst.Length), i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref float ar = ref MemoryMarshal.GetReference(a);
            ref float dr = ref MemoryMarshal.GetReference(dst);
            for (; i + 8 <= n; i += 8) (Vector256.LoadUnsafe(ref ar, (nuint)i) * c).StoreUnsafe(ref dr, (nuint)i);
        }
        for (; i < n; i++) dst[i] = a[i] * c;
    }

    /// <summary>The sigmoid 1 / (1 + exp(-x)) on eight lanes, as TensorPrimitives.Sigmoid computes it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Sigmoid(Vector256<float> x) => Vector256<float>.One / (Vector256<float>.One + Vector256.Exp(-x));

    // The last 1-7 elements as eight zero-padded lanes, for the same eight-lane op as the body (each lane's result
    // depends on that lane only), and the op's first dst.Length lanes back.
    private static Vector256<float> LoadTail(ReadOnlySpan<float> src)
    {
        Span<float> pad = stackalloc float[8];
        pad.Clear();
        src.CopyTo(pad);
        return Vector256.Create(pad);
    }

    private static void StoreTail(Vector256<float> v, Span<float> dst)
    {
        Span<float> pad = stackalloc float[8];
        v.CopyTo(pad);
        pad[..dst.Length].CopyTo(dst);
    }

    private static int Check(int n, params ReadOnlySpan<int> others)
    {
        foreach (int o in others)
            if (o < n) throw new ArgumentException($"elementwise kernel: a span of {o} elements where {n} are needed.");
        return n;
    }
}
