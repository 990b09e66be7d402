namespace VaeLab.Models;

/// <summary>The batch-mean negative ELBO and its parts (nats per sample).</summary>
public readonly record struct LossTerms(double Loss, double Kl, double Nll)
{
    /// <summary>True when every term is finite.</summary>
    public bool IsFinite => double.IsFinite(Loss) && double.IsFinite(Kl) && double.IsFinite(Nll);
}
