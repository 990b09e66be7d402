using VaeLab.Numerics;

namespace VaeLab.Training;

/// <summary>
/// Adam (Kingma and Ba 2015), no weight decay: m = b1 m + (1-b1) g; v = b2 v + (1-b2) g^2;
/// θ -= lr · (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps). One flat loop over the buffer.
/// </summary>
public sealed class Adam : IOptimizer
{
    private readonly float[] _m, _v;

    /// <summary>Zero moments for <paramref name="parameterCount"/> parameters; the defaults are Kingma and Ba's.</summary>
    public Adam(int parameterCount, float learningRate, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-8f)
    {
        _m = new float[parameterCount];
        _v = new float[parameterCount];
        LearningRate = learningRate;
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
    }

    /// <summary>lr.</summary>
    public float LearningRate { get; }
    /// <summary>b1, the first moment's decay.</summary>
    public float Beta1 { get; }
    /// <summary>b2, the second moment's decay.</summary>
    public float Beta2 { get; }
    /// <summary>eps, added to sqrt(v) in the denominator.</summary>
    public float Epsilon { get; }
    /// <inheritdoc/>
    public long StepCount { get; private set; }

    /// <inheritdoc/>
    public void Step(Span<float> parameters, ReadOnlySpan<float> gradients)
    {
        StepCount++;
        float c1 = (float)(1.0 / (1.0 - Math.Pow(Beta1, StepCount)));
        float c2 = (float)(1.0 / (1.0 - Math.Pow(Beta2, StepCount)));
        AdamUpdate.Apply(parameters, gradients, _m, _v, Beta1, Beta2, LearningRate, Epsilon, c1, c2);
    }

    /// <inheritdoc/>
    public float[][] GetState() => [(float[])_m.Clone(), (float[])_v.Clone()];

    /// <inheritdoc/>
    public void SetState(float[][] state, long stepCount)
    {
        state[0].CopyTo(_m, 0);
        state[1].CopyTo(_v, 0);
        StepCount = stepCount;
    }
}
