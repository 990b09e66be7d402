using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace VaeLab.Numerics;

/// <summary>
/// What <see cref="GemmAvx2"/> does to a finished tile of c, in registers as the main kernels store it
/// (<see cref="Store"/>) or while it is still in L1 (<see cref="Apply"/>), instead of another pass over c:
/// nothing, the ReLU max(c, +0) (NaN kept, -0 made +0, as <see cref="Activations.Relu"/>), or the ReLU backward mask
/// c = c where y > 0 else +0 (as <see cref="Activations.ReluBackward"/>), y having c's shape and row stride.
/// </summary>
internal readonly unsafe struct GemmEpilogue
{
    private readonly int _kind;
    private readonly nint _yMinusC;

    private GemmEpilogue(int kind, nint yMinusC)
    {
        _kind = kind;
        _yMinusC = yMinusC;
    }

    /// <summary>c = max(c, +0) per element.</summary>
    public static GemmEpilogue Relu => new(1, 0);

    /// <summary>c = c where y > 0, else +0; <paramref name="y"/> is laid out like <paramref name="c"/> and must not overlap it
    /// (the kernels read y while c's tile is still in registers).</summary>
    public static GemmEpilogue ReluMask(float* y, float* c) => new(2, (nint)(y - c));

    /// <summary>True for the plain product (no epilogue): the kernels then store their accumulators as they are.</summary>
    public bool IsNone => _kind == 0;

    /// <summary>Applies the epilogue to rows x cols of c starting at <paramref name="c"/> (row stride ldc).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Apply(float* c, int rows, int cols, nint ldc)
    {
        if (_kind != 0) ApplyTile(c, rows, cols, ldc);
    }

    /// <summary>
    /// Stores the whole vector x of a tile at <paramref name="c"/> with the epilogue (not <see cref="IsNone"/>) applied in
    /// registers: the bits a plain store and then <see cref="Apply"/> would leave there, without the reload and second store.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(float* c, Vector256<float> x) => Avx.Store(c, Avx.And(x, Keep(x, c + _yMinusC, Vector256<float>.Zero)));

    private void ApplyTile(float* c, int rows, int cols, nint ldc)
    {
        var zero = Vector256<float>.Zero;
        for (int r = 0; r < rows; r++, c += ldc)
        {
            int j = 0;
            // Plain loads and stores for whole vectors: a masked store is microcoded and slow on AMD cores.
            for (; j + 8 <= cols; j += 8)
            {
                var x = Avx.LoadVector256(c + j);
                Avx.Store(c + j, Avx.And(x, Keep(x, c + _yMinusC + j, zero)));
            }
            if (j < cols)
            {
                var mask = GemmAvx2.TailMask(cols - j);
                var x = Avx.MaskLoad(c + j, mask);
                var keep = _kind == 1 ? Avx.CompareNotLessThanOrEqual(x, zero) : Avx.CompareGreaterThan(Avx.MaskLoad(c + _yMinusC + j, mask), zero);
                Avx.MaskStore(c + j, mask, Avx.And(x, keep));
            }
        }
    }

    // Relu: keep x where x > 0 or x is NaN (not less-or-equal), else +0. Mask: keep x where y > 0.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Vector256<float> Keep(Vector256<float> x, float* y, Vector256<float> zero) =>
        _kind == 1 ? Avx.CompareNotLessThanOrEqual(x, zero) : Avx.CompareGreaterThan(Avx.LoadVector256(y), zero);
}
