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
}
