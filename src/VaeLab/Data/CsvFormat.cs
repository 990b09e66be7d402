using System.Globalization;
using System.Text;
using VaeLab.Core;

namespace VaeLab.Data;

/// <summary>Comma-separated numbers, one point per line, with an optional header line of names.</summary>
public static class CsvFormat
{
    /// <summary>Reads a CSV file into a dataset; <paramref name="label"/> names the file's setting in error messages (a ConfigException, one line).</summary>
    public static Dataset Read(string path, string label)
    {
        string where = $"{label} '{path}'";
        var values = new List<float>();
        string[]? header = null;
        int cols = -1, rows = 0, lineNumber = 0;
        foreach (string raw in File.ReadLines(path))
        {
            lineNumber++;
            string line = raw.Trim();
            if (line.Length == 0) continue;
            if (line.Contains('\0')) throw new ConfigException($"{where}: line {lineNumber} holds binary data; expected comma-separated numbers.");
            var cells = line.Split(',');
            if (cols >= 0 && cells.Length != cols)
                throw new ConfigException($"{where}: row {rows + 1} (line {lineNumber}) has {cells.Length} columns, expected {cols} like the rows before it.");
            var parsed = new float[cells.Length];
            int bad = -1;
            for (int c = 0; c < cells.Length && bad < 0; c++)
                if (!float.TryParse(cells[c].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out parsed[c])) bad = c;
            if (bad >= 0)
            {
                if (rows == 0 && header == null && cols < 0)
                {
                    header = cells.Select(c => c.Trim()).ToArray();
                    cols = cells.Length;
                    continue;
                }
                string cell = cells[bad].Trim();
                throw new ConfigException($"{where}: row {rows + 1} (line {lineNumber}), column {bad + 1} is '{(cell.Length > 40 ? cell[..40] + "..." : cell)}', not a number.");
            }
            cols = cells.Length;
            values.AddRange(parsed);
            rows++;
        }
        if (rows == 0) throw new ConfigException($"{where} holds no data rows.");
        return new Dataset(values.ToArray(), rows, cols, header);
    }

    /// <summary>Writes a dataset as CSV: a header line (its names, or x0, x1, ...), then the rows at round-trip precision, invariant culture, atomically.</summary>
    public static void Write(string path, Dataset d, bool overwrite = true)
    {
        var sb = new StringBuilder();
        sb.AppendLine(string.Join(",", d.Header ?? Enumerable.Range(0, d.Cols).Select(c => $"x{c}")));
        for (int r = 0; r < d.Rows; r++)
            sb.AppendLine(string.Join(",", Enumerable.Range(0, d.Cols).Select(c => d.Values[r * d.Cols + c].ToString("R", CultureInfo.InvariantCulture))));
        AtomicFile.WriteText(path, sb.ToString(), overwrite);
    }
}
