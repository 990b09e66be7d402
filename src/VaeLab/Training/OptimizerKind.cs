namespace VaeLab.Training;

/// <summary>The optimizer a <see cref="Trainer"/> steps with.</summary>
public enum OptimizerKind
{
    /// <summary><see cref="Training.Adam"/> with the paper's betas.</summary>
    Adam,

    /// <summary>Plain stochastic gradient descent, <see cref="Training.Sgd"/>.</summary>
    Sgd,
}
