using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace VaeLab.Core;

/// <summary>The one set of JSON options VaeLab reads and writes with: camelCase, strict, indented, kinds (enums) as their <see cref="KindNames"/>.</summary>
public static class Json
{
    /// <summary>The JSON options of every file VaeLab writes and reads: camelCase, indented, unknown keys rejected, NaN and infinities allowed.</summary>
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DictionaryKeyPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        MaxDepth = 32,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false) },
    };

    /// <summary><see cref="Options"/> on one line.</summary>
    public static readonly JsonSerializerOptions Compact = new(Options) { WriteIndented = false };
}
