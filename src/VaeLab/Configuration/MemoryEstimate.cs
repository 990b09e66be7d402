using VaeLab.Core;

namespace VaeLab.Configuration;

/// <summary>
/// The memory a training run needs, from its config alone, and the check that refuses one that will not fit.
/// Per model (stage 1, and stage 2 when two-stage): parameters, gradients, two Adam moments and a checkpoint copy
/// (5 floats per parameter), plus activations and their gradients for a batch of the widest layers (4 floats per
/// unit per sample), plus the evaluation copy of the model at 1000 samples; plus a finite training set or the rows of a
/// --data-file (read in chunks, so a file over 2 GiB costs its float32 values, not its bytes).
/// </summary>
public static class MemoryEstimate
{
    /// <summary>Bytes the run of <paramref name="config"/> needs, as a double so that no product overflows.</summary>
    /// <param name="config">the run.</param>
    /// <param name="dataFileRows">the rows of its --data-file, held once as the training and held-out sets (0 without one).</param>
    public static double Bytes(RunConfig config, long dataFileRows = 0)
    {
        double bytes = Model(config.AmbientDim, config.Latent, config.EncoderHidden, config.DecoderHidden, config.BatchSize, config.Decoder == VaeLab.Models.DecoderKind.SigmoidAffine);
        if (config.TwoStage) bytes += Model(config.Latent, config.Latent, config.Stage2Hidden, config.Stage2Hidden, config.BatchSize, false);
        bytes += 4.0 * config.TrainingSetSize * config.AmbientDim;
        bytes += 4.0 * dataFileRows * config.AmbientDim;
        return bytes;
    }

    /// <summary>
    /// Bytes that reading a --data-file of <paramref name="rows"/> x <paramref name="cols"/> values needs at its peak: the
    /// float32 values as read, their split into training and held-out rows, and a standardised copy with --standardize.
    /// </summary>
    public static double DataFileBytes(long rows, long cols, bool standardize) => 4.0 * rows * cols * (standardize ? 3 : 2);

    /// <summary>Throws, with the numbers, when the --data-file <paramref name="path"/> of that shape will not fit in <paramref name="availableBytes"/>.</summary>
    public static void CheckDataFile(string path, long rows, long cols, bool standardize, double availableBytes)
    {
        double need = DataFileBytes(rows, cols, standardize);
        if (need > availableBytes)
            throw new ConfigException($"--data-file '{path}' of shape ({rows}, {cols}) needs about {Gib(need)} of memory to read as float32{(standardize ? " and standardise" : "")} " +
                $"but this machine has {Gib(availableBytes)}; use a subsample of the rows.");
    }

    /// <summary>Throws <see cref="ConfigException"/> with the estimate when the run needs more than <paramref name="availableBytes"/>.</summary>
    public static void Check(RunConfig config, double availableBytes, long dataFileRows = 0)
    {
        double need = Bytes(config, dataFileRows);
        if (need > availableBytes)
            throw new ConfigException($"this run needs about {Gib(need)} of memory (n {config.AmbientDim}, latent {config.Latent}, encoder [{string.Join(",", config.EncoderHidden)}], " +
                $"decoder [{string.Join(",", config.DecoderHidden)}], batch {config.BatchSize}{(config.TwoStage ? $", stage 2 [{string.Join(",", config.Stage2Hidden)}]" : "")}) " +
                $"but this machine has {Gib(availableBytes)}; use smaller layers, --latent, --padding or --batch-size.");
    }

    /// <summary>
    /// Throws naming <paramref name="option"/> when <paramref name="rows"/> x <paramref name="width"/> float values (times
    /// <paramref name="copies"/> working copies) do not fit in one array (2^31 - 57 elements) or in this machine's memory.
    /// </summary>
    public static void CheckValues(long rows, long width, string option, int copies = 2)
    {
        double values = (double)rows * width;
        if (values > Array.MaxLength)
            throw new ConfigException($"{option} {rows} times the width {width} is {values:0} values, more than one array holds ({Array.MaxLength}); ask for fewer.");
        double need = 4.0 * values * copies;
        if (need > Available())
            throw new ConfigException($"{option} {rows} x {width} needs about {Gib(need)} of memory but this machine has {Gib(Available())}; ask for fewer.");
    }

    /// <summary>The memory this process may use: the GC's limit (physical memory or the container's cgroup limit).</summary>
    public static double Available() => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;

    /// <summary>"1.5 GiB".</summary>
    public static string Gib(double bytes) => (bytes / (1L << 30)).ToString(bytes < 1L << 30 ? "0.000" : "0.0", System.Globalization.CultureInfo.InvariantCulture) + " GiB";

    private static double Model(int n, int m, int[] encoderHidden, int[] decoderHidden, int batch, bool sigmoidAffine)
    {
        double parameters = Mlp(n, encoderHidden, 2.0 * m) + (sigmoidAffine ? 2.0 * m * n + n + 1 : Mlp(m, decoderHidden, n)) + 2;
        double widest = Math.Max(Math.Max(n, 2.0 * m), Math.Max(encoderHidden.DefaultIfEmpty(0).Max(), decoderHidden.DefaultIfEmpty(0).Max()));
        double units = n + 2.0 * m + encoderHidden.Sum(h => (double)h) + decoderHidden.Sum(h => (double)h) + n;
        double activations = 4.0 * units * Math.Max(batch, 1000) + 2 * widest * Math.Max(batch, 1000);
        return 4.0 * (5 * parameters + activations + parameters);
    }

    private static double Mlp(int input, int[] hidden, double output)
    {
        double count = 0, previous = input;
        foreach (int h in hidden)
        {
            count += previous * h + h;
            previous = h;
        }
        return count + previous * output + output;
    }
}
