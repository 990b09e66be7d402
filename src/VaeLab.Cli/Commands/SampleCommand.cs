using System.CommandLine;
using Spectre.Console;
using VaeLab.Core;
using VaeLab.Runs;

namespace VaeLab.Cli.Commands;

/// <summary>`vaelab sample RUN_DIR`: draw from a trained model, vanilla or two-stage.</summary>
public static class SampleCommand
{
    public static Command Create()
    {
        var command = new Command("sample", "Draw samples x = f(s), s ~ N(0, I) (or u -> z -> x with --two-stage) from a trained run into CSV or .npy.");
        var dir = new Argument<string>("RUN_DIR") { Description = "a folder written by 'vaelab train'" };
        var count = new Option<int>("--count") { Description = "number of samples (default 10000)", DefaultValueFactory = _ => 10_000 };
        var output = new Option<string>("--out") { Description = "file.csv or file.npy", Required = true };
        var twoStage = new Option<bool>("--two-stage") { Description = "sample through the stage-2 VAE (two-stage runs)" };
        var noise = new Option<bool>("--with-noise") { Description = "add the decoder noise sigma * xi (default: the noise-free mean f(s))" };
        var seed = new Option<ulong>("--seed") { Description = "sampling seed (default 1)", DefaultValueFactory = _ => 1 };
        var latents = new Option<string?>("--latents-out") { Description = "also write the latent draws s (or u with --two-stage), count x m, to this .csv or .npy", HelpName = "file" };
        foreach (var o in new Option[] { count, output, twoStage, noise, seed, latents }) command.Options.Add(o);
        command.Arguments.Add(dir);
        command.SetAction(r =>
        {
            string run = r.GetValue(dir)!, path = r.GetValue(output)!;
            int n = r.GetValue(count);
            if (n < 1 || n > 50_000_000) throw new ConfigException($"--count must be within [1, 50000000] (got {n}).");
            if (Path.GetExtension(path).ToLowerInvariant() is not (".csv" or ".npy")) throw new ConfigException($"--out '{path}' must end in .csv or .npy.");
            string? latentPath = r.GetValue(latents);
            if (latentPath != null && Path.GetExtension(latentPath).ToLowerInvariant() is not (".csv" or ".npy")) throw new ConfigException($"--latents-out '{latentPath}' must end in .csv or .npy.");
            NewFile.Require("--out", path);
            if (latentPath != null) NewFile.Require("--latents-out", latentPath);
            if (latentPath != null && Path.GetFullPath(latentPath) == Path.GetFullPath(path))
                throw new ConfigException($"--latents-out '{latentPath}' is the --out file; give it another name.");
            int columns = RunSampling.Write(run, n, r.GetValue(twoStage), r.GetValue(noise), r.GetValue(seed), path, latentPath);
            AnsiConsole.MarkupLine($"wrote {n} x {columns} {(r.GetValue(twoStage) ? "two-stage" : "vanilla")} samples to [blue]{Markup.Escape(path)}[/]");
            return ExitCodes.Success;
        });
        return command;
    }
}
