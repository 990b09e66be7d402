using System.Buffers.Binary;
using System.Text;
using VaeLab.Core;
using VaeLab.Data;
using VaeLab.Diagnostics;
using VaeLab.Random;

namespace VaeLab.Tests.Data;

public class DataFileTests
{
    private static string Temp(string name, string text) => Temp(name, Encoding.UTF8.GetBytes(text));

    private static string Temp(string name, byte[] bytes)
    {
        string dir = Path.Combine(Path.GetTempPath(), "vaelab-data-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        string path = Path.Combine(dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public void Csv_with_and_without_header()
    {
        var a = Dataset.Read(Temp("a.csv", "x,y\n1,2\n3,4.5\n"), "--data-file");
        Assert.Equal((2, 2), (a.Rows, a.Cols));
        Assert.Equal(new[] { "x", "y" }, a.Header);
        Assert.Equal(new[] { 1f, 2f, 3f, 4.5f }, a.Values);
        var b = Dataset.Read(Temp("b.csv", "1,2,3\n\n4,5,6\n-1e-3,0,7\n"), "--data-file");
        Assert.Equal((3, 3), (b.Rows, b.Cols));
        Assert.Null(b.Header);
    }

    [Theory]
    [InlineData("x,y\n1,2\n3\n", "row 2 (line 3) has 1 columns, expected 2")]
    [InlineData("1,2\n3,abc\n", "row 2 (line 2), column 2 is 'abc', not a number")]
    [InlineData("1,2\n3,NaN\n", "row 2, column 2 is NaN")]
    [InlineData("1,2\n3,Infinity\n", "row 2, column 2 is")]
    [InlineData("1,2\n", "has 1 row(s); at least 2 are needed")]
    [InlineData("", "holds no data rows")]
    [InlineData("a,b\n", "holds no data rows")]
    [InlineData("1,2\n\0\u0001\u0002,3\n", "holds binary data")]
    public void Bad_csv_is_one_clear_error_naming_the_place(string text, string expected)
    {
        var e = Assert.Throws<ConfigException>(() => Dataset.Read(Temp("bad.csv", text), "--data-file"));
        Assert.Contains(expected, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Npy_round_trips_float32_and_reads_float64()
    {
        var d = new Dataset([1, 2, 3, 4, 5, 6], 3, 2);
        string path = Path.Combine(Path.GetDirectoryName(Temp("x", ""))!, "d.npy");
        d.Write(path, "--out");
        var back = Dataset.Read(path, "--data-file");
        Assert.Equal((3, 2), (back.Rows, back.Cols));
        Assert.Equal(d.Values, back.Values);
        Assert.Equal(0, (10 + BinaryPrimitives.ReadUInt16LittleEndian(File.ReadAllBytes(path).AsSpan(8))) % 64);
        var f64 = Dataset.Read(Temp("f.npy", Npy("<f8", "(2, 2)", new double[] { 1.5, -2, 3, 4 }.SelectMany(BitConverter.GetBytes).ToArray())), "--data-file");
        Assert.Equal(new[] { 1.5f, -2f, 3f, 4f }, f64.Values);
    }

    [Theory]
    [InlineData("<i4", "(2, 2)", 16, "dtype '<i4' is not supported")]
    [InlineData("<f4", "(2, 2, 1)", 16, "must be 2-D")]
    [InlineData("<f4", "(4,)", 16, "must be 2-D")]
    [InlineData("<f4", "(2, 2)", 12, "needs 16 data bytes, the file has 12")]
    [InlineData("<f4", "(99999999999, 2)", 16, "needs")]
    public void Bad_npy_is_one_clear_error(string dtype, string shape, int dataBytes, string expected)
    {
        var e = Assert.Throws<ConfigException>(() => Dataset.Read(Temp("bad.npy", Npy(dtype, shape, new byte[dataBytes])), "--data-file"));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Junk_npy_fortran_order_and_missing_files_are_clear_errors()
    {
        Assert.Contains("not a .npy file", Assert.Throws<ConfigException>(() => Dataset.Read(Temp("j.npy", [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]), "--data-file")).Message);
        var fortran = Npy("<f4", "(2, 2)", new byte[16]).AsSpan().ToArray();
        string text = Encoding.Latin1.GetString(fortran).Replace("False", "True ");
        Assert.Contains("Fortran order", Assert.Throws<ConfigException>(() => Dataset.Read(Temp("f.npy", Encoding.Latin1.GetBytes(text)), "--data-file")).Message);
        Assert.Contains("does not exist", Assert.Throws<ConfigException>(() => Dataset.Read("/nonexistent/x.csv", "--data-file")).Message);
        Assert.Contains("must end in .csv or .npy", Assert.Throws<ConfigException>(() => Dataset.Read(Temp("x.parquet", "1"), "--data-file")).Message);
    }

    [Fact]
    public void TwoNn_and_PCA_find_the_dimension_of_a_plane_and_a_sphere()
    {
        var rng = new Xoshiro256StarStar(4);
        const int n = 1500;
        var plane = new float[n * 5];
        for (int i = 0; i < n; i++)
        {
            double a = rng.NextNormal(), b = rng.NextNormal();
            plane[i * 5] = (float)a; plane[i * 5 + 1] = (float)(a + b); plane[i * 5 + 3] = (float)(2 * b);
        }
        Assert.InRange(IntrinsicDimension.TwoNn(plane, n, 5), 1.7, 2.3);
        Assert.Equal(2, IntrinsicDimension.ComponentsFor(IntrinsicDimension.PcaSpectrum(plane, n, 5), 0.99));
        var sphere = new SphereFamily(3, 2);
        var x = new float[n * 5];
        sphere.Sample(x, n, RngStreams.Normal(1, "s"));
        Assert.InRange(IntrinsicDimension.TwoNn(x, n, 5), 1.7, 2.3);
        Assert.Equal(3, IntrinsicDimension.ComponentsFor(IntrinsicDimension.PcaSpectrum(x, n, 5), 0.95));
    }

    private static byte[] Npy(string dtype, string shape, byte[] data)
    {
        string dict = $"{{'descr': '{dtype}', 'fortran_order': False, 'shape': {shape}, }}";
        int total = 10 + dict.Length + 1;
        string header = dict + new string(' ', (total + 63) / 64 * 64 - total) + "\n";
        var bytes = new List<byte> { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0 };
        bytes.AddRange(BitConverter.GetBytes((ushort)header.Length));
        bytes.AddRange(Encoding.Latin1.GetBytes(header));
        bytes.AddRange(data);
        return bytes.ToArray();
    }
}
