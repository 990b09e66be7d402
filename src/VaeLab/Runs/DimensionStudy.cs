using System.Text.Json;
using VaeLab.Configuration;
using VaeLab.Core;
using VaeLab.Data;
using VaeLab.Diagnostics;
using VaeLab.Dimension;
using VaeLab.Models;
using VaeLab.Random;
using VaeLab.Training;

namespace VaeLab.Runs;

/// <summary>
/// What dimension does a VAE see (SCIENCE.md section 10)? On the same true points: the VAE's local Jacobian rank and
/// active latents, and every classical estimator; each scored against the per-point truth of a family.
/// </summary>
public static class DimensionStudy
{
    /// <summary>The result file in the output folder.</summary>
    public const string ResultFile = "dimension.json";

    /// <summary>The evaluation points of a trained run: fresh family samples (stream "dimension"), or the file's training rows.</summary>
    public static (float[] X, int Count, int Cols, int[] Truth) Points(RunConfig config, DimensionOptions o)
    {
        if (config.Family == DataFamilyKind.File)
        {
            var train = DataFileSplit.Load(config).Train;
            int rows = Math.Min(o.Points, train.Rows);
            if (rows <= o.K) throw new ConfigException($"--data-file '{config.DataFile}' has {train.Rows} training rows; --k {o.K} needs more than {o.K}.");
            return (train.Values.AsSpan(0, rows * train.Cols).ToArray(), rows, train.Cols, []);
        }
        var family = RunFactory.CreateFamily(config);
        var x = new float[o.Points * family.AmbientDim];
        family.Sample(x, o.Points, RngStreams.Normal(o.Seed, "dimension"));
        var truth = new int[o.Points];
        family.PointDimensions(truth, o.Points);
        return (x, o.Points, family.AmbientDim, truth);
    }

    /// <summary>Measures a trained model and the classical estimators on the points of <see cref="Points"/>.</summary>
    public static DimensionResult Measure(RunConfig config, Vae model, string runDir, DimensionOptions o)
    {
        o.Validate();
        var (x, count, cols, truth) = Points(config, o);
        var vae = VaeLocalDimension.Measure(model, x, count, o.RankThreshold, config.ActiveThreshold);
        var estimates = new List<DimensionEstimate> { vae.LocalRank, vae.ActiveLatents };
        estimates.AddRange(ClassicalEstimators.All(x, count, cols, o.K, o.PcaFraction));
        var family = config.Family == DataFamilyKind.File ? null : RunFactory.CreateFamily(config);
        return new DimensionResult
        {
            Family = KindNames.Of(config.Family),
            IntrinsicDim = family?.IntrinsicDim ?? 0,
            AmbientDim = cols,
            LatentDim = model.LatentDim,
            NoiseVariance = config.Family == DataFamilyKind.File ? 0 : config.NoiseVariance,
            Rotated = config.Rotate,
            Options = o,
            ActiveThreshold = config.ActiveThreshold,
            RunDir = runDir,
            Truth = truth,
            Estimates = estimates.ToArray(),
            Scores = truth.Length == 0 ? [] : estimates.SelectMany(e => DimensionScore.Score(e, truth)).ToArray(),
            Spectra = vae.Spectra,
        };
    }

    /// <summary>Writes dimension.json into <paramref name="dir"/> (atomically).</summary>
    public static void Write(string dir, DimensionResult result) =>
        AtomicFile.WriteText(Path.Combine(dir, ResultFile), JsonSerializer.Serialize(result, Json.Options));

    /// <summary>Reads a dimension.json.</summary>
    public static DimensionResult Read(string path) =>
        JsonSerializer.Deserialize<DimensionResult>(File.ReadAllText(path), Json.Options)
        ?? throw new ConfigException($"'{path}' is not a dimension.json.");
}
