using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace VaeLab.Numerics;

/// <summary>
/// Vectorised sin(2πu) and cos(2πu) for the Box-Muller transform (TensorPrimitives.SinCos is several times
/// slower here). Reduction to [-π/4, π/4] by quarter turns, then degree-7/8 Taylor polynomials: absolute error
/// below 4e-7. <see cref="SinCosTwoPiScalar"/> is the scalar twin with the same arithmetic.
/// </summary>
public static class FastMath
{
    private const float TwoPi = 6.2831853071795864769f;
    // Taylor coefficients of sin and cos around 0.
    private const float S3 = -1f / 6, S5 = 1f / 120, S7 = -1f / 5040;
    private const float C2 = -0.5f, C4 = 1f / 24, C6 = -1f / 720, C8 = 1f / 40320;

    /// <summary>sin(2πu), cos(2πu) lane by lane, for any finite u.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SinCosTwoPi(Vector512<float> u, out Vector512<float> sin, out Vector512<float> cos)
    {
        var quarters = Vector512.Round(u * 4f);
        var y = (u - quarters * 0.25f) * TwoPi;
        var y2 = y * y;
        var s = y + y * y2 * (Vector512.Create(S3) + y2 * (Vector512.Create(S5) + y2 * S7));
        var c = Vector512<float>.One + y2 * (Vector512.Create(C2) + y2 * (Vector512.Create(C4) + y2 * (Vector512.Create(C6) + y2 * C8)));
        var q = Vector512.ConvertToInt32(quarters) & Vector512.Create(3);
        // Rotate (s, c) by q quarter turns: q=1 -> (c, -s), q=2 -> (-s, -c), q=3 -> (-c, s).
        var odd = Vector512.Equals(q & Vector512<int>.One, Vector512<int>.One).AsSingle();
        var swappedSin = Vector512.ConditionalSelect(odd, c, s);
        var swappedCos = Vector512.ConditionalSelect(odd, s, c);
        var negateSin = Vector512.GreaterThanOrEqual(q, Vector512.Create(2)).AsSingle();
        var negateCos = Vector512.Equals(q - Vector512<int>.One, Vector512<int>.Zero).AsSingle() | Vector512.Equals(q, Vector512.Create(2)).AsSingle();
        var signBit = Vector512.Create(-0f);
        sin = swappedSin ^ (negateSin & signBit);
        cos = swappedCos ^ (negateCos & signBit);
    }

    /// <summary>
    /// <see cref="SinCosTwoPi(Vector512{float}, out Vector512{float}, out Vector512{float})"/> on eight lanes, with the
    /// same arithmetic lane by lane (for machines without AVX-512, where a Vector512 is emulated by two halves).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SinCosTwoPi(Vector256<float> u, out Vector256<float> sin, out Vector256<float> cos)
    {
        var quarters = Vector256.Round(u * 4f);
        var y = (u - quarters * 0.25f) * TwoPi;
        var y2 = y * y;
        var s = y + y * y2 * (Vector256.Create(S3) + y2 * (Vector256.Create(S5) + y2 * S7));
        var c = Vector256<float>.One + y2 * (Vector256.Create(C2) + y2 * (Vector256.Create(C4) + y2 * (Vector256.Create(C6) + y2 * C8)));
        var q = Vector256.ConvertToInt32(quarters) & Vector256.Create(3);
        var odd = Vector256.Equals(q & Vector256<int>.One, Vector256<int>.One).AsSingle();
        var swappedSin = Vector256.ConditionalSelect(odd, c, s);
        var swappedCos = Vector256.ConditionalSelect(odd, s, c);
        var negateSin = Vector256.GreaterThanOrEqual(q, Vector256.Create(2)).AsSingle();
        var negateCos = Vector256.Equals(q - Vector256<int>.One, Vector256<int>.Zero).AsSingle() | Vector256.Equals(q, Vector256.Create(2)).AsSingle();
        var signBit = Vector256.Create(-0f);
        sin = swappedSin ^ (negateSin & signBit);
        cos = swappedCos ^ (negateCos & signBit);
    }

    /// <summary>The scalar twin of <see cref="SinCosTwoPi(Vector512{float}, out Vector512{float}, out Vector512{float})"/>.</summary>
    public static (float Sin, float Cos) SinCosTwoPiScalar(float u)
    {
        float quarters = MathF.Round(u * 4f);
        float y = (u - quarters * 0.25f) * TwoPi, y2 = y * y;
        float s = y + y * y2 * (S3 + y2 * (S5 + y2 * S7));
        float c = 1f + y2 * (C2 + y2 * (C4 + y2 * (C6 + y2 * C8)));
        return ((int)quarters & 3) switch
        {
            0 => (s, c),
            1 => (c, -s),
            2 => (-s, -c),
            _ => (-c, s),
        };
    }
}
