using MathNet.Numerics.LinearAlgebra;

namespace VaeLab.Theory;

/// <summary>
/// The exact population negative ELBO of the linear VAE for data x ~ N(0, S) (SCIENCE.md section 8):
/// E KL = 1/2 Σ_j (exp(l_j) - 1 - l_j) + 1/2 (tr(B S Bᵀ) + ‖b‖²);
/// E‖x - f(s)‖² = tr((I - W B) S (I - W B)ᵀ) + ‖W b + c‖² + Σ_j ‖w_j‖² exp(l_j);
/// E NLL = E‖x - f(s)‖² / (2σ²) + n/2 (log 2π + η) (+ n/2 with the noise inside the square).
/// </summary>
public sealed class LinearVaeLoss(Matrix<double> covariance, bool noiseInLoss)
{
    private readonly Matrix<double> _s = covariance;

    /// <summary>n, the data dimension.</summary>
    public int Ambient => _s.RowCount;
    /// <summary>Whether the decoder noise sits inside the squared error (adds n/2).</summary>
    public bool NoiseInLoss { get; } = noiseInLoss;

    /// <summary>E‖x - f(s)‖² over data and the encoder's noise.</summary>
    public double ExpectedSquaredError(LinearVaeParameters p)
    {
        var r = Residual(p);
        var shift = p.W * p.Bias + p.C;
        double columns = 0;
        for (int j = 0; j < p.Latent; j++) columns += p.W.Column(j).DotProduct(p.W.Column(j)) * Math.Exp(p.L[j]);
        return (r * _s * r.Transpose()).Trace() + shift.DotProduct(shift) + columns;
    }

    /// <summary>The loss and its KL and NLL parts (nats per sample).</summary>
    public (double Loss, double Kl, double Nll) Terms(LinearVaeParameters p)
    {
        double kl = 0;
        for (int j = 0; j < p.Latent; j++) kl += 0.5 * (Math.Exp(p.L[j]) - 1 - p.L[j]);
        kl += 0.5 * ((p.B * _s * p.B.Transpose()).Trace() + p.Bias.DotProduct(p.Bias));
        int n = Ambient;
        double nll = ExpectedSquaredError(p) / (2 * Math.Exp(p.Eta)) + n / 2.0 * (Math.Log(2 * Math.PI) + p.Eta) + (NoiseInLoss ? n / 2.0 : 0);
        return (kl + nll, kl, nll);
    }

    /// <summary>The exact population negative ELBO at <paramref name="p"/>.</summary>
    public double Loss(LinearVaeParameters p) => Terms(p).Loss;

    /// <summary>
    /// The exact gradient: dB = B S - Wᵀ R S / σ²; db = b + Wᵀ(Wb + c)/σ²; dW = (-R S Bᵀ + (Wb + c) bᵀ + W diag(e^l)) / σ²;
    /// dc = (Wb + c)/σ²; dl_j = (e^{l_j} - 1)/2 + ‖w_j‖² e^{l_j} / (2σ²); dη = n/2 - E‖x - f‖² / (2σ²), with R = I - W B.
    /// </summary>
    public LinearVaeParameters Gradient(LinearVaeParameters p)
    {
        double sigma2 = Math.Exp(p.Eta);
        var r = Residual(p);
        var rs = r * _s;
        var shift = p.W * p.Bias + p.C;
        var variances = p.L.Map(Math.Exp);
        var dB = p.B * _s - p.W.Transpose() * rs / sigma2;
        var db = p.Bias + p.W.Transpose() * shift / sigma2;
        var dW = (-rs * p.B.Transpose() + shift.OuterProduct(p.Bias) + p.W * Matrix<double>.Build.DiagonalOfDiagonalVector(variances)) / sigma2;
        var dc = shift / sigma2;
        var dl = Vector<double>.Build.Dense(p.Latent, j => 0.5 * (variances[j] - 1) + p.W.Column(j).DotProduct(p.W.Column(j)) * variances[j] / (2 * sigma2));
        double dEta = Ambient / 2.0 - ExpectedSquaredError(p) / (2 * sigma2);
        return new LinearVaeParameters(dB, db, dW, dc, dl, dEta);
    }

    /// <summary>At fixed W and η, the loss-minimising encoder log-variances: exp(l_j) = σ² / (σ² + ‖w_j‖²).</summary>
    public static Vector<double> OptimalLogVariance(Matrix<double> w, double eta)
    {
        double sigma2 = Math.Exp(eta);
        return Vector<double>.Build.Dense(w.ColumnCount, j => Math.Log(sigma2 / (sigma2 + w.Column(j).DotProduct(w.Column(j)))));
    }

    private Matrix<double> Residual(LinearVaeParameters p) => Matrix<double>.Build.DenseIdentity(Ambient) - p.W * p.B;
}
