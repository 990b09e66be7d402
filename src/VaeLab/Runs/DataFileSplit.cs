using VaeLab.Configuration;
using VaeLab.Core;
using VaeLab.Data;
using VaeLab.Random;

namespace VaeLab.Runs;

/// <summary>A --data-file read, split into training and held-out rows (seeded by the model seed) and optionally standardised.</summary>
public sealed record DataFileSplit(Dataset Train, Dataset HeldOut, double[] Mean, double[] Std)
{
    /// <summary>Reads the config's data file, shuffles its rows with stream "split" of the model seed, holds out the configured fraction and standardises when asked.</summary>
    public static DataFileSplit Load(RunConfig config)
    {
        if (Path.GetExtension(config.DataFile).Equals(".npy", StringComparison.OrdinalIgnoreCase) && File.Exists(config.DataFile))
        {
            // Refuse a file that will not fit before reading it (it is streamed, so its size in bytes is no limit).
            var header = NpyFormat.ReadHeader(config.DataFile, "--data-file");
            MemoryEstimate.CheckDataFile(config.DataFile, header.Rows, header.Cols, config.Standardize, MemoryEstimate.Available());
        }
        var data = Dataset.Read(config.DataFile, "--data-file");
        // Squared errors in float32 overflow beyond |x| ~ 1.8e19: training would diverge at once.
        if (!config.Standardize && data.FirstRowWhoseSquaresOverflow() is { } overflow)
            throw new ConfigException($"--data-file '{config.DataFile}': row {overflow.Row + 1} has values up to {overflow.MaxAbs:G3} whose squares overflow float32 (sum of squares > 3.4e38); " +
                "pass --standardize to train on (x - mean) / std per column.");
        var order = Enumerable.Range(0, data.Rows).ToArray();
        var rng = RngStreams.Create(config.Seed, "split");
        rng.Shuffle(order.AsSpan());
        int heldOut = (int)Math.Round(config.HeldOutFraction * data.Rows);
        int train = data.Rows - heldOut;
        if (train < 2) throw new ConfigException($"--held-out-fraction {config.HeldOutFraction} leaves {train} training row(s) of {data.Rows}; at least 2 are needed.");
        Dataset Rows(IEnumerable<int> rows)
        {
            var picked = rows.ToArray();
            var v = new float[picked.Length * data.Cols];
            for (int i = 0; i < picked.Length; i++) data.Values.AsSpan(picked[i] * data.Cols, data.Cols).CopyTo(v.AsSpan(i * data.Cols));
            return new Dataset(v, picked.Length, data.Cols, data.Header);
        }
        var trainSet = Rows(order.Take(train));
        var heldSet = Rows(order.Skip(train));
        if (!config.Standardize) return new DataFileSplit(trainSet, heldSet, [], []);
        var (mean, std) = trainSet.Moments();
        return new DataFileSplit(trainSet.Standardized(mean, std), heldOut > 0 ? heldSet.Standardized(mean, std) : heldSet, mean, std);
    }
}
