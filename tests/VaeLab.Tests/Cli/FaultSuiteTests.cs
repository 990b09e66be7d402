using System.Text;
using System.Text.Json.Nodes;
using VaeLab.Data;
using VaeLab.Core;
using VaeLab.Cli;
using VaeLab.Configuration;
using VaeLab.Grids;
using VaeLab.Runs;
using VaeLab.Random;
using Xunit.Abstractions;

namespace VaeLab.Tests.Cli;

/// <summary>
/// The fuzz and fault suite: for every class of bad input, the exit code, exactly one `error:` line, no stack trace,
/// no user file touched, no run folder that looks complete but is not. Cheap cases run always; the random command
/// lines of <see cref="Random_command_lines_never_crash"/> grow to 2000 with VAELAB_SLOW_TESTS=1.
/// </summary>
[Collection("cli")]
public class FaultSuiteTests(ITestOutputHelper output)
{
    private static readonly Lazy<string> FinishedRun = new(() =>
    {
        string run = Path.Combine(CliRunner.TempDir(), "finished");
        RunExecutor.Execute(RunConfig.Defaults(DataFamilyKind.Sigmoid) with { Latent = 3, Steps = 100, LogEvery = 50, EvalSamples = 100 }, run, 1);
        return run;
    });

    // A user's folder beside every case: it must come out byte for byte the same.
    private static (string Root, Func<string> Fingerprint) Workspace()
    {
        string root = CliRunner.TempDir();
        string user = Path.Combine(root, "user");
        Directory.CreateDirectory(user);
        File.WriteAllText(Path.Combine(user, "notes.txt"), "mine");
        File.WriteAllText(Path.Combine(user, "summary.json"), "{}");
        return (root, () => string.Join("|", Directory.GetFileSystemEntries(root, "*", SearchOption.AllDirectories).Order()
            .Select(p => File.Exists(p) ? p + ":" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(p))) : p)));
    }

    private int Check(string cls, IEnumerable<string[]> cases, Func<string, string[], string[]>? prepare = null)
    {
        int n = 0;
        foreach (var template in cases)
        {
            var (root, fingerprint) = Workspace();
            var args = template.Select(a => a.Replace("ROOT", root)).ToArray();
            if (prepare != null) args = prepare(root, args);
            string before = fingerprint();
            var (exit, _, err) = CliRunner.Run(args);
            string what = $"[{cls}] vaelab {string.Join(" ", args)}";
            Assert.True(exit == ExitCodes.BadInput, $"{what}: exit {exit}: {err}");
            CliProcess.AssertOneLine(ExitCodes.BadInput, exit, err);
            Assert.Equal(before, fingerprint());
            n++;
        }
        output.WriteLine($"{cls}: {n} cases, {n} clear errors, 0 crashes, 0 data lost");
        return n;
    }

    [Fact]
    public void Command_line_parse_errors_are_one_line_with_a_suggestion_and_help_still_works()
    {
        Check("parse", [
            ["train", "--laten", "3"], ["train", "--steps"], ["train", "--steps", "abc"], ["train", "stray"], ["trian"], [],
            ["analyze"], ["analyze", "ROOT/x", "--samples", "3000000000"], ["sweep"], ["data", "linear"], ["sample", "ROOT/x", "--count", "x"],
            ["theory", "linear", "--flow-steps", "1e99"], ["bench", "--repetitions", "-"], ["train", "--quiet=maybe"],
        ]);
        var (exit, _, err) = CliRunner.Run("train", "--laten", "3");
        Assert.Contains("did you mean '--latent'?", err);
        var (exit2, _, err2) = CliRunner.Run("trian");
        Assert.Contains("did you mean 'train'?", err2);
        Assert.Equal((2, 2), (exit, exit2));
        foreach (var help in new[] { new[] { "--help" }, ["train", "--help"], ["sweep", "collect", "-h"] })
        {
            var (code, stdout, stderr) = CliRunner.Run(help);
            Assert.True(code == 0, stderr);
            Assert.Contains("Usage:", stdout);
        }
    }

    [Fact]
    public void File_errors_are_one_line()
    {
        Check("files", [
            ["train", "--config", "ROOT/missing.json", "--out", "ROOT/r"],
            ["train", "--config", "ROOT/user", "--out", "ROOT/r"],
            ["train", "--out", "ROOT/user/notes.txt/run", "--steps", "10", "--quiet"],
            ["train", "--out", "ROOT/user", "--steps", "10", "--quiet"],
            ["train", "--out", "ROOT/" + new string('a', 300), "--steps", "10", "--quiet"],
            ["train", "--out", "/proc/vaelab-run", "--steps", "10", "--quiet"],
            ["train", "--out", ".", "--steps", "10", "--quiet"],
            ["train", "--out", "..", "--steps", "10", "--quiet"],
            ["train", "--resume", "ROOT/user", "--quiet"],
            ["train", "--data-file", "ROOT/missing.csv", "--out", "ROOT/r", "--quiet"],
            ["train", "--data-file", "ROOT/user", "--out", "ROOT/r", "--quiet"],
            ["analyze", "ROOT/missing"], ["analyze", "ROOT/user"],
            ["sample", "ROOT/user", "--out", "ROOT/s.csv"],
            ["sweep", "ROOT/missing.json"], ["sweep", "collect", "ROOT/user"],
            ["data", "linear", "--out", "ROOT/user/notes.txt/d.csv"],
            ["data", "linear", "--out", "/proc/vaelab.csv"],
            ["reproduce", "--out", "ROOT/user"], ["theory", "linear", "--out", "ROOT/user"], ["dimension", "--out", "ROOT/user/notes.txt"],
            ["bench", "--workload", "linear", "--json", "ROOT/user/summary.json"], ["bench", "--workload", "linear", "--json", "/proc/b.json"],
        ]);
    }

    [Fact]
    public void Sizes_and_counts_that_cannot_fit_are_refused_with_the_estimate()
    {
        Check("sizes", [
            ["train", "--latent", "30000", "--padding", "30000", "--out", "ROOT/r", "--quiet"],
            ["train", "--encoder-hidden", "100000,100000", "--out", "ROOT/r", "--quiet"],
            ["train", "--batch-size", "900000", "--encoder-hidden", "5000", "--out", "ROOT/r", "--quiet"],
            ["train", "--two-stage", "--stage2-hidden", "40000,40000", "--out", "ROOT/r", "--quiet"],
            ["train", "--training-set-size", "2e8", "--out", "ROOT/r", "--quiet"],
            ["train", "--eval-samples", "2000000000", "--out", "ROOT/r", "--quiet"],
            ["train", "--steps", "1e10", "--out", "ROOT/r", "--quiet"],
            ["analyze", FinishedRun.Value, "--samples", "2000000000"],
            ["analyze", FinishedRun.Value, "--mmd-samples", "2000000000"],
            ["data", "linear", "--count", "50000000", "--padding", "100000", "--out", "ROOT/d.npy"],
            ["sample", FinishedRun.Value, "--count", "2000000000", "--out", "ROOT/s.npy"],
        ]);
        var e = Assert.Throws<ConfigException>(() => VaeLab.Configuration.MemoryEstimate.Check(RunConfig.Defaults(DataFamilyKind.Linear) with { Latent = 30000, Padding = 30000 }, 8e9));
        Assert.Contains("GiB of memory", e.Message);
    }

    [Fact]
    public void The_memory_estimate_bounds_what_a_model_really_allocates()
    {
        var config = RunConfig.Defaults(DataFamilyKind.Sphere) with { EncoderHidden = [300, 300], DecoderHidden = [300, 300], BatchSize = 200, Padding = 50 };
        GC.Collect();
        long before = GC.GetAllocatedBytesForCurrentThread();
        var model = RunFactory.CreateModel(config, config.BatchSize);
        var eval = RunFactory.CreateModel(config, 1000);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        GC.KeepAlive((model, eval));
        double estimate = VaeLab.Configuration.MemoryEstimate.Bytes(config);
        Assert.True(estimate >= allocated && estimate <= 20.0 * allocated, $"estimate {estimate:0} bytes, allocated {allocated}");
    }

    [Fact]
    public void Malformed_run_files_are_one_line()
    {
        var mutations = new (string File, Func<byte[], byte[]> Change)[]
        {
            ("model.safetensors", b => b[..(b.Length / 2)]),
            ("model.safetensors", b => b[..4]),
            ("model.safetensors", b => SetHeader(b, h => h.Replace("\"shape\":[", "\"shape\":[\"x\","))),
            ("model.safetensors", b => SetHeader(b, h => h.Replace("\"data_offsets\":[0,", "\"data_offsets\":[-8,"))),
            ("model.safetensors", b => SetHeader(b, h => h.Replace("\"data_offsets\":[0,", "\"data_offsets\":[99999999999,"))),
            ("model.safetensors", b => SetHeader(b, h => h.Replace("\"dtype\":\"F32\"", "\"dtype\":7"))),
            ("model.safetensors", b => SetHeader(b, h => h.Replace("\"format\":\"vaelab\"", "\"format\":3"))),
            ("model.safetensors", b => SetHeader(b, h => h.Replace("\"shape\"", "\"shap\""))),
            ("model.safetensors", b => BitConverter.GetBytes(ulong.MaxValue).Concat(b[8..]).ToArray()),
            ("model.safetensors", _ => []),
            ("model.safetensors", b => { var c = (byte[])b.Clone(); BitConverter.GetBytes(float.NaN).CopyTo(c, 8 + (int)BitConverter.ToUInt64(b, 0)); return c; }),
            ("summary.json", _ => "{ not json"u8.ToArray()),
            ("summary.json", _ => "null"u8.ToArray()),
            ("summary.json", _ => "{\"finalLoss\": \"x\"}"u8.ToArray()),
            ("config.json", _ => "[]"u8.ToArray()),
            ("config.json", b => Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(b).Replace("\"latent\": 3", "\"latent\": -3"))),
            ("metrics.csv", b => b.Select((x, i) => i > 60 ? (byte)0 : x).ToArray()),
        };
        int n = 0;
        foreach (var (file, change) in mutations)
        {
            string root = CliRunner.TempDir();
            string run = Path.Combine(root, "run");
            CopyDir(FinishedRun.Value, run);
            string path = Path.Combine(run, file);
            byte[] original = File.ReadAllBytes(path), changed = change(original);
            Assert.False(original.AsSpan().SequenceEqual(changed), $"mutation {n} of {file} changed nothing");
            File.WriteAllBytes(path, changed);
            foreach (var args in new[] { new[] { "analyze", run }, ["sample", run, "--out", Path.Combine(root, "s.csv")] })
            {
                if (file == "metrics.csv" && args[0] == "sample") continue;
                var (exit, _, err) = CliRunner.Run(args);
                Assert.True(exit == ExitCodes.BadInput, $"{file} mutation (case {n}), {args[0]}: exit {exit}: {err}");
                CliProcess.AssertOneLine(ExitCodes.BadInput, exit, err);
                Assert.True(File.Exists(path), $"{file} was deleted");
                n++;
            }
        }
        output.WriteLine($"malformed run files: {n} cases, {n} clear errors, 0 crashes, 0 data lost");
    }

    [Fact]
    public void Settings_that_would_be_silently_ignored_are_refused()
    {
        Check("silent settings", [
            ["train", "--held-out-fraction", "0.2", "--out", "ROOT/r", "--quiet"],
            ["train", "--standardize", "--family", "sigmoid", "--out", "ROOT/r", "--quiet"],
        ]);
        // A two-stage run without its stage-2 model is not analysed as one-stage.
        string run = Path.Combine(CliRunner.TempDir(), "two");
        RunExecutor.Execute(RunConfig.Defaults(DataFamilyKind.Sigmoid) with { Latent = 3, Steps = 60, LogEvery = 30, EvalSamples = 100, TwoStage = true, Stage2Steps = 60, Stage2Hidden = [8] }, run, 1);
        File.Delete(Path.Combine(run, RunLayout.Stage2ModelFile));
        var (exit, _, err) = CliRunner.Run("analyze", run);
        CliProcess.AssertOneLine(ExitCodes.BadInput, exit, err);
        Assert.Contains("stage2.safetensors", err);
    }

    [Fact]
    public void Duplicate_keys_in_config_and_sweep_files_name_the_key()
    {
        int n = Check("duplicate keys", [
            ["train", "--config", "ROOT/dup.json", "--out", "ROOT/r", "--quiet"],
            ["sweep", "ROOT/dupsweep.json", "--out", "ROOT/o"],
        ], (root, args) =>
        {
            File.WriteAllText(Path.Combine(root, "dup.json"), """{ "latent": 3, "steps": 10, "latent": 4 }""");
            File.WriteAllText(Path.Combine(root, "dupsweep.json"), """{ "name": "d", "base": { "steps": 10 }, "base": { "steps": 20 } }""");
            return args;
        });
        var (_, _, err) = CliRunner.Run("train", "--config", WriteTemp("""{ "latent": 3, "latent": 4 }"""), "--quiet");
        Assert.Contains("'latent'", err);
        Assert.Equal(2, n);
    }

    [Fact]
    public void A_full_disk_stops_with_one_line_and_leaves_no_run_that_looks_complete()
    {
        // A 256 KiB tmpfs in a private mount namespace (unshare -rm): training fills it with metrics and checkpoints.
        string root = CliRunner.TempDir();
        string mount = Path.Combine(root, "disk");
        Directory.CreateDirectory(mount);
        string cli = typeof(VaeLab.Cli.Program).Assembly.Location;
        string script = $"mount -t tmpfs -o size=256k tmpfs '{mount}' || exit 99; " +
            $"dotnet exec '{cli}' train --out '{mount}/run' --family sigmoid --latent 3 --steps 200000 --log-every 1 --checkpoint-every 1000 --quiet; " +
            $"echo \"exit=$?\"; ls -a '{mount}' '{mount}/run.partial' 2>&1; test -e '{mount}/run/summary.json' && echo COMPLETE";
        var start = new System.Diagnostics.ProcessStartInfo("unshare", ["-rm", "sh", "-c", script]) { RedirectStandardOutput = true, RedirectStandardError = true };
        System.Diagnostics.Process p;
        try
        {
            p = System.Diagnostics.Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            output.WriteLine("full disk: unshare is not available; case not run");
            return;
        }
        var (code, stdout, stderr) = CliProcess.Wait(p, 120);
        if (code == 99 || stdout.Length == 0)
        {
            output.WriteLine($"full disk: no tmpfs could be mounted here ({stderr.Trim()}); case not run");
            return;
        }
        output.WriteLine(stdout + stderr);
        Assert.Contains("exit=2", stdout);
        CliProcess.AssertOneLine(ExitCodes.BadInput, 2, stderr);
        Assert.Contains("disk is full", stderr);
        Assert.DoesNotContain("COMPLETE", stdout);
    }

    [Fact]
    public void Random_command_lines_never_crash()
    {
        int count = Environment.GetEnvironmentVariable("VAELAB_SLOW_TESTS") == "1" ? 2000 : 150;
        var rng = new Xoshiro256StarStar(11);
        string[] commands = ["train", "analyze", "data", "sample", "sweep", "theory", "bench", "sweep collect", "zzz"];
        string[] options = ["--latent", "--steps", "--out", "--config", "--family", "--padding", "--count", "--samples", "--encoder-hidden", "--batch-size",
            "--learning-rate", "--resume", "--jobs", "--shard", "--data-file", "--two-stage", "--help-me", "--seed", "--quiet", "--held-out-fraction"];
        string[] values = ["0", "-1", "3", "1e9", "2147483648", "NaN", "inf", "", "x", "../..", "/", "1,2,3", ",,", "0/0", "3/2", "linear", "sphere", "true", "\u0000", "9999999999999999999999"];
        var (root, fingerprint) = Workspace();
        string before = fingerprint();
        int clear = 0, ok = 0;
        for (int i = 0; i < count; i++)
        {
            var args = new List<string>(commands[rng.NextInt(commands.Length)].Split(' '));
            int k = rng.NextInt(4);
            for (int j = 0; j < k; j++)
            {
                args.Add(options[rng.NextInt(options.Length)]);
                if (rng.NextInt(5) > 0) args.Add(values[rng.NextInt(values.Length)]);
            }
            // Never a long job or a write outside the workspace: cap work, pin outputs.
            if (args[0] is "train" or "sweep" or "theory" or "bench" or "data") continue;
            if (!args.Contains("--out")) args.AddRange(["--out", Path.Combine(root, "o" + i)]);
            var (exit, _, err) = CliRunner.Run([.. args]);
            if (exit == 0) { ok++; continue; }
            CliProcess.AssertOneLine(ExitCodes.BadInput, exit, err);
            clear++;
        }
        Assert.Equal(before, fingerprint());
        output.WriteLine($"random command lines: {clear + ok} cases, {clear} clear errors, {ok} accepted, 0 crashes, 0 data lost");
    }

    private static byte[] SetHeader(byte[] file, Func<string, string> edit)
    {
        int length = (int)BitConverter.ToUInt64(file, 0);
        string header = edit(Encoding.UTF8.GetString(file, 8, length));
        byte[] h = Encoding.UTF8.GetBytes(header);
        return [.. BitConverter.GetBytes((ulong)h.Length), .. h, .. file[(8 + length)..]];
    }

    private static string WriteTemp(string text)
    {
        string path = Path.Combine(CliRunner.TempDir(), "c.json");
        File.WriteAllText(path, text);
        return path;
    }

    private static void CopyDir(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (string f in Directory.GetFiles(from)) File.Copy(f, Path.Combine(to, Path.GetFileName(f)));
    }
}
