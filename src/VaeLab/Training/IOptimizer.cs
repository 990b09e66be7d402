namespace VaeLab.Training;

/// <summary>Updates a flat parameter buffer from its flat gradient buffer.</summary>
public interface IOptimizer
{
    /// <summary>Number of steps taken so far.</summary>
    long StepCount { get; }

    /// <summary>One update of <c>parameters</c> from <c>gradients</c> (same length). Overwrites parameters.</summary>
    void Step(Span<float> parameters, ReadOnlySpan<float> gradients);

    /// <summary>Optimiser state (moments, step count) for checkpoints.</summary>
    float[][] GetState();

    /// <summary>Restores what <see cref="GetState"/> returned, with the step count.</summary>
    void SetState(float[][] state, long stepCount);
}
