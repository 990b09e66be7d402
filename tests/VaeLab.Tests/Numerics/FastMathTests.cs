using System.Runtime.Intrinsics;
using VaeLab.Numerics;

namespace VaeLab.Tests.Numerics;

public class FastMathTests
{
    [Fact]
    public void SinCosTwoPi_matches_the_library_and_its_scalar_twin()
    {
        var u = Enumerable.Range(0, 16 * 4000).Select(i => -2f + i * (4f / (16 * 4000))).ToArray();
        for (int i = 0; i < u.Length; i += 16)
        {
            FastMath.SinCosTwoPi(Vector512.Create(u.AsSpan(i, 16)), out var sin, out var cos);
            for (int k = 0; k < 16; k++)
            {
                double angle = 2 * Math.PI * u[i + k];
                Assert.True(Math.Abs(sin[k] - Math.Sin(angle)) < 1e-6, $"sin at u = {u[i + k]}: {sin[k]} vs {Math.Sin(angle)}");
                Assert.True(Math.Abs(cos[k] - Math.Cos(angle)) < 1e-6, $"cos at u = {u[i + k]}: {cos[k]} vs {Math.Cos(angle)}");
                var (s, c) = FastMath.SinCosTwoPiScalar(u[i + k]);
                Assert.True(Math.Abs(s - sin[k]) < 1e-7 && Math.Abs(c - cos[k]) < 1e-7, $"scalar twin differs at u = {u[i + k]}");
            }
        }
    }

    [Fact]
    public void SinCosTwoPi_on_eight_lanes_matches_sixteen_lanes_bit_for_bit()
    {
        var u = Enumerable.Range(0, 16 * 500).Select(i => -3f + i * (6f / (16 * 500))).ToArray();
        for (int i = 0; i < u.Length; i += 16)
        {
            FastMath.SinCosTwoPi(Vector512.Create(u.AsSpan(i, 16)), out var sin, out var cos);
            FastMath.SinCosTwoPi(Vector256.Create(u.AsSpan(i, 8)), out var sinLo, out var cosLo);
            FastMath.SinCosTwoPi(Vector256.Create(u.AsSpan(i + 8, 8)), out var sinHi, out var cosHi);
            Assert.Equal(sin, Vector512.Create(sinLo, sinHi));
            Assert.Equal(cos, Vector512.Create(cosLo, cosHi));
        }
    }
}
