namespace VaeLab.Tests.Conventions;

/// <summary>The house rules of STYLE.md as tests (as ScottPlot does): each fails, naming the file, on a violation.</summary>
public class ConventionsTests
{
    [Fact]
    public void Every_library_folder_is_a_known_layer()
    {
        var folders = Directory.GetDirectories(SourceTree.Library).Select(Path.GetFileName)
            .Where(f => f is not ("obj" or "bin")).ToArray();
        Assert.Empty(folders.Where(f => !SourceTree.Layers.Contains(f)));
    }

    [Fact]
    public void Usings_point_down_the_layers()
    {
        var violations = new List<string>();
        foreach (string file in SourceTree.Files(SourceTree.Library))
        {
            string folder = SourceTree.Folder(file);
            if (file.EndsWith(".csproj", StringComparison.Ordinal) || !SourceTree.Layers.Contains(folder)) continue;
            int own = Array.IndexOf(SourceTree.Layers, folder);
            foreach (string used in SourceTree.UsedLayers(File.ReadAllText(file)))
            {
                int layer = Array.IndexOf(SourceTree.Layers, used);
                if (layer > own) violations.Add($"{Path.GetRelativePath(SourceTree.SrcRoot(), file)} ({folder}) uses VaeLab.{used}, a layer above it");
            }
        }
        Assert.Empty(violations);
    }

    [Fact]
    public void One_public_type_per_file_named_after_it()
    {
        var violations = new List<string>();
        foreach (string file in SourceTree.Files(SourceTree.SrcRoot()))
        {
            var types = SourceTree.PublicTypes(File.ReadAllText(file)).ToArray();
            string name = Path.GetFileNameWithoutExtension(file);
            if (types.Length > 1 || (types.Length == 1 && types[0] != name))
                violations.Add($"{Path.GetRelativePath(SourceTree.SrcRoot(), file)} declares {string.Join(", ", types)}");
        }
        Assert.Empty(violations);
    }

    [Fact]
    public void Hand_written_wide_SIMD_lives_only_in_Numerics_and_Random()
    {
        var violations = SourceTree.Files(SourceTree.SrcRoot())
            .Where(f => SourceTree.Folder(f) is not ("Numerics" or "Random") || !f.StartsWith(SourceTree.Library, StringComparison.Ordinal))
            .Where(f => SourceTree.HandWrittenSimd(File.ReadAllText(f)))
            .Select(f => Path.GetRelativePath(SourceTree.SrcRoot(), f));
        Assert.Empty(violations);
    }

    [Fact]
    public void Files_stay_under_300_lines()
    {
        var violations = SourceTree.Files(SourceTree.SrcRoot())
            .Select(f => (File: Path.GetRelativePath(SourceTree.SrcRoot(), f), Lines: File.ReadAllLines(f).Length))
            .Where(x => x.Lines > 300).Select(x => $"{x.File}: {x.Lines} lines");
        Assert.Empty(violations);
    }

    /// <summary>
    /// Undocumented public members are the compiler's to find (CS1591, which sees exactly what is public). This test
    /// checks that the compiler is asked: the library writes its XML docs, src/VaeLab/.editorconfig makes CS1591 an
    /// error for every .cs file, nothing in the project file switches it off or overrides the per-file severities, and
    /// each exemption names one existing file of the library and switches off CS1591 only.
    /// </summary>
    [Fact]
    public void Undocumented_public_members_fail_the_build_except_in_the_listed_files()
    {
        string project = File.ReadAllText(Path.Combine(SourceTree.Library, "VaeLab.csproj"));
        Assert.Contains("<GenerateDocumentationFile>true</GenerateDocumentationFile>", project);
        Assert.DoesNotContain("<NoWarn>", project);
        Assert.DoesNotContain("<WarningsAsErrors>", project);
        Assert.DoesNotContain("<TreatWarningsAsErrors>true", project);

        var sections = SourceTree.EditorConfigSections(File.ReadAllText(Path.Combine(SourceTree.Library, ".editorconfig")));
        Assert.Equal(["dotnet_diagnostic.CS1591.severity = error"], sections["*.cs"]);
        var violations = new List<string>();
        foreach (var (glob, settings) in sections.Where(s => s.Key != "*.cs"))
        {
            if (!File.Exists(Path.Combine(SourceTree.Library, glob))) violations.Add($"[{glob}] names no file of src/VaeLab");
            if (settings.Count != 1 || settings[0] != "dotnet_diagnostic.CS1591.severity = none") violations.Add($"[{glob}] sets {string.Join("; ", settings)}");
        }
        Assert.Empty(violations);
    }
}
