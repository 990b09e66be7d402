using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace VaeLab.Numerics;

/// <summary>
/// The AVX2/FMA twin of <see cref="Gemm"/>'s AVX-512 kernel for machines without AVX-512. The columns of c are cut
/// into panels 24 or 16 wide (8 only when n is); every row block of a runs over a panel while it stays in L1 (the
/// 4 x 24 and 6 x 16 kernels of <see cref="GemmAvx2Kernels"/>, masked kernels for the edges). A row-major b is read in
/// place with its row stride (see <see cref="ReadInPlace"/>); otherwise each panel is packed once into a contiguous,
/// 32-byte aligned per-thread buffer. Packing reads b through strides, so products with a transposed b (the input
/// gradient dy·Wᵀ) need no separate transpose. Every element is computed exactly as
/// the AVX-512 kernel computes it: start from the bias (or c, or zero), then one fused multiply-add per p in
/// increasing order, so both machines give bit-identical products.
/// </summary>
internal static unsafe class GemmAvx2
{
    [ThreadStatic] private static float[]? t_panel;

    public static bool IsSupported => Avx.IsSupported && Fma.IsSupported;

    /// <summary>
    /// c (m, n) = bias + a·b or c += a·b; a through its strides (rs, cs); element (p, j) of b is b[p*brs + j*bcs]
    /// ((brs, bcs) = (n, 1) for a row-major b, (1, k) for the transpose of a row-major (n, k)); bias null for none.
    /// </summary>
    public static void Run(float* a, int rs, int cs, float* b, int brs, int bcs, float* bias, float* c, int m, int k, int n, bool acc,
        GemmEpilogue epilogue = default)
    {
        if (bcs == 1 && ReadInPlace(m, k, n, brs))
        {
            RunInPlace(a, rs, cs, b, brs, bias, c, m, k, n, acc, epilogue);
            return;
        }
        int paddedN = (n + 7) & ~7;
        float[] buffer = PanelBuffer(paddedN * k);
        fixed (float* pinned = buffer)
        {
            // The buffer lives on the pinned heap, so aligning the pointer once per call is safe. The panel of columns
            // j.. starts at k*j: all of b is packed first, in one sequential sweep, so that b streams in from memory
            // at full speed rather than one panel's strided rows at a time.
            float* packed = (float*)(((nint)pinned + 31) & ~(nint)31);
            PackAll(b, brs, bcs, packed, k, n);
            for (int j = 0; j < n;)
            {
                int width = PanelWidth(n - j), valid = Math.Min(width, n - j);
                float* panel = packed + (long)k * j, bj = bias == null ? null : bias + j;
                if (valid == 24) Panel24(a, rs, cs, panel, 24, bj, c + j, m, k, n, acc, epilogue);
                else if (valid == 16) Panel16(a, rs, cs, panel, 16, bj, c + j, m, k, n, acc, epilogue);
                else PanelMasked(a, rs, cs, panel, width, bj, c + j, m, k, n, acc, valid, epilogue);
                j += width;
            }
        }
    }

    // A row-major b is read in place where a packed copy cannot pay for itself: b is already one contiguous panel
    // (n = brs <= 24; only a 16- or 24-wide one is read as it is, a partial panel such as n = 21 is still copied,
    // padded, by RunInPlace), a panel has at most 32 rows (k), or at most 16 rows of a reuse it (m). In place, c must not
    // overlap b (the packed copy made that harmless; no caller does it). Elsewhere the packed
    // copy wins or ties: it streams b in one sequential sweep while b is cold (after the optimiser step), and a panel
    // read in place with a row stride that is a multiple of 256 bytes aliases into 16 of the 64 sets of the L1
    // (measured, hot: 100 x 128 x 128 takes 40 µs in place, 36.5 packed; 16 x 100 x 200 takes 7.0 in place, 9.8 packed).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool ReadInPlace(int m, int k, int n, int brs) => (brs == n && n <= 24) || k <= 32 || m <= 16;

    // b row-major with row stride brs: the full 24- and 16-wide panels are read in place; only a partial last panel is
    // packed, padded with zeros, for the masked kernels.
    private static void RunInPlace(float* a, int rs, int cs, float* b, int brs, float* bias, float* c, int m, int k, int n, bool acc,
        GemmEpilogue epilogue)
    {
        for (int j = 0; j < n;)
        {
            int width = PanelWidth(n - j), valid = Math.Min(width, n - j);
            float* bj = bias == null ? null : bias + j;
            if (valid == 24) Panel24(a, rs, cs, b + j, brs, bj, c + j, m, k, n, acc, epilogue);
            else if (valid == 16) Panel16(a, rs, cs, b + j, brs, bj, c + j, m, k, n, acc, epilogue);
            else
            {
                fixed (float* pinned = PanelBuffer(width * k))
                {
                    float* panel = (float*)(((nint)pinned + 31) & ~(nint)31);
                    PackRows(b + j, brs, panel, k, width, valid);
                    PanelMasked(a, rs, cs, panel, width, bj, c + j, m, k, n, acc, valid, epilogue);
                }
            }
            j += width;
        }
    }

    // 24 columns a panel, but 16 + 16 for the last four vectors and 16 or 8 for the last two or one: no panel is left
    // with a single vector (4 accumulators cannot hide the FMA latency).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int PanelWidth(int columnsLeft)
    {
        int vectorsLeft = (columnsLeft + 7) / 8;
        return vectorsLeft == 1 ? 8 : vectorsLeft is 2 or 4 ? 16 : 24;
    }

    private static void PackAll(float* b, int brs, int bcs, float* packed, int k, int n)
    {
        if (bcs != 1)
        {
            for (int j = 0; j < n;)
            {
                int width = PanelWidth(n - j);
                Pack(b + (long)j * bcs, brs, bcs, packed + (long)k * j, k, width, Math.Min(width, n - j));
                j += width;
            }
            return;
        }
        for (int p = 0; p < k; p++)
        {
            float* src = b + (long)p * brs;
            for (int j = 0; j < n;)
            {
                int width = PanelWidth(n - j);
                PackRow(src + j, packed + (long)k * j + (long)p * width, width, Math.Min(width, n - j));
                j += width;
            }
        }
    }

    // panel (k, width) row-major = columns 0..valid-1 of the row-major b (row stride brs), zeros beyond.
    private static void PackRows(float* b, int brs, float* panel, int k, int width, int valid)
    {
        for (int p = 0; p < k; p++, b += brs, panel += width) PackRow(b, panel, width, valid);
    }

    // One row of a panel: the valid floats of src, then zeros up to width.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PackRow(float* src, float* dst, int width, int valid)
    {
        // width is a multiple of 8: a masked load copies the partial vector and zeroes its tail (it reads nothing past src's valid floats).
        int jj = 0;
        for (; jj + 8 <= valid; jj += 8) Avx.Store(dst + jj, Avx.LoadVector256(src + jj));
        if (jj < valid) { Avx.Store(dst + jj, Avx.MaskLoad(src + jj, TailMask(valid - jj))); jj += 8; }
        for (; jj < width; jj += 8) Avx.Store(dst + jj, Vector256<float>.Zero);
    }

    private static void Panel24(float* a, int rs, int cs, float* panel, int ldb, float* bias, float* c, int m, int k, int n, bool acc, GemmEpilogue e)
    {
        int i = 0;
        for (; i + 4 <= m; i += 4)
        {
            if (i + 8 <= m) Prefetch(c + (long)(i + 4) * n, 4, 24, n);
            GemmAvx2Kernels.Kernel4x24<GemmAvx2Edges.Full>(a + (long)i * rs, rs, cs, panel, ldb, bias, c + (long)i * n, n, k, acc, e, 24);
        }
        RowTail(a, rs, cs, panel, ldb, bias, c, i, m, k, n, acc, 24, e);
    }

    private static void Panel16(float* a, int rs, int cs, float* panel, int ldb, float* bias, float* c, int m, int k, int n, bool acc, GemmEpilogue e)
    {
        int i = 0;
        for (; i + 6 <= m; i += 6)
        {
            if (i + 12 <= m) Prefetch(c + (long)(i + 6) * n, 6, 16, n);
            GemmAvx2Kernels.Kernel6x16(a + (long)i * rs, rs, cs, panel, ldb, bias, c + (long)i * n, n, k, acc, e);
        }
        for (; i + 4 <= m; i += 4)
        {
            GemmAvx2Kernels.Kernel4x16(a + (long)i * rs, rs, cs, panel, ldb, bias, c + (long)i * n, n, k, acc, Vector256<float>.AllBitsSet);
            e.Apply(c + (long)i * n, 4, 16, n);
        }
        RowTail(a, rs, cs, panel, ldb, bias, c, i, m, k, n, acc, 16, e);
    }

    // A panel whose last 8 columns are partly outside c, or an 8-wide panel: a 24-wide one through the 4 x 24 kernel's edge
    // instantiation (no masked store), the others through masked kernels, four rows at a time. The epilogue follows each tile
    // while it is in L1 (no edge caller has one today; its masked reload would straddle the edge's overlapping stores).
    private static void PanelMasked(float* a, int rs, int cs, float* panel, int width, float* bias, float* c, int m, int k, int n, bool acc, int valid,
        GemmEpilogue e)
    {
        int i = 0;
        if (width == 8)
        {
            for (; i + 8 <= m; i += 8)
            {
                GemmAvx2Kernels.Kernel8x8(a + (long)i * rs, rs, cs, panel, bias, c + (long)i * n, n, k, acc, valid);
                e.Apply(c + (long)i * n, 8, valid, n);
            }
        }
        if (width == 24)
            for (; i + 4 <= m; i += 4)
            {
                GemmAvx2Kernels.Kernel4x24<GemmAvx2Edges.Edge>(a + (long)i * rs, rs, cs, panel, 24, bias, c + (long)i * n, n, k, acc, default, valid);
                e.Apply(c + (long)i * n, 4, valid, n);
            }
        for (; i + 4 <= m; i += 4)
        {
            float* ai = a + (long)i * rs, ci = c + (long)i * n;
            for (int jj = 0; jj < valid; jj += 16)
            {
                float* bb = bias == null ? null : bias + jj;
                if (valid - jj > 8) GemmAvx2Kernels.Kernel4x16(ai, rs, cs, panel + jj, width, bb, ci + jj, n, k, acc, TailMask(valid - jj - 8));
                else GemmAvx2Kernels.Kernel4x8(ai, rs, cs, panel + jj, width, bb, ci + jj, n, k, acc, TailMask(valid - jj));
            }
            e.Apply(ci, 4, valid, n);
        }
        RowTail(a, rs, cs, panel, width, bias, c, i, m, k, n, acc, valid, e);
    }

    // Rows from..m-1, one at a time, 8 columns per kernel; ldb is the panel's row stride.
    private static void RowTail(float* a, int rs, int cs, float* panel, int ldb, float* bias, float* c, int from, int m, int k, int n, bool acc, int valid,
        GemmEpilogue e)
    {
        for (int i = from; i < m; i++)
        {
            for (int jj = 0; jj < valid; jj += 8)
                GemmAvx2Kernels.Kernel1x8(a + (long)i * rs, cs, panel + jj, ldb, bias == null ? null : bias + jj, c + (long)i * n + jj, k, acc, TailMask(valid - jj));
            e.Apply(c + (long)i * n, 1, valid, n);
        }
    }

    // panel (k, width) row-major = columns 0..valid-1 of b (element (p, j) at b[p*brs + j*bcs]), zeros beyond; b not
    // contiguous along j.
    private static void Pack(float* b, int brs, int bcs, float* panel, int k, int width, int valid)
    {
        int j = 0;
        for (; j + 8 <= valid; j += 8) PackTransposed8(b + (long)j * bcs, brs, bcs, panel + j, k, width);
        for (; j < width; j++)
        {
            float* src = b + (long)j * bcs;
            if (j < valid) for (int p = 0; p < k; p++) panel[(long)p * width + j] = src[(long)p * brs];
            else for (int p = 0; p < k; p++) panel[(long)p * width + j] = 0;
        }
    }

    // Columns j..j+7 of b, each contiguous along p (brs = 1 in practice), into 8 lanes of the panel: 8 x 8 transposes.
    private static void PackTransposed8(float* b, int brs, int bcs, float* dst, int k, int width)
    {
        int p = 0;
        if (brs == 1)
        {
            for (; p + 8 <= k; p += 8)
            {
                float* s = b + p;
                Transpose8x8(Avx.LoadVector256(s), Avx.LoadVector256(s + bcs), Avx.LoadVector256(s + 2 * (long)bcs),
                    Avx.LoadVector256(s + 3 * (long)bcs), Avx.LoadVector256(s + 4 * (long)bcs), Avx.LoadVector256(s + 5 * (long)bcs),
                    Avx.LoadVector256(s + 6 * (long)bcs), Avx.LoadVector256(s + 7 * (long)bcs), dst + (long)p * width, width);
            }
        }
        for (; p < k; p++)
            for (int r = 0; r < 8; r++) dst[(long)p * width + r] = b[(long)p * brs + (long)r * bcs];
    }

    // Stores the transpose of the 8 x 8 block (rows r0..r7) as 8 rows at dst, dst + ld, ...
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose8x8(Vector256<float> r0, Vector256<float> r1, Vector256<float> r2, Vector256<float> r3,
        Vector256<float> r4, Vector256<float> r5, Vector256<float> r6, Vector256<float> r7, float* dst, int ld)
    {
        var t0 = Avx.UnpackLow(r0, r1); var t1 = Avx.UnpackHigh(r0, r1);
        var t2 = Avx.UnpackLow(r2, r3); var t3 = Avx.UnpackHigh(r2, r3);
        var t4 = Avx.UnpackLow(r4, r5); var t5 = Avx.UnpackHigh(r4, r5);
        var t6 = Avx.UnpackLow(r6, r7); var t7 = Avx.UnpackHigh(r6, r7);
        var u0 = Avx.Shuffle(t0, t2, 0x44); var u1 = Avx.Shuffle(t0, t2, 0xEE);
        var u2 = Avx.Shuffle(t1, t3, 0x44); var u3 = Avx.Shuffle(t1, t3, 0xEE);
        var u4 = Avx.Shuffle(t4, t6, 0x44); var u5 = Avx.Shuffle(t4, t6, 0xEE);
        var u6 = Avx.Shuffle(t5, t7, 0x44); var u7 = Avx.Shuffle(t5, t7, 0xEE);
        Avx.Store(dst, Avx.Permute2x128(u0, u4, 0x20));
        Avx.Store(dst + ld, Avx.Permute2x128(u1, u5, 0x20));
        Avx.Store(dst + 2 * ld, Avx.Permute2x128(u2, u6, 0x20));
        Avx.Store(dst + 3 * ld, Avx.Permute2x128(u3, u7, 0x20));
        Avx.Store(dst + 4 * ld, Avx.Permute2x128(u0, u4, 0x31));
        Avx.Store(dst + 5 * ld, Avx.Permute2x128(u1, u5, 0x31));
        Avx.Store(dst + 6 * ld, Avx.Permute2x128(u2, u6, 0x31));
        Avx.Store(dst + 7 * ld, Avx.Permute2x128(u3, u7, 0x31));
    }

    // The next tile of c, while this one computes: c is read (accumulating) or written once per call and would
    // otherwise miss the cache at the start of every tile.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Prefetch(float* c, int rows, int cols, nint ldc)
    {
        for (int r = 0; r < rows; r++, c += ldc)
        {
            Sse.Prefetch0(c);
            Sse.Prefetch0(c + cols - 1);
        }
    }

    private static float[] PanelBuffer(int length)
    {
        float[]? buffer = t_panel;
        if (buffer == null || buffer.Length < length + 8)
            t_panel = buffer = GC.AllocateArray<float>(Math.Max(length + 8, 256 * 256 + 8), pinned: true);
        return buffer;
    }

    // Lanes below `remaining` set (sign bit), as Avx.MaskLoad/MaskStore read them.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<float> TailMask(int remaining) =>
        remaining >= 8 ? Vector256<float>.AllBitsSet : Vector256.LessThan(Vector256<int>.Indices, Vector256.Create(remaining)).AsSingle();
}
