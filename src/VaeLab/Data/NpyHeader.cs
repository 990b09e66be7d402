namespace VaeLab.Data;

/// <summary>What the header of a .npy file says: the shape, the element size in bytes and where the data start.</summary>
/// <param name="Rows">rows of the 2-D array.</param>
/// <param name="Cols">columns of the 2-D array.</param>
/// <param name="ElementSize">4 for float32, 8 for float64.</param>
/// <param name="DataOffset">the byte where the data start (after the magic, version and header).</param>
public sealed record NpyHeader(long Rows, long Cols, int ElementSize, long DataOffset)
{
    /// <summary>rows × cols.</summary>
    public long Count => Rows * Cols;

    /// <summary>Bytes of data the shape needs.</summary>
    public long DataBytes => Count * ElementSize;
}
