using System.Numerics.Tensors;

namespace VaeLab.Training;

/// <summary>Plain gradient descent: θ -= lr · g.</summary>
public sealed class Sgd(float learningRate) : IOptimizer
{
    public float LearningRate { get; } = learningRate;
    public long StepCount { get; private set; }

    public void Step(Span<float> parameters, ReadOnlySpan<float> gradients)
    {
        StepCount++;
        TensorPrimitives.MultiplyAdd(gradients, -LearningRate, parameters, parameters);
    }

    public float[][] GetState() => [];

    public void SetState(float[][] state, long stepCount) => StepCount = stepCount;
}
