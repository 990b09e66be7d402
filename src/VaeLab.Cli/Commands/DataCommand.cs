using System.CommandLine;
using Spectre.Console;
using VaeLab.Configuration;
using VaeLab.Core;
using VaeLab.Runs;

namespace VaeLab.Cli.Commands;

/// <summary>`vaelab data FAMILY`: export true samples of a family with its ground truth in a JSON sidecar.</summary>
public static class DataCommand
{
    public static Command Create()
    {
        var command = new Command("data", "Export samples of a data family to CSV or .npy; FILE.json beside it holds the ground truth (A or a*, r, n).");
        var family = new Argument<string>("FAMILY") { Description = "linear, sigmoid, sphere, torus, swiss-roll, graph or union" };
        var count = new Option<int>("--count") { Description = "number of samples (default 10000)", DefaultValueFactory = _ => 10_000 };
        var output = new Option<string>("--out") { Description = "file.csv or file.npy", Required = true };
        command.Arguments.Add(family);
        command.Options.Add(count);
        command.Options.Add(output);
        var options = DataExport.Settings.Select(key => ConfigResolver.Settings.First(s => s.Key == key))
            .Select(s => (s.Key, Option: new Option<string?>("--" + s.Option) { Description = s.Description, Arity = s.Type == typeof(bool) ? ArgumentArity.ZeroOrOne : ArgumentArity.ExactlyOne })).ToArray();
        foreach (var (_, o) in options) command.Options.Add(o);
        command.SetAction(r =>
        {
            var overrides = new Dictionary<string, string> { ["family"] = r.GetValue(family)! };
            foreach (var (key, o) in options)
                if (r.GetValue(o) is { } v) overrides[key] = v;
                else if (o.Arity.MinimumNumberOfValues == 0 && r.GetResult(o) != null) overrides[key] = "true";
            var config = ConfigResolver.Resolve(null, overrides);
            int n = r.GetValue(count);
            if (n < 1 || n > 50_000_000) throw new ConfigException($"--count must be within [1, 50000000] (got {n}).");
            string path = r.GetValue(output)!;
            if (Path.GetExtension(path).ToLowerInvariant() is not (".csv" or ".npy")) throw new ConfigException($"--out '{path}' must end in .csv or .npy.");
            NewFile.Require("--out", path, path + ".json");
            var f = DataExport.Write(config, n, path, "--out");
            AnsiConsole.MarkupLine($"wrote {n} x {f.AmbientDim} samples of {f.Name} (r = {f.IntrinsicDim}) to [blue]{Markup.Escape(path)}[/] and its ground truth to [blue]{Markup.Escape(path)}.json[/]");
            return ExitCodes.Success;
        });
        return command;
    }
}
