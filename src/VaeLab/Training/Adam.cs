using System.Runtime.Intrinsics;

namespace VaeLab.Training;

/// <summary>
/// Adam (Kingma and Ba 2015), no weight decay: m = b1 m + (1-b1) g; v = b2 v + (1-b2) g^2;
/// θ -= lr · (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps). One flat loop over the buffer.
/// </summary>
public sealed class Adam : IOptimizer
{
    private readonly float[] _m, _v;

    public Adam(int parameterCount, float learningRate, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-8f)
    {
        _m = new float[parameterCount];
        _v = new float[parameterCount];
        LearningRate = learningRate;
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
    }

    public float LearningRate { get; }
    public float Beta1 { get; }
    public float Beta2 { get; }
    public float Epsilon { get; }
    public long StepCount { get; private set; }

    public void Step(Span<float> parameters, ReadOnlySpan<float> gradients)
    {
        StepCount++;
        float c1 = (float)(1.0 / (1.0 - Math.Pow(Beta1, StepCount)));
        float c2 = (float)(1.0 / (1.0 - Math.Pow(Beta2, StepCount)));
        float b1 = Beta1, b2 = Beta2, a1 = 1f - b1, a2 = 1f - b2, lr = LearningRate, eps = Epsilon;
        Span<float> m = _m, v = _v;
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
            // The same operations in the same order as the lines above and below: bit-identical results.
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

    public float[][] GetState() => [(float[])_m.Clone(), (float[])_v.Clone()];

    public void SetState(float[][] state, long stepCount)
    {
        state[0].CopyTo(_m, 0);
        state[1].CopyTo(_v, 0);
        StepCount = stepCount;
    }
}
