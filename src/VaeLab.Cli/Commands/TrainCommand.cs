using System.CommandLine;
using Spectre.Console;
using VaeLab.Configuration;
using VaeLab.Core;
using VaeLab.Runs;

namespace VaeLab.Cli.Commands;

/// <summary>`vaelab train`: one training run into a run folder.</summary>
public static class TrainCommand
{
    public static Command Create()
    {
        var command = new Command("train", "Train one VAE and write a run folder (config.json, metrics.csv, model.safetensors, summary.json).");
        var config = new Option<string?>("--config") { Description = "JSON file of settings; command-line options override it", HelpName = "file.json" };
        var output = new Option<string?>("--out") { Description = "run folder to create (default runs/FAMILY-seedN-TIME)", HelpName = "dir" };
        var quiet = new Option<bool>("--quiet") { Description = "no progress bar or summary table" };
        var resume = new Option<string?>("--resume") { Description = "continue an interrupted run from its checkpoint (the --out folder it was given)", HelpName = "run_dir" };
        command.Options.Add(resume);
        command.Options.Add(config);
        command.Options.Add(output);
        command.Options.Add(quiet);
        var settings = new SettingOptions(command);
        command.SetAction(result =>
        {
            if (result.GetValue(resume) is { } resumeDir) return Resume(resumeDir, result, settings, result.GetValue(config) != null || result.GetValue(output) != null, result.GetValue(quiet));
            var file = result.GetValue(config) is { } path ? ConfigResolver.ReadConfigFile(path) : null;
            var resolved = ConfigResolver.Resolve(file, settings.Overrides(result));
            string outDir = result.GetValue(output) ?? Path.Combine("runs", $"{resolved.Family}-seed{resolved.Seed}-{DateTime.Now:yyyyMMdd-HHmmss}");
            if (RunLayout.IsComplete(outDir))
                throw new ConfigException($"--out '{outDir}' already holds a finished run; pass another --out or delete it.");
            SafeFolder.CheckOutput(outDir, "--out");
            // A requeued job re-runs the same command: continue its unfinished run instead of starting over.
            string partial = RunLayout.PartialDir(outDir);
            bool resuming = false;
            if (File.Exists(Path.Combine(partial, RunLayout.CheckpointFile)) && SafeFolder.HasVaeLabConfig(Path.Combine(partial, RunLayout.ConfigFile)))
            {
                var stored = RunFolder.ReadConfig(partial);
                if (!RunFolder.SameSettings(stored, resolved))
                    throw new ConfigException($"'{partial}' holds an unfinished run with other settings; continue it with 'vaelab train --resume {outDir}', or pass another --out.");
                Console.Error.WriteLine($"note: '{partial}' holds an unfinished run with these settings: resuming it from its checkpoint.");
                (resolved, resuming) = (stored, true);
            }
            if (EvalCost.Warning(resolved) is { } warning) Console.Error.WriteLine(warning);
            var summary = Terminal.Progress(!result.GetValue(quiet), $"train {resolved.Family}", resolved.TotalSteps,
                (report, cancel) => RunExecutor.Execute(resolved, outDir, threads: 1, report, cancel, resuming));
            if (!result.GetValue(quiet)) Terminal.PrintSummary(outDir, summary);
            return ExitCodes.Success;
        });
        return command;
    }

    private static int Resume(string dir, ParseResult result, SettingOptions settings, bool extra, bool quiet)
    {
        if (extra || settings.Overrides(result).Count > 0)
            throw new ConfigException("--resume takes no other settings: the run continues with the config it started with.");
        if (RunLayout.IsComplete(dir)) throw new ConfigException($"--resume '{dir}' is already a finished run.");
        SafeFolder.CheckOutput(dir, "--resume");
        string partial = RunLayout.PartialDir(dir);
        if (!File.Exists(Path.Combine(partial, RunLayout.ConfigFile)))
            throw new ConfigException($"--resume '{dir}' has no interrupted run ({partial}/config.json is missing); pass the --out folder of the run.");
        var config = RunFolder.ReadConfig(partial);
        var summary = Terminal.Progress(!quiet, $"resume {config.Family}", config.TotalSteps,
            (report, cancel) => RunExecutor.Execute(config, dir, threads: 1, report, cancel, resume: true));
        if (!quiet) Terminal.PrintSummary(dir, summary);
        return ExitCodes.Success;
    }
}
