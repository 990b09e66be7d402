namespace VaeLab.Theory;

/// <summary>One recorded state of a gradient-flow or training trajectory.</summary>
/// <param name="Step">iteration.</param>
/// <param name="SingularValues">singular values of the decoder W, descending.</param>
/// <param name="OffSubspaceNorm">‖(I - P_S) W‖_F.</param>
/// <param name="Eta">decoder log-variance.</param>
/// <param name="Loss">exact population loss.</param>
public sealed record FlowSnapshot(long Step, double[] SingularValues, double OffSubspaceNorm, double Eta, double Loss);
