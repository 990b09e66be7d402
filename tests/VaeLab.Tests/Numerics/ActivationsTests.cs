using VaeLab.Numerics;
using VaeLab.Random;

namespace VaeLab.Tests.Numerics;

public class ActivationsTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(100)]
    [InlineData(2001)]
    public void ReluBackward_matches_scalar_twin(int length)
    {
        var rng = new Xoshiro256StarStar((ulong)length);
        float[] y = GemmTests.Fill(rng, length), dy = GemmTests.Fill(rng, length);
        Activations.Relu(y, y);
        float[] fast = new float[length], slow = new float[length];
        Activations.ReluBackward(y, dy, fast);
        Activations.ReluBackwardScalar(y, dy, slow);
        Assert.Equal(slow, fast);
        for (int i = 0; i < length; i++) Assert.Equal(y[i] > 0 ? dy[i] : 0f, fast[i]);
    }

    [Fact]
    public void Column_sums_accumulate()
    {
        float[] dy = [1, 2, 3, 4, 5, 6];
        float[] db = [10, 20, 30];
        Activations.AddColumnSums(dy, db, 2, 3);
        Assert.Equal([15f, 27f, 39f], db);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(100, 7)]
    [InlineData(100, 12)]
    [InlineData(100, 20)]
    [InlineData(99, 22)]
    [InlineData(100, 128)]
    [InlineData(100, 33)]
    [InlineData(3, 36)]
    [InlineData(100, 200)]
    [InlineData(0, 5)]
    public void Column_sums_match_scalar_twin_and_row_by_row_adds(int rows, int cols)
    {
        var rng = new Xoshiro256StarStar((ulong)(rows * 1000 + cols));
        float[] dy = GemmTests.Fill(rng, rows * cols), db = GemmTests.Fill(rng, cols);
        float[] fast = (float[])db.Clone(), slow = (float[])db.Clone(), rowwise = (float[])db.Clone();
        Activations.AddColumnSums(dy, fast, rows, cols);
        Activations.AddColumnSumsScalar(dy, slow, rows, cols);
        // The previous implementation: one vector add of each row into db (same order per element).
        for (int i = 0; i < rows; i++) System.Numerics.Tensors.TensorPrimitives.Add(rowwise, dy.AsSpan(i * cols, cols), rowwise);
        Assert.Equal(slow, fast);
        Assert.Equal(rowwise, fast);
        for (int j = 0; j < cols; j++)
        {
            double sum = db[j];
            for (int i = 0; i < rows; i++) sum += dy[i * cols + j];
            Assert.Equal(sum, fast[j], 1e-3);
        }
    }
}
