using System.Diagnostics;
using VaeLab.Data;
using VaeLab.Tests.Cli;

namespace VaeLab.Tests.Examples;

/// <summary>examples/python/vaelab_numpy.py, which reads a run folder with numpy alone, against `vaelab sample`.</summary>
[Collection("cli")]
public sealed class PythonExampleTests
{
    private static string Script => Path.Combine(RepositoryPaths.Root, "examples", "python", "vaelab_numpy.py");

    [PythonFact]
    public void NumpyDecoderMatchesVaelabSampleOnTheSameLatents()
    {
        string dir = CliRunner.TempDir();
        string run = Path.Combine(dir, "run");
        // A sigmoid-affine stage 1 and an MLP stage 2 (ReLU hidden layers): both decoder kinds of the script.
        Assert.Equal(0, CliRunner.Run("train", "--family", "sigmoid", "--data-dim", "3", "--padding", "2", "--latent", "4", "--steps", "300",
            "--learning-rate", "1e-3", "--two-stage", "--stage2-steps", "200", "--stage2-hidden", "16,16", "--stage2-sample-noise", "false", "--out", run, "--quiet").Exit);
        foreach (bool twoStage in new[] { false, true })
        {
            string tag = twoStage ? "two" : "one", x = Path.Combine(dir, $"x-{tag}.npy"), s = Path.Combine(dir, $"s-{tag}.npy"), py = Path.Combine(dir, $"py-{tag}.npy");
            string[] flag = twoStage ? ["--two-stage"] : [];
            var (exit, _, err) = CliRunner.Run(["sample", run, "--count", "500", "--out", x, "--latents-out", s, .. flag]);
            Assert.True(exit == 0, err);
            RunPython([Script, run, "--decode", s, "--out", py, .. flag]);
            var expected = NpyFormat.Read(x, "test");
            var actual = NpyFormat.Read(py, "test");
            Assert.Equal((expected.Rows, expected.Cols), (actual.Rows, actual.Cols));
            double scale = expected.Values.Max(Math.Abs), worst = 0;
            for (int i = 0; i < expected.Values.Length; i++) worst = Math.Max(worst, Math.Abs(expected.Values[i] - actual.Values[i]));
            // float32 sums in a different order: agreement to a few ulps of the largest value, not bit for bit.
            Assert.True(worst <= 1e-5 * Math.Max(1, scale), $"{tag}: max |vaelab - numpy| = {worst} (scale {scale})");
        }
        Directory.Delete(dir, recursive: true);
    }

    [PythonFact]
    public void NumpySamplesHaveTheMomentsOfVaelabSamples()
    {
        string dir = CliRunner.TempDir();
        string run = Path.Combine(dir, "run");
        Assert.Equal(0, CliRunner.Run("train", "--family", "linear", "--data-dim", "3", "--padding", "2", "--latent", "4", "--steps", "300", "--out", run, "--quiet").Exit);
        const int count = 20_000;
        string x = Path.Combine(dir, "x.npy"), py = Path.Combine(dir, "py.npy");
        Assert.Equal(0, CliRunner.Run("sample", run, "--count", $"{count}", "--with-noise", "--out", x).Exit);
        // numpy's own generator: independent draws, so only the distribution can agree.
        RunPython([Script, run, "--count", $"{count}", "--with-noise", "--seed", "7", "--out", py]);
        var a = NpyFormat.Read(x, "test");
        var b = NpyFormat.Read(py, "test");
        var (meanA, stdA) = a.Moments();
        var (meanB, stdB) = b.Moments();
        for (int j = 0; j < a.Cols; j++)
        {
            double se = Math.Sqrt((stdA[j] * stdA[j] + stdB[j] * stdB[j]) / count);
            Assert.True(Math.Abs(meanA[j] - meanB[j]) < 5 * se, $"column {j}: mean {meanA[j]} (vaelab) vs {meanB[j]} (numpy), se {se}");
            // sd of a sample sd is about sd / sqrt(2 count)
            Assert.True(Math.Abs(stdA[j] - stdB[j]) < 5 * Math.Max(stdA[j], stdB[j]) / Math.Sqrt(count), $"column {j}: sd {stdA[j]} (vaelab) vs {stdB[j]} (numpy)");
        }
        Directory.Delete(dir, recursive: true);
    }

    private static void RunPython(string[] args)
    {
        var info = new ProcessStartInfo(PythonFactAttribute.Python!, args) { RedirectStandardError = true, RedirectStandardOutput = true };
        using var p = Process.Start(info)!;
        string stdout = p.StandardOutput.ReadToEnd(), stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"python3 {string.Join(' ', args)} exited {p.ExitCode}: {stderr}{stdout}");
    }
}
