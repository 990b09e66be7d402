// Trains a small linear VAE through the VaeLab library and reads its diagnostics: the decoder rank
// against the data's intrinsic dimension (the paper's implicit bias, claim C1) and every claim verdict.
//   dotnet run --project examples/TrainAndDiagnose -- [OUT_DIR] [STEPS]
using System.Text.Json.Nodes;
using VaeLab.Claims;
using VaeLab.Diagnostics;
using VaeLab.Configuration;
using VaeLab.Runs;
using VaeLab.Reporting;

string outDir = args.Length > 0 ? args[0] : Path.Combine(Path.GetTempPath(), "vaelab-example-" + Environment.ProcessId);
int steps = args.Length > 1 ? int.Parse(args[1]) : 30_000;
if (Directory.Exists(outDir)) { Console.Error.WriteLine($"error: '{outDir}' exists; pass a new folder."); return 2; }

// The same settings as `vaelab train --family linear --data-dim 3 --padding 4 --latent 8 --steps N`.
var settings = new JsonObject { ["family"] = "linear", ["dataDim"] = 3, ["padding"] = 4, ["latent"] = 8, ["steps"] = steps, ["evalSamples"] = 2000 };
RunConfig config = ConfigResolver.Resolve(settings, new Dictionary<string, string>());

RunSummary summary = RunExecutor.Execute(config, outDir, threads: 1);
Console.WriteLine($"trained {summary.Steps} steps: negative ELBO {summary.FinalLoss:F3} ± {summary.FinalLossStandardError:F3}, decoder σ² {summary.DecoderVariance:G3}");

RunDiagnostics d = RunAnalysis.Analyze(outDir, new AnalysisOptions(Samples: 2000, MmdSamples: 500));
Console.WriteLine($"decoder singular values: {string.Join(", ", d.DecoderSingularValues.Select(v => v.ToString("G3")))}");
Console.WriteLine($"decoder rank {d.DecoderRank}, intrinsic dimension r = {d.IntrinsicDim}, active latents {d.ActiveLatents} of {d.LatentDim}");
foreach (ClaimVerdict c in d.Claims.Where(c => c.Status != ClaimRules.NotApplicable))
    Console.WriteLine($"{c.Id} {c.Status}: {c.Measurement}");
Console.WriteLine($"run folder: {outDir}");
return 0;
