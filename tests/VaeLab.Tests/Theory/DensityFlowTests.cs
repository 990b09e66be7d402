using MathNet.Numerics.LinearAlgebra;
using VaeLab.Random;
using VaeLab.Theory;

namespace VaeLab.Tests.Theory;

public class DensityFlowTests
{
    [Fact]
    public void Covariance_error_is_zero_for_a_square_root_and_one_for_zero()
    {
        var w = Matrix<double>.Build.DenseOfArray(new double[,] { { 2, 0 }, { 0, 1 }, { 0, 0 } });
        var s = w * w.Transpose();
        Assert.Equal(0, DensityFlow.CovarianceError(w, s), 12);
        Assert.Equal(1, DensityFlow.CovarianceError(Matrix<double>.Build.Dense(3, 2), s), 12);
        // Any rotation of the latent space leaves W Wᵀ unchanged.
        var rotation = Matrix<double>.Build.DenseOfArray(new double[,] { { 0.6, -0.8 }, { 0.8, 0.6 } });
        Assert.Equal(0, DensityFlow.CovarianceError(w * rotation, s), 12);
    }

    [Fact]
    public void Flow_lowers_the_loss_and_trains_the_decoder_variance()
    {
        // S = diag(4, 1, 0, 0): rank 2 in R^4, three latents.
        var s = Matrix<double>.Build.DenseOfDiagonalArray([4.0, 1.0, 0, 0]);
        var loss = new LinearVaeLoss(s, noiseInLoss: false);
        var start = GradientFlow.RandomStart(4, 3, -1, 0.1, RngStreams.Create(3, "flow"));
        var points = DensityFlow.Run(loss, s, start, 4000, 1e-2, 100);
        Assert.Equal(41, points.Count);
        for (int i = 1; i < points.Count; i++) Assert.True(points[i].Loss <= points[i - 1].Loss + 1e-9, $"loss rose at {points[i].Step}");
        Assert.True(points[^1].Eta < points[0].Eta - 1, $"η {points[0].Eta} -> {points[^1].Eta}");
        Assert.True(points[^1].CovarianceError < points[0].CovarianceError);
    }

    [Fact]
    public void Still_falling_compares_the_last_fifth()
    {
        Assert.True(DensityFlow.StillFalling([1, 0.9, 0.8, 0.7, 0.6, 0.5]));
        Assert.False(DensityFlow.StillFalling([1, 0.5, 0.3, 0.3, 0.3, 0.3]));
        Assert.False(DensityFlow.StillFalling([1]));
    }
}
