namespace VaeLab.Tests.Examples;

/// <summary>Paths inside the repository the tests run from (found by walking up to VaeLab.sln).</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "VaeLab.sln"))) return dir.FullName;
        throw new InvalidOperationException($"no VaeLab.sln above {AppContext.BaseDirectory}");
    }
}
