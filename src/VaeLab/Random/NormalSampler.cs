using System.Numerics.Tensors;
using System.Runtime.Intrinsics;

namespace VaeLab.Random;

/// <summary>
/// Bulk standard-normal sampling. Eight xoshiro256** generators run in the lanes of one
/// <see cref="Vector512{T}"/> (the same bits on any hardware; AVX-512 makes it fast), feeding a
/// vectorised Box-Muller transform. Output is float32, N(0, 1).
/// </summary>
public sealed class NormalSampler
{
    private const int Lanes = 8;
    private const int PairsPerChunk = 256;
    private const float TwoPi = 6.2831853071795864769f;
    private const float InvTwoTo24 = 1.0f / 16777216.0f;

    private Vector512<ulong> _s0, _s1, _s2, _s3;
    private readonly float[] _u1 = new float[PairsPerChunk];
    private readonly float[] _u2 = new float[PairsPerChunk];
    private readonly float[] _sin = new float[PairsPerChunk];
    private readonly float[] _cos = new float[PairsPerChunk];

    /// <summary>Seeds lane i from outputs 4i..4i+3 of SplitMix64 started at the generator's first output.</summary>
    public NormalSampler(Xoshiro256StarStar seedSource)
    {
        ulong sm = seedSource.NextUInt64();
        Span<ulong> w = stackalloc ulong[4 * Lanes];
        for (int i = 0; i < w.Length; i++) w[i] = SplitMix64.Next(ref sm);
        SetLaneState(w);
    }

    /// <summary>Overwrites <paramref name="destination"/> with independent N(0, 1) samples.</summary>
    /// <remarks>Consumes whole chunks of 16 normals: a call's tail leftovers are discarded, so the
    /// stream depends on the sequence of lengths requested, which is fixed for a given run.</remarks>
    public void Fill(Span<float> destination)
    {
        while (destination.Length > 0)
        {
            int count = Math.Min(destination.Length, 2 * PairsPerChunk);
            int pairs = ((count + 1) / 2 + 15) & ~15;
            FillUniforms(pairs);
            Span<float> u1 = _u1.AsSpan(0, pairs), u2 = _u2.AsSpan(0, pairs);
            Span<float> sin = _sin.AsSpan(0, pairs), cos = _cos.AsSpan(0, pairs);
            // r = sqrt(-2 ln u1), theta = 2 pi u2; (r cos theta, r sin theta) are independent N(0,1).
            TensorPrimitives.Log(u1, u1);
            TensorPrimitives.Multiply(u1, -2f, u1);
            TensorPrimitives.Sqrt(u1, u1);
            TensorPrimitives.Multiply(u2, TwoPi, u2);
            TensorPrimitives.SinCos(u2, sin, cos);
            int first = Math.Min(pairs, count);
            TensorPrimitives.Multiply(u1[..first], cos[..first], destination[..first]);
            int second = count - first;
            if (second > 0) TensorPrimitives.Multiply(u1[..second], sin[..second], destination.Slice(first, second));
            destination = destination[count..];
        }
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

    // Fills _u1 with (0, 1] and _u2 with [0, 1), 24 bits each, from the top 24 bits of each 32-bit half.
    private void FillUniforms(int pairs)
    {
        var one = Vector512.Create(1);
        var scale = Vector512.Create(InvTwoTo24);
        for (int i = 0; i < pairs; i += 16)
        {
            var a = Vector512.ShiftRightLogical(NextBits().AsUInt32(), 8).AsInt32();
            (Vector512.ConvertToSingle(a + one) * scale).CopyTo(_u1, i);
            var b = Vector512.ShiftRightLogical(NextBits().AsUInt32(), 8).AsInt32();
            (Vector512.ConvertToSingle(b) * scale).CopyTo(_u2, i);
        }
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
