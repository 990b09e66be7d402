using System.CommandLine;
using Spectre.Console;
using VaeLab.Core;
using VaeLab.Data;
using VaeLab.Diagnostics;
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
            var (config, model) = RunFolder.LoadModel(run);
            VaeLab.Configuration.MemoryEstimate.CheckValues(n, config.AmbientDim, "--count", copies: 3);
            GeneratedSamples samples;
            if (r.GetValue(twoStage))
            {
                var stage2 = RunFolder.LoadStage2(run, config)
                    ?? throw new ConfigException($"--two-stage: '{run}' has no stage-2 model; train it with 'vaelab train --two-stage'.");
                samples = GeneratedSamples.DrawTwoStage(model, stage2, n, r.GetValue(seed), config.Stage2SampleNoise);
            }
            else samples = GeneratedSamples.Draw(model, n, r.GetValue(seed));
            var values = r.GetValue(noise) ? samples.WithNoise : samples.NoiseFree;
            // A model trained on standardised data samples in standard units: map back to the data's.
            if (RunFolder.ReadSummary(run).DataFile is { Mean.Length: > 0 } df)
                for (int i = 0; i < values.Length; i++) values[i] = (float)(values[i] * (df.Std[i % model.InputDim] > 0 ? df.Std[i % model.InputDim] : 1) + df.Mean[i % model.InputDim]);
            new Dataset(values, n, model.InputDim).Write(path, "--out");
            if (latentPath != null) new Dataset(samples.Latents, n, model.LatentDim).Write(latentPath, "--latents-out");
            AnsiConsole.MarkupLine($"wrote {n} x {model.InputDim} {(r.GetValue(twoStage) ? "two-stage" : "vanilla")} samples to [blue]{Markup.Escape(path)}[/]");
            return ExitCodes.Success;
        });
        return command;
    }
}
