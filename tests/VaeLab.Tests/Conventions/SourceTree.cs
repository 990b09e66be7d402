using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace VaeLab.Tests.Conventions;

/// <summary>The library's source files, read from the checkout, and the order of its layers.</summary>
public static partial class SourceTree
{
    /// <summary>
    /// The layers of src/VaeLab, bottom first. A folder may use its own layer and those before it, never one after it.
    /// Dimension is listed for issue 13's folder; a folder missing from this list fails the layer test.
    /// </summary>
    public static readonly string[] Layers =
    [
        "Core", "Numerics", "Random", "Data", "Models", "Training", "Configuration", "Dimension", "Diagnostics",
        "Theory", "Claims", "Runs", "Grids", "Reporting", "Benchmarking",
    ];

    /// <summary>src/ of this checkout.</summary>
    public static string SrcRoot([CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "..", "src"));

    /// <summary>src/VaeLab.</summary>
    public static string Library => Path.Combine(SrcRoot(), "VaeLab");

    /// <summary>Every .cs file under <paramref name="root"/>, build outputs left out.</summary>
    public static IEnumerable<string> Files(string root) => Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
        .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"));

    /// <summary>The folder of the library a file is in (its layer).</summary>
    public static string Folder(string file) => Path.GetRelativePath(Library, file).Split(Path.DirectorySeparatorChar)[0];

    /// <summary>The namespaces of VaeLab a source text uses: using directives and qualified names VaeLab.X.</summary>
    public static IEnumerable<string> UsedLayers(string text) =>
        UsedNamespace().Matches(StripComments(text)).Select(m => m.Groups[1].Value).Distinct();

    /// <summary>Top-level public types declared in a source text.</summary>
    public static IEnumerable<string> PublicTypes(string text) =>
        PublicType().Matches(StripComments(text)).Select(m => m.Groups[1].Value);

    /// <summary>True when a text uses hand-written SIMD (Vector128/256/512, Vector&lt;T&gt;, Avx2, Avx512F, Fma) beyond asking what the hardware has.</summary>
    public static bool HandWrittenSimd(string text) =>
        Wide().Replace(Capability().Replace(StripComments(text), ""), "x") != Capability().Replace(StripComments(text), "");

    /// <summary>The text without comments (so a doc comment may name anything).</summary>
    public static string StripComments(string text) => Comment().Replace(text, "");

    /// <summary>The sections of an .editorconfig text: glob to its settings ("key = value"), comments and blank lines left out.</summary>
    public static Dictionary<string, List<string>> EditorConfigSections(string text)
    {
        var sections = new Dictionary<string, List<string>>();
        List<string>? current = null;
        foreach (string raw in text.Split('\n'))
        {
            string line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';') continue;
            if (line[0] == '[') sections[line.Trim('[', ']')] = current = [];
            else current?.Add(string.Join(" = ", line.Split('=', 2).Select(p => p.Trim())));
        }
        return sections;
    }

    [GeneratedRegex(@"\bVaeLab\.(\w+)")]
    private static partial Regex UsedNamespace();

    [GeneratedRegex(@"^public (?:sealed |static |abstract |readonly |unsafe |partial )*(?:record struct|record class|record|class|struct|interface|enum) (\w+)", RegexOptions.Multiline)]
    private static partial Regex PublicType();

    [GeneratedRegex(@"\b(?:Vector(?:128|256|512)\.IsHardwareAccelerated|Vector<\w+>\.Count|(?:System\.Runtime\.Intrinsics\.X86\.)?(?:Avx512F|Avx2|Fma)\.IsSupported)")]
    private static partial Regex Capability();

    // System.Numerics.Vector<T> over float or integers (MathNet's Vector<double> is linear algebra, not SIMD).
    [GeneratedRegex(@"\b(?:Vector(?:128|256|512)|Avx512F|Avx2|Fma)\b|\bVector<(?:float|int|uint|byte|short|ushort|long|ulong)>")]
    private static partial Regex Wide();

    [GeneratedRegex(@"//.*$", RegexOptions.Multiline)]
    private static partial Regex Comment();
}
