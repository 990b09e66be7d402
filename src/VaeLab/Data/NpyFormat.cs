using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;
using VaeLab.Core;

namespace VaeLab.Data;

/// <summary>NumPy's .npy format, versions 1-3: 2-D float32 or float64 arrays in C order, of any file size (read as a stream).</summary>
public static partial class NpyFormat
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Bytes read per chunk when streaming the data (a multiple of 8).</summary>
    internal const int DefaultChunkBytes = 1 << 22;

    /// <summary>
    /// Reads the array, streamed in chunks of <paramref name="chunkBytes"/> (so files over 2 GiB are read too), converting
    /// float64 to float32. The values must fit in one float32 array (<see cref="Array.MaxLength"/> elements, 8 GiB).
    /// </summary>
    public static Dataset Read(string path, string label, int chunkBytes = DefaultChunkBytes)
    {
        using var stream = Open(path, label);
        var h = ReadHeader(stream, path, label);
        if (h.Count > Array.MaxLength)
            throw new ConfigException($"{label} '{path}': shape ({h.Rows}, {h.Cols}) is {h.Count} values, more than one float32 array holds ({Array.MaxLength}, 8 GiB); " +
                "use fewer rows (a subsample) or fewer columns.");
        var values = new float[h.Count];
        var buffer = new byte[Math.Max(8, chunkBytes / 8 * 8)];
        long done = 0;
        while (done < values.Length)
        {
            int want = (int)Math.Min(buffer.Length / h.ElementSize, values.Length - done);
            stream.ReadExactly(buffer, 0, want * h.ElementSize);
            var target = values.AsSpan((int)done, want);
            if (h.ElementSize == 4) MemoryMarshal.Cast<byte, float>(buffer.AsSpan(0, want * 4)).CopyTo(target);
            else
            {
                var d = MemoryMarshal.Cast<byte, double>(buffer.AsSpan(0, want * 8));
                for (int i = 0; i < want; i++) target[i] = (float)d[i];
            }
            done += want;
        }
        return new Dataset(values, (int)h.Rows, (int)h.Cols);
    }

    /// <summary>The header of <paramref name="path"/>, checked against the file's length, without reading the data.</summary>
    public static NpyHeader ReadHeader(string path, string label)
    {
        using var stream = Open(path, label);
        return ReadHeader(stream, path, label);
    }

    private static FileStream Open(string path, string label)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException($"{label} '{path}' cannot be read: {e.Message}");
        }
    }

    // Reads magic, version and header dictionary; leaves the stream at the first data byte.
    private static NpyHeader ReadHeader(FileStream stream, string path, string label)
    {
        string where = $"{label} '{path}'";
        var prefix = new byte[12];
        int got = stream.ReadAtLeast(prefix, prefix.Length, throwOnEndOfStream: false);
        if (got < 10 || !prefix.AsSpan(0, 6).SequenceEqual(Magic)) throw new ConfigException($"{where} is not a .npy file (no \\x93NUMPY magic).");
        int major = prefix[6];
        int headerStart = major == 1 ? 10 : 12;
        if (major is < 1 or > 3 || got < headerStart) throw new ConfigException($"{where}: unsupported .npy version {major}.");
        long headerLength = major == 1 ? BinaryPrimitives.ReadUInt16LittleEndian(prefix.AsSpan(8)) : BinaryPrimitives.ReadUInt32LittleEndian(prefix.AsSpan(8));
        if (headerStart + headerLength > stream.Length || headerLength > 1 << 20) throw new ConfigException($"{where}: the header runs past the end of the file.");
        var headerBytes = new byte[headerLength];
        stream.Position = headerStart;
        stream.ReadExactly(headerBytes);
        string header = Encoding.Latin1.GetString(headerBytes);
        var descr = DescrPattern().Match(header);
        var order = OrderPattern().Match(header);
        var shape = ShapePattern().Match(header);
        if (!descr.Success || !order.Success || !shape.Success) throw new ConfigException($"{where}: unreadable header '{header.Trim()}'.");
        string dtype = descr.Groups[1].Value;
        int size = dtype switch
        {
            "<f4" or "=f4" => 4,
            "<f8" or "=f8" => 8,
            _ => throw new ConfigException($"{where}: dtype '{dtype}' is not supported; expected float32 ('<f4') or float64 ('<f8')."),
        };
        if (order.Groups[1].Value != "False") throw new ConfigException($"{where}: Fortran order is not supported; save with np.ascontiguousarray.");
        var dims = shape.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (dims.Length != 2) throw new ConfigException($"{where}: shape ({shape.Groups[1].Value}) must be 2-D (rows, columns).");
        if (!long.TryParse(dims[0], NumberStyles.None, CultureInfo.InvariantCulture, out long rows) || !long.TryParse(dims[1], NumberStyles.None, CultureInfo.InvariantCulture, out long cols) || cols < 1)
            throw new ConfigException($"{where}: shape ({shape.Groups[1].Value}) must hold positive integers.");
        long dataStart = headerStart + headerLength;
        double need = (double)rows * cols * size;
        if (need > long.MaxValue / 2 || dataStart + (long)need != stream.Length)
            throw new ConfigException($"{where}: shape ({rows}, {cols}) of {dtype} needs {need:0} data bytes, the file has {stream.Length - dataStart}.");
        return new NpyHeader(rows, cols, size, dataStart);
    }

    /// <summary>Writes a dataset as a version-1 .npy file of float32 (&lt;f4) in C order, atomically.</summary>
    public static void Write(string path, Dataset d, bool overwrite = true)
    {
        string dict = $"{{'descr': '<f4', 'fortran_order': False, 'shape': ({d.Rows}, {d.Cols}), }}";
        int total = 10 + dict.Length + 1;
        int padded = (total + 63) / 64 * 64;
        string header = dict + new string(' ', padded - total) + "\n";
        AtomicFile.Write(path, s =>
        {
            s.Write(Magic);
            s.WriteByte(1);
            s.WriteByte(0);
            Span<byte> len = stackalloc byte[2];
            BinaryPrimitives.WriteUInt16LittleEndian(len, (ushort)header.Length);
            s.Write(len);
            s.Write(Encoding.Latin1.GetBytes(header));
            s.Write(MemoryMarshal.AsBytes(d.Values.AsSpan()));
        }, overwrite);
    }

    [GeneratedRegex(@"'descr'\s*:\s*'([^']*)'")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"'fortran_order'\s*:\s*(True|False)")]
    private static partial Regex OrderPattern();

    [GeneratedRegex(@"'shape'\s*:\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();
}
