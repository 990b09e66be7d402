using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using VaeLab.Cli;
using VaeLab.Random;

namespace VaeLab.Tests.Cli;

/// <summary>
/// Issue 11's last classes, as real command lines: a .npy no array can hold, data whose squares overflow float32 (refused
/// with the --standardize hint, trained with it), a diverging run on raw data (the hint again), theory sizes and --eval-samples that cannot finish.
/// </summary>
[Collection("cli")]
public class DataScaleAndCostTests
{
    private static string Csv(string dir, string name, double scale, int cols, int rows = 60)
    {
        var rng = new Xoshiro256StarStar(3);
        var sb = new StringBuilder(string.Join(",", Enumerable.Range(0, cols).Select(c => $"x{c}")) + "\n");
        for (int r = 0; r < rows; r++)
            sb.AppendLine(string.Join(",", Enumerable.Range(0, cols).Select(_ => (rng.NextNormal() * scale).ToString("R", CultureInfo.InvariantCulture))));
        string path = Path.Combine(dir, name);
        File.WriteAllText(path, sb.ToString());
        return path;
    }

    [Fact]
    public void Data_whose_squares_overflow_float32_is_refused_with_the_standardize_hint_and_trains_with_it()
    {
        string dir = CliRunner.TempDir();
        string csv = Csv(dir, "huge.csv", 1e20, 3);
        var (exit, _, err) = CliRunner.Run("train", "--data-file", csv, "--latent", "2", "--steps", "30", "--out", Path.Combine(dir, "raw"), "--quiet");
        CliProcess.AssertOneLine(ExitCodes.BadInput, exit, err);
        Assert.Contains("whose squares overflow float32", err);
        Assert.Contains("pass --standardize", err);
        Assert.False(Directory.Exists(Path.Combine(dir, "raw")));
        var (ok, _, okErr) = CliRunner.Run("train", "--data-file", csv, "--latent", "2", "--steps", "30", "--log-every", "10", "--eval-samples", "50",
            "--standardize", "--out", Path.Combine(dir, "std"), "--quiet");
        Assert.True(ok == ExitCodes.Success, okErr);
        Assert.True(File.Exists(Path.Combine(dir, "std", "summary.json")));
    }

    [Fact]
    public void A_run_on_raw_data_that_diverges_suggests_standardize()
    {
        // |x| ~ 3e18: each row's squares still fit in float32, the batch loss does not.
        string dir = CliRunner.TempDir();
        string csv = Csv(dir, "big.csv", 3e18, 3);
        var (exit, _, err) = CliRunner.Run("train", "--data-file", csv, "--latent", "2", "--steps", "30", "--out", Path.Combine(dir, "raw"), "--quiet");
        CliProcess.AssertOneLine(ExitCodes.RunFailed, exit, err);
        Assert.Contains("training diverged at step 1", err);
        Assert.Contains("or --standardize: the --data-file values are used as they are (largest |x|", err);
    }

    [Fact]
    public void A_npy_file_no_array_can_hold_and_absurd_theory_sizes_are_one_line()
    {
        string dir = CliRunner.TempDir();
        string npy = Path.Combine(dir, "big.npy");
        string dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (1000000000, 3), }";
        string header = dict + new string(' ', 128 - 11 - dict.Length) + "\n";
        using (var s = File.Create(npy))
        {
            s.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0]);
            var length = new byte[2];
            BinaryPrimitives.WriteUInt16LittleEndian(length, (ushort)header.Length);
            s.Write(length);
            s.Write(Encoding.Latin1.GetBytes(header));
            s.SetLength(128 + 12_000_000_000L); // sparse: 12 GB of zeros that cost no disk
        }
        var (exit, _, err) = CliRunner.Run("train", "--data-file", npy, "--latent", "2", "--steps", "10", "--out", Path.Combine(dir, "r"), "--quiet");
        CliProcess.AssertOneLine(ExitCodes.BadInput, exit, err);
        Assert.Contains("(1000000000, 3)", err);

        var (t, _, terr) = CliRunner.Run("theory", "linear", "--flow-steps", "10000000000", "--out", Path.Combine(dir, "theory"));
        CliProcess.AssertOneLine(ExitCodes.BadInput, t, terr);
        Assert.Contains("--flow-steps 10000000000", terr);
        Assert.Contains("the limit is 6 h", terr);
        var (a, _, aerr) = CliRunner.Run("theory", "linear", "--ambient", "200", "--latent", "200", "--adam-steps", "2000000000", "--out", Path.Combine(dir, "theory"));
        CliProcess.AssertOneLine(ExitCodes.BadInput, a, aerr);
        Assert.Contains("--adam-steps 2000000000", aerr);
        Assert.False(Directory.Exists(Path.Combine(dir, "theory")));
        var (ev, _, everr) = CliRunner.Run("train", "--decoder", "mlp", "--encoder-hidden", "5000,5000", "--decoder-hidden", "5000,5000", "--eval-samples", "10000000",
            "--out", Path.Combine(dir, "eval"), "--quiet");
        CliProcess.AssertOneLine(ExitCodes.BadInput, ev, everr);
        Assert.Contains("--eval-samples 10000000 through this model", everr);
        Assert.False(Directory.Exists(Path.Combine(dir, "eval")));
    }
}
