using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using VaeLab.Numerics;

namespace VaeLab.Random;

/// <summary>
/// Bulk standard-normal sampling. Eight xoshiro256** generators run in the lanes of one
/// <see cref="Vector512{T}"/> (the same bits on any hardware; AVX-512 makes it fast), feeding a
/// vectorised Box-Muller transform (<see cref="FastMath.SinCosTwoPi"/>). Output is float32, N(0, 1).
/// </summary>
public sealed class NormalSampler
{
    private const int Lanes = 8;
    private const float InvTwoTo24 = 1.0f / 16777216.0f;

    private Vector512<ulong> _s0, _s1, _s2, _s3;

    /// <summary>Seeds lane i from outputs 4i..4i+3 of SplitMix64 started at the generator's first output.</summary>
    public NormalSampler(Xoshiro256StarStar seedSource)
    {
        ulong sm = seedSource.NextUInt64();
        Span<ulong> w = stackalloc ulong[4 * Lanes];
        for (int i = 0; i < w.Length; i++) w[i] = SplitMix64.Next(ref sm);
        SetLaneState(w);
    }

    /// <summary>Overwrites <paramref name="destination"/> with independent N(0, 1) samples.</summary>
    /// <remarks>Works in blocks of 32 normals (16 Box-Muller pairs): a call's tail leftovers are discarded, so the
    /// stream depends on the sequence of lengths requested, which is fixed for a given run. Without AVX-512 the
    /// block is computed as two Vector256 halves (<see cref="Fill256"/>), lane for lane the same arithmetic, so
    /// the same bits on every machine.</remarks>
    public void Fill(Span<float> destination)
    {
        if (Vector512.IsHardwareAccelerated || !Vector256.IsHardwareAccelerated) Fill512(destination);
        else Fill256(destination);
    }

    /// <summary>The Vector512 implementation of <see cref="Fill(Span{float})"/> (native with AVX-512, emulated otherwise).</summary>
    internal void Fill512(Span<float> destination)
    {
        ref float d = ref MemoryMarshal.GetReference(destination);
        nuint length = (nuint)destination.Length, i = 0;
        for (; i + 32 <= length; i += 32)
        {
            NextBlock(out var first, out var second);
            first.StoreUnsafe(ref d, i);
            second.StoreUnsafe(ref d, i + 16);
        }
        if (i < length)
        {
            NextBlock(out var first, out var second);
            Span<float> block = stackalloc float[32];
            first.CopyTo(block);
            second.CopyTo(block[16..]);
            block[..(int)(length - i)].CopyTo(destination[(int)i..]);
        }
    }

    /// <summary>
    /// <see cref="Fill512"/> on two Vector256 halves: lanes 0-3 and 4-7 of the generators advance separately; the
    /// first half's bits make normals 0-7 and 16-23 of a block, the second's 8-15 and 24-31, as in the Vector512 layout.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void Fill256(Span<float> destination)
    {
        Span<float> tail = stackalloc float[32];
        ref float d = ref MemoryMarshal.GetReference(destination);
        nuint length = (nuint)destination.Length;
        var (a0, a1, a2, a3) = (_s0.GetLower(), _s1.GetLower(), _s2.GetLower(), _s3.GetLower());
        var (b0, b1, b2, b3) = (_s0.GetUpper(), _s1.GetUpper(), _s2.GetUpper(), _s3.GetUpper());
        for (nuint i = 0; i < length; i += 32)
        {
            var ua = Next256(ref a0, ref a1, ref a2, ref a3);
            var ub = Next256(ref b0, ref b1, ref b2, ref b3);
            var va = Next256(ref a0, ref a1, ref a2, ref a3);
            var vb = Next256(ref b0, ref b1, ref b2, ref b3);
            Half256(ua, va, out var cosA, out var sinA);
            Half256(ub, vb, out var cosB, out var sinB);
            if (i + 32 <= length)
            {
                cosA.StoreUnsafe(ref d, i);
                cosB.StoreUnsafe(ref d, i + 8);
                sinA.StoreUnsafe(ref d, i + 16);
                sinB.StoreUnsafe(ref d, i + 24);
            }
            else
            {
                cosA.CopyTo(tail);
                cosB.CopyTo(tail[8..]);
                sinA.CopyTo(tail[16..]);
                sinB.CopyTo(tail[24..]);
                tail[..(int)(length - i)].CopyTo(destination[(int)i..]);
            }
        }
        (_s0, _s1, _s2, _s3) = (Vector512.Create(a0, b0), Vector512.Create(a1, b1), Vector512.Create(a2, b2), Vector512.Create(a3, b3));
    }

    // Eight of NextBlock's 16 pairs, from one half's two draws of generator bits.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Half256(Vector256<ulong> bitsU1, Vector256<ulong> bitsU2, out Vector256<float> rCos, out Vector256<float> rSin)
    {
        var scale = Vector256.Create(InvTwoTo24);
        var a = Vector256.ShiftRightLogical(bitsU1.AsUInt32(), 8).AsInt32();
        var u1 = Vector256.ConvertToSingle(a + Vector256<int>.One) * scale;
        var b = Vector256.ShiftRightLogical(bitsU2.AsUInt32(), 8).AsInt32();
        var u2 = Vector256.ConvertToSingle(b) * scale;
        var r = Vector256.Sqrt(Vector256.Log(u1) * -2f);
        FastMath.SinCosTwoPi(u2, out var sin, out var cos);
        rCos = r * cos;
        rSin = r * sin;
    }

    // NextBits on four of the eight generators.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> Next256(ref Vector256<ulong> s0, ref Vector256<ulong> s1, ref Vector256<ulong> s2, ref Vector256<ulong> s3)
    {
        var s1Times5 = (s1 << 2) + s1;
        var rotated = (s1Times5 << 7) | (s1Times5 >>> 57);
        var result = (rotated << 3) + rotated;
        var t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = (s3 << 45) | (s3 >>> 19);
        return result;
    }

    // 16 pairs: r = sqrt(-2 ln u1) with u1 in (0, 1], theta = 2 pi u2; (r cos theta, r sin theta) are independent N(0, 1).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void NextBlock(out Vector512<float> first, out Vector512<float> second)
    {
        var scale = Vector512.Create(InvTwoTo24);
        var a = Vector512.ShiftRightLogical(NextBits().AsUInt32(), 8).AsInt32();
        var u1 = Vector512.ConvertToSingle(a + Vector512<int>.One) * scale;
        var b = Vector512.ShiftRightLogical(NextBits().AsUInt32(), 8).AsInt32();
        var u2 = Vector512.ConvertToSingle(b) * scale;
        var r = Vector512.Sqrt(Vector512.Log(u1) * -2f);
        FastMath.SinCosTwoPi(u2, out var sin, out var cos);
        first = r * cos;
        second = r * sin;
    }

    /// <summary>Fills <paramref name="destination"/> with N(0, <paramref name="variance"/>) samples.</summary>
    public void Fill(Span<float> destination, float variance)
    {
        Fill(destination);
        if (variance != 1f) TensorPrimitives.Multiply(destination, MathF.Sqrt(variance), destination);
    }

    /// <summary>The 32 state words (lane-major per word), for checkpoints.</summary>
    public ulong[] GetState()
    {
        var state = new ulong[4 * Lanes];
        _s0.CopyTo(state, 0);
        _s1.CopyTo(state, Lanes);
        _s2.CopyTo(state, 2 * Lanes);
        _s3.CopyTo(state, 3 * Lanes);
        return state;
    }

    /// <summary>Restores the state written by <see cref="GetState"/>.</summary>
    public void SetState(ReadOnlySpan<ulong> state)
    {
        if (state.Length != 4 * Lanes) throw new ArgumentException($"NormalSampler state has {4 * Lanes} words (got {state.Length}).", nameof(state));
        _s0 = Vector512.Create(state[..Lanes]);
        _s1 = Vector512.Create(state.Slice(Lanes, Lanes));
        _s2 = Vector512.Create(state.Slice(2 * Lanes, Lanes));
        _s3 = Vector512.Create(state.Slice(3 * Lanes, Lanes));
    }

    private void SetLaneState(ReadOnlySpan<ulong> words)
    {
        Span<ulong> state = stackalloc ulong[4 * Lanes];
        for (int lane = 0; lane < Lanes; lane++)
            for (int word = 0; word < 4; word++)
                state[word * Lanes + lane] = words[lane * 4 + word];
        SetState(state);
    }

    private Vector512<ulong> NextBits()
    {
        var s1Times5 = (_s1 << 2) + _s1;
        var rotated = (s1Times5 << 7) | (s1Times5 >>> 57);
        var result = (rotated << 3) + rotated;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = (_s3 << 45) | (_s3 >>> 19);
        return result;
    }
}
