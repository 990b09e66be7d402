using System.CommandLine;
using Spectre.Console;
using VaeLab.Experiments;

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
        command.Options.Add(config);
        command.Options.Add(output);
        command.Options.Add(quiet);
        var settings = new SettingOptions(command);
        command.SetAction(result =>
        {
            var file = result.GetValue(config) is { } path ? ConfigResolver.ReadConfigFile(path) : null;
            var resolved = ConfigResolver.Resolve(file, settings.Overrides(result));
            string outDir = result.GetValue(output) ?? Path.Combine("runs", $"{resolved.Family}-seed{resolved.Seed}-{DateTime.Now:yyyyMMdd-HHmmss}");
            if (RunFolder.IsComplete(outDir))
                throw new ConfigException($"--out '{outDir}' already holds a finished run; pass another --out or delete it.");
            var summary = Terminal.Progress(!result.GetValue(quiet), $"train {resolved.Family}", resolved.TotalSteps,
                (report, cancel) => RunExecutor.Execute(resolved, outDir, threads: 1, report, cancel));
            if (!result.GetValue(quiet)) Terminal.PrintSummary(outDir, summary);
            return 0;
        });
        return command;
    }
}
