using System.Runtime.Intrinsics;

namespace VaeLab.Numerics;

/// <summary>The flat Adam update over a whole parameter buffer: 16 lanes at a time where AVX-512 is on, 8 where only AVX2 is, then a scalar tail.</summary>
public static class AdamUpdate
{
    /// <summary>
    /// m = b1 m + (1-b1) g; v = b2 v + (1-b2) g^2; θ -= lr · (m c1) / (sqrt(v c2) + eps), with c1 = 1/(1 - b1^t),
    /// c2 = 1/(1 - b2^t). Overwrites parameters, m and v; all spans have the parameter count's length.
    /// The scalar loop is the twin of the vector one (same operations in the same order per element).
    /// </summary>
    public static void Apply(Span<float> parameters, ReadOnlySpan<float> gradients, Span<float> m, Span<float> v,
        float b1, float b2, float lr, float eps, float c1, float c2)
    {
        float a1 = 1f - b1, a2 = 1f - b2;
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var vb1 = Vector512.Create(b1); var va1 = Vector512.Create(a1);
            var vb2 = Vector512.Create(b2); var va2 = Vector512.Create(a2);
            var vc1 = Vector512.Create(c1); var vc2 = Vector512.Create(c2);
            var vlr = Vector512.Create(lr); var veps = Vector512.Create(eps);
            for (; i + 16 <= parameters.Length; i += 16)
            {
                var g = Vector512.Create(gradients.Slice(i, 16));
                var mi = vb1 * Vector512.Create(m.Slice(i, 16)) + va1 * g;
                var vi = vb2 * Vector512.Create(v.Slice(i, 16)) + va2 * g * g;
                mi.CopyTo(m.Slice(i, 16));
                vi.CopyTo(v.Slice(i, 16));
                var p = Vector512.Create(parameters.Slice(i, 16)) - vlr * (mi * vc1) / (Vector512.Sqrt(vi * vc2) + veps);
                p.CopyTo(parameters.Slice(i, 16));
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            // Machines without AVX-512: the same operations in the same order, 8 lanes at a time (it ran scalar there).
            var vb1 = Vector256.Create(b1); var va1 = Vector256.Create(a1);
            var vb2 = Vector256.Create(b2); var va2 = Vector256.Create(a2);
            var vc1 = Vector256.Create(c1); var vc2 = Vector256.Create(c2);
            var vlr = Vector256.Create(lr); var veps = Vector256.Create(eps);
            for (; i + 8 <= parameters.Length; i += 8)
            {
                var g = Vector256.Create(gradients.Slice(i, 8));
                var mi = vb1 * Vector256.Create(m.Slice(i, 8)) + va1 * g;
                var vi = vb2 * Vector256.Create(v.Slice(i, 8)) + va2 * g * g;
                mi.CopyTo(m.Slice(i, 8));
                vi.CopyTo(v.Slice(i, 8));
                var p = Vector256.Create(parameters.Slice(i, 8)) - vlr * (mi * vc1) / (Vector256.Sqrt(vi * vc2) + veps);
                p.CopyTo(parameters.Slice(i, 8));
            }
        }
        for (; i < parameters.Length; i++)
        {
            float g = gradients[i];
            m[i] = b1 * m[i] + a1 * g;
            v[i] = b2 * v[i] + a2 * g * g;
            parameters[i] -= lr * (m[i] * c1) / (MathF.Sqrt(v[i] * c2) + eps);
        }
    }
}
