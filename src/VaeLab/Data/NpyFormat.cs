using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;
using VaeLab.Core;

namespace VaeLab.Data;

/// <summary>NumPy's .npy format, versions 1-3: 2-D float32 or float64 arrays in C order.</summary>
public static partial class NpyFormat
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    public static Dataset Read(string path, string label)
    {
        byte[] bytes = File.ReadAllBytes(path);
        string where = $"{label} '{path}'";
        if (bytes.Length < 10 || !bytes.AsSpan(0, 6).SequenceEqual(Magic)) throw new ConfigException($"{where} is not a .npy file (no \\x93NUMPY magic).");
        int major = bytes[6];
        int headerStart = major == 1 ? 10 : 12;
        if (major is < 1 or > 3 || bytes.Length < headerStart) throw new ConfigException($"{where}: unsupported .npy version {major}.");
        long headerLength = major == 1 ? BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8)) : BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8));
        if (headerStart + headerLength > bytes.Length) throw new ConfigException($"{where}: the header runs past the end of the file.");
        string header = Encoding.Latin1.GetString(bytes, headerStart, (int)headerLength);
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
        if ((double)rows * cols > int.MaxValue / 8 || dataStart + rows * cols * size != bytes.Length)
            throw new ConfigException($"{where}: shape ({rows}, {cols}) of {dtype} needs {rows * cols * size} data bytes, the file has {bytes.Length - dataStart}.");
        var data = bytes.AsSpan((int)dataStart);
        var values = new float[rows * cols];
        if (size == 4) MemoryMarshal.Cast<byte, float>(data).CopyTo(values);
        else
        {
            var d = MemoryMarshal.Cast<byte, double>(data);
            for (int i = 0; i < values.Length; i++) values[i] = (float)d[i];
        }
        return new Dataset(values, (int)rows, (int)cols);
    }

    public static void Write(string path, Dataset d)
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
        });
    }

    [GeneratedRegex(@"'descr'\s*:\s*'([^']*)'")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"'fortran_order'\s*:\s*(True|False)")]
    private static partial Regex OrderPattern();

    [GeneratedRegex(@"'shape'\s*:\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();
}
