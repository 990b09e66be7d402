using VaeLab.Core;

namespace VaeLab.Data;

/// <summary>A table of points, row-major (Rows, Cols), float32.</summary>
public sealed record Dataset(float[] Values, int Rows, int Cols, string[]? Header = null)
{
    /// <summary>
    /// Reads CSV (optional header) or NumPy .npy (float32/float64, 2-D, C order) by extension. Errors are one-line
    /// <see cref="ConfigException"/>s that start with <paramref name="label"/> (the setting that named the file) and the path.
    /// </summary>
    public static Dataset Read(string path, string label)
    {
        if (!File.Exists(path)) throw new ConfigException($"{label} '{path}' does not exist.");
        var dataset = Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".npy" => NpyFormat.Read(path, label),
            ".csv" or ".txt" => CsvFormat.Read(path, label),
            var e => throw new ConfigException($"{label} '{path}' must end in .csv or .npy (got '{e}')."),
        };
        if (dataset.Rows < 2) throw new ConfigException($"{label} '{path}' has {dataset.Rows} row(s); at least 2 are needed.");
        for (int i = 0; i < dataset.Values.Length; i++)
            if (!float.IsFinite(dataset.Values[i]))
                throw new ConfigException($"{label} '{path}': row {i / dataset.Cols + 1}, column {i % dataset.Cols + 1} is {dataset.Values[i]}; every value must be finite.");
        return dataset;
    }

    /// <summary>
    /// The first row (0-based) whose sum of squares is not finite in float32, and its largest |value|: such data overflow
    /// the squared errors of training (|x| above about 1.8e19). Null when every row is fine.
    /// </summary>
    public (int Row, float MaxAbs)? FirstRowWhoseSquaresOverflow()
    {
        for (int r = 0; r < Rows; r++)
        {
            var row = Values.AsSpan(r * Cols, Cols);
            float sum = 0, max = 0;
            foreach (float v in row)
            {
                sum += v * v;
                max = Math.Max(max, Math.Abs(v));
            }
            if (!float.IsFinite(sum)) return (r, max);
        }
        return null;
    }

    /// <summary>The largest |value|.</summary>
    public float MaxAbs()
    {
        float max = 0;
        foreach (float v in Values) max = Math.Max(max, Math.Abs(v));
        return max;
    }

    /// <summary>
    /// Writes by extension (.csv with a header x0,x1,... or .npy float32), atomically, never replacing an existing file
    /// (an IOException if one appeared since the caller checked); errors start with <paramref name="label"/>.
    /// </summary>
    public void Write(string path, string label)
    {
        switch (Path.GetExtension(path).ToLowerInvariant())
        {
            case ".npy": NpyFormat.Write(path, this, overwrite: false); break;
            case ".csv": CsvFormat.Write(path, this, overwrite: false); break;
            default: throw new ConfigException($"{label} '{path}' must end in .csv or .npy.");
        }
    }

    /// <summary>Column means and standard deviations (population), in double.</summary>
    public (double[] Mean, double[] Std) Moments()
    {
        var mean = new double[Cols];
        var sq = new double[Cols];
        for (int r = 0; r < Rows; r++)
            for (int c = 0; c < Cols; c++) { double v = Values[r * Cols + c]; mean[c] += v; sq[c] += v * v; }
        var std = new double[Cols];
        for (int c = 0; c < Cols; c++)
        {
            mean[c] /= Rows;
            std[c] = Math.Sqrt(Math.Max(sq[c] / Rows - mean[c] * mean[c], 0));
        }
        return (mean, std);
    }

    /// <summary>(x - mean) / std per column; constant columns are only centred.</summary>
    public Dataset Standardized(double[] mean, double[] std)
    {
        var v = new float[Values.Length];
        for (int r = 0; r < Rows; r++)
            for (int c = 0; c < Cols; c++)
                v[r * Cols + c] = (float)((Values[r * Cols + c] - mean[c]) / (std[c] > 0 ? std[c] : 1));
        return this with { Values = v };
    }
}
