namespace VaeLab.Core;

/// <summary>CSV output as RFC 4180 says: a field holding a comma, a double quote, CR or LF is quoted, inner quotes doubled.</summary>
public static class Csv
{
    /// <summary>One field, quoted when it must be.</summary>
    public static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"") + "\"";

    /// <summary>One record: the fields joined by commas, each quoted when it must be (no line ending).</summary>
    public static string Line(IEnumerable<string> fields) => string.Join(",", fields.Select(Field));

    /// <summary>Splits one RFC 4180 record (no line breaks inside fields) into its fields; the inverse of <see cref="Line"/>.</summary>
    public static List<string> Split(string line)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { current.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else current.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(current.ToString()); current.Clear(); }
            else current.Append(c);
        }
        fields.Add(current.ToString());
        return fields;
    }
}
