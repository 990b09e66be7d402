using System.Numerics.Tensors;

namespace VaeLab.Training;

/// <summary>Plain gradient descent: θ -= lr · g.</summary>
public sealed class Sgd(float learningRate) : IOptimizer
{
    /// <summary>lr.</summary>
    public float LearningRate { get; } = learningRate;
    /// <inheritdoc/>
    public long StepCount { get; private set; }

    /// <inheritdoc/>
    public void Step(Span<float> parameters, ReadOnlySpan<float> gradients)
    {
        StepCount++;
        TensorPrimitives.MultiplyAdd(gradients, -LearningRate, parameters, parameters);
    }

    /// <inheritdoc/>
    public float[][] GetState() => [];

    /// <inheritdoc/>
    public void SetState(float[][] state, long stepCount) => StepCount = stepCount;
}
