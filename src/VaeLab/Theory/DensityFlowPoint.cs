namespace VaeLab.Theory;

/// <summary>One point of the density along gradient flow: the generated covariance W Wᵀ against the data's S.</summary>
/// <param name="Step">Euler step.</param>
/// <param name="Time">flow time Σ h · min(1, σ²) (the step is rescaled as in <see cref="GradientFlow"/>); NaN where not tracked.</param>
/// <param name="Eta">decoder log-variance η = log σ² (trainable).</param>
/// <param name="CovarianceError">‖W Wᵀ − S‖_F / ‖S‖_F: the relative covariance error of the noise-free generated distribution (C3).</param>
/// <param name="Loss">the exact population loss.</param>
public sealed record DensityFlowPoint(long Step, double Time, double Eta, double CovarianceError, double Loss);
