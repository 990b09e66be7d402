using System.Buffers.Binary;
using System.Text;
using VaeLab.Configuration;
using VaeLab.Core;
using VaeLab.Data;
using VaeLab.Random;

namespace VaeLab.Tests.Data;

/// <summary>
/// .npy files are streamed in chunks, so their size in bytes is no limit: the chunked path against whole-array values,
/// and real sparse files over 2 GiB (they cost no disk and read as zeros) for the header, size and capacity checks.
/// The full read of a 2 GiB file runs with VAELAB_SLOW_TESTS=1.
/// </summary>
public class NpyStreamingTests
{
    private static string TempPath(string name)
    {
        string dir = Path.Combine(Path.GetTempPath(), "vaelab-npy-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, name);
    }

    // A version-1 header for dtype and shape, padded to 64 bytes as numpy writes it.
    private static byte[] Header(string dtype, long rows, long cols)
    {
        string dict = $"{{'descr': '{dtype}', 'fortran_order': False, 'shape': ({rows}, {cols}), }}";
        int padded = (10 + dict.Length + 1 + 63) / 64 * 64;
        string header = dict + new string(' ', padded - 10 - dict.Length - 1) + "\n";
        var bytes = new byte[10 + header.Length];
        new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0 }.CopyTo(bytes, 0);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), (ushort)header.Length);
        Encoding.Latin1.GetBytes(header).CopyTo(bytes, 10);
        return bytes;
    }

    // A sparse file: the header, then SetLength to the size the shape needs.
    private static string Sparse(string dtype, long rows, long cols)
    {
        string path = TempPath("big.npy");
        var header = Header(dtype, rows, cols);
        using var s = File.Create(path);
        s.Write(header);
        s.SetLength(header.Length + rows * cols * (dtype == "<f8" ? 8 : 4));
        return path;
    }

    [Theory]
    [InlineData("<f8", 8)]
    [InlineData("<f8", 24)]
    [InlineData("<f8", 1 << 22)]
    [InlineData("<f4", 8)]
    [InlineData("<f4", 20)]
    public void Chunked_reads_give_the_same_values_for_any_chunk_size(string dtype, int chunkBytes)
    {
        var rng = new Xoshiro256StarStar(7);
        const int rows = 13, cols = 3;
        var expected = new float[rows * cols];
        using var data = new MemoryStream();
        for (int i = 0; i < expected.Length; i++)
        {
            double v = rng.NextNormal() * 1e3;
            expected[i] = (float)v;
            data.Write(dtype == "<f8" ? BitConverter.GetBytes(v) : BitConverter.GetBytes((float)v));
        }
        string path = TempPath("x.npy");
        File.WriteAllBytes(path, [.. Header(dtype, rows, cols), .. data.ToArray()]);
        var d = NpyFormat.Read(path, "--data-file", chunkBytes);
        Assert.Equal((rows, cols), (d.Rows, d.Cols));
        Assert.Equal(expected, d.Values);
    }

    [Fact]
    public void A_float64_file_over_2_GiB_passes_the_header_and_size_checks_without_reading_its_data()
    {
        // 67108865 x 4 float64 = 2147483680 data bytes (> 2^31), 268435460 float32 values (< 2^31): it fits in one array.
        string path = Sparse("<f8", 67_108_865, 4);
        Assert.True(new FileInfo(path).Length > int.MaxValue);
        var h = NpyFormat.ReadHeader(path, "--data-file");
        Assert.Equal((67_108_865L, 4L, 8), (h.Rows, h.Cols, h.ElementSize));
        Assert.Equal(new FileInfo(path).Length, h.DataOffset + h.DataBytes);
        // Held as float32 it is half its bytes, twice (read, then split) for training.
        Assert.Equal(2.0 * 4 * 268_435_460, MemoryEstimate.DataFileBytes(h.Rows, h.Cols, standardize: false));
    }

    [Fact]
    public void A_file_over_2_GiB_is_read_in_full_when_slow_tests_are_on()
    {
        if (Environment.GetEnvironmentVariable("VAELAB_SLOW_TESTS") != "1") return;
        string path = Sparse("<f8", 67_108_865, 4);
        var d = Dataset.Read(path, "--data-file");
        Assert.Equal((67_108_865, 4), (d.Rows, d.Cols));
        Assert.Equal(0f, d.MaxAbs());
    }

    [Fact]
    public void A_file_that_no_float32_array_can_hold_is_one_line_with_the_numbers()
    {
        // 1e9 x 3 float32 = 12 GB of (sparse) data: 3e9 values, more than Array.MaxLength.
        string path = Sparse("<f4", 1_000_000_000, 3);
        var e = Assert.Throws<ConfigException>(() => NpyFormat.Read(path, "--data-file"));
        Assert.Contains("shape (1000000000, 3) is 3000000000 values, more than one float32 array holds", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void The_memory_check_of_a_data_file_names_its_shape_and_the_estimate()
    {
        MemoryEstimate.CheckDataFile("d.npy", 1000, 10, standardize: true, availableBytes: 1e9);
        var e = Assert.Throws<ConfigException>(() => MemoryEstimate.CheckDataFile("d.npy", 100_000_000, 10, standardize: true, availableBytes: 1e9));
        Assert.Contains("--data-file 'd.npy' of shape (100000000, 10) needs about 11.2 GiB", e.Message);
        Assert.Equal(3 * 4e9, MemoryEstimate.DataFileBytes(100_000_000, 10, standardize: true));
        var config = RunConfig.Defaults(DataFamilyKind.File) with { DataFile = "d.npy", DataDim = 10, Padding = 0 };
        Assert.Equal(4.0 * 5000 * 10, MemoryEstimate.Bytes(config, 5000) - MemoryEstimate.Bytes(config));
    }
}
