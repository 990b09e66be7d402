using System.Text;
using VaeLab.Configuration;
using VaeLab.Core;
using VaeLab.Data;
using VaeLab.Random;
using VaeLab.Training;

namespace VaeLab.Tests.Cli;

/// <summary>Malformed configs, sweep files, data files and checkpoints: always one clear error, never a crash, a hang or a half-written output.</summary>
[Collection("cli")]
public class HardInputsTests
{
    private const string Valid = """{ "family": "sigmoid", "latent": 4, "encoderHidden": [8], "learningRate": 0.001, "steps": 100 }""";

    public static TheoryData<string, string> Malformed() => new()
    {
        { """{ "latent": 1e12 }""", "config key 'latent' has the wrong type" },
        { """{ "steps": 99999999999 }""", "config key 'steps' has the wrong type" },
        { """{ "learningRate": 1e400 }""", "--learning-rate must be a finite number (got Infinity)" },
        { """{ "encoderHidden": [200, "x"] }""", "config key 'encoderHidden' has the wrong type" },
        { """{ "encoderHidden": [2000000] }""", "model sizes must be <= 100000" },
        { """{ "noiseInLoss": "yes" }""", "config key 'noiseInLoss' has the wrong type: expected true or false" },
        { """{ "family": 3 }""", "config key 'family' has the wrong type: expected a string (got 3)" },
        { """{ "latent": null }""", "config key 'latent' has the wrong type" },
        { "{ \"latent\": 4, }", "is not valid JSON" },
        { new string('[', 5000), "is not valid JSON" },
        { "\u0000\u0001\u00ff\u0013binary", "is not valid JSON" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_configs_are_one_line_errors(string text, string expected)
    {
        string dir = CliRunner.TempDir();
        string path = Path.Combine(dir, "c.json");
        File.WriteAllText(path, text);
        var (code, _, err) = CliRunner.Run("train", "--config", path, "--out", Path.Combine(dir, "run"), "--quiet");
        Assert.Equal(2, code);
        Assert.StartsWith("error: ", err);
        Assert.Contains(expected, err);
        Assert.Single(err.Trim().Split('\n'));
        Assert.False(Directory.Exists(Path.Combine(dir, "run")));
    }

    [Fact]
    public void Every_truncation_of_a_valid_config_and_random_junk_fails_cleanly()
    {
        string dir = CliRunner.TempDir();
        string path = Path.Combine(dir, "c.json");
        var rng = new Xoshiro256StarStar(5);
        var inputs = Enumerable.Range(0, Valid.Length - 1).Select(n => Encoding.UTF8.GetBytes(Valid[..n]))
            .Concat(Enumerable.Range(0, 30).Select(i => Enumerable.Range(0, 1 + i * 7).Select(_ => (byte)rng.NextInt(256)).ToArray()));
        foreach (var bytes in inputs)
        {
            File.WriteAllBytes(path, bytes);
            var e = Record.Exception(() => ConfigResolver.Resolve(ConfigResolver.ReadConfigFile(path), new Dictionary<string, string>()));
            Assert.True(e is ConfigException, $"input of {bytes.Length} bytes: {e?.GetType().Name}: {e?.Message}");
        }
    }

    [Fact]
    public void Truncated_data_files_and_checkpoints_fail_cleanly()
    {
        string dir = CliRunner.TempDir();
        var d = new Dataset(Enumerable.Range(0, 60).Select(i => (float)i).ToArray(), 20, 3);
        string npy = Path.Combine(dir, "d.npy"), csv = Path.Combine(dir, "d.csv");
        d.Write(npy, "--out");
        d.Write(csv, "--out");
        foreach (string full in new[] { npy, csv })
        {
            byte[] bytes = File.ReadAllBytes(full);
            for (int n = 0; n < bytes.Length; n += 3)
            {
                string cut = Path.Combine(dir, "cut" + Path.GetExtension(full));
                File.WriteAllBytes(cut, bytes[..n]);
                var e = Record.Exception(() => Dataset.Read(cut, "--data-file"));
                Assert.True(e is null or ConfigException, $"{Path.GetExtension(full)} cut at {n}: {e}");
            }
        }
        var state = new TrainerState(3, [1, 2], [[0f], [0f]], new ulong[32], new ulong[32], new ulong[4], 0, null, [0f], [0, 0, 0], 0);
        string ck = Path.Combine(dir, "c.bin");
        Checkpoint.Write(ck, state);
        byte[] full2 = File.ReadAllBytes(ck);
        for (int n = 0; n < full2.Length; n += 5)
        {
            File.WriteAllBytes(ck, full2[..n]);
            Assert.IsType<InvalidDataException>(Record.Exception(() => Checkpoint.Read(ck)));
        }
    }

    [Theory]
    [InlineData("""{ "grid": { "latent": 3 } }""", "grid \"latent\" must be a non-empty array")]
    [InlineData("""{ "grid": { "latent": [] } }""", "must be a non-empty array")]
    [InlineData("""{ "seeds": [-1] }""", "\"seeds\" must be an array of non-negative integers")]
    [InlineData("""{ "name": "a/b" }""", "\"name\" must use letters")]
    [InlineData("""{ "runs": 3 }""", "unknown key 'runs'")]
    [InlineData("""{ "grid": { "latent": [0] } }""", "--latent must be >= 1 (got 0)")]
    public void Malformed_sweep_files_are_one_line_errors(string text, string expected)
    {
        string dir = CliRunner.TempDir();
        string path = Path.Combine(dir, "s.json");
        File.WriteAllText(path, text);
        var (code, _, err) = CliRunner.Run("sweep", path, "--out", Path.Combine(dir, "out"), "--quiet");
        Assert.Equal(2, code);
        Assert.Contains(expected, err);
        Assert.False(Directory.Exists(Path.Combine(dir, "out")));
    }
}
