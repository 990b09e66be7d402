using System.Diagnostics;

namespace VaeLab.Tests.Examples;

/// <summary>
/// A fact that needs a python3 with numpy (Debian's python3-numpy; .ci/run installs it when apt-get is there).
/// Without one the test is reported as skipped, with the reason, never silently passed.
/// </summary>
public sealed class PythonFactAttribute : FactAttribute
{
    /// <summary>The first python3 that imports numpy: /usr/bin/python3 (Debian's), then python3 on PATH; null if none.</summary>
    public static string? Python { get; } = Find();

    public PythonFactAttribute()
    {
        if (Python == null) Skip = "no python3 with numpy: install Debian's python3-numpy (apt-get install python3-numpy; .ci/run does it when run as root)";
    }

    private static string? Find()
    {
        foreach (string candidate in new[] { "/usr/bin/python3", "python3" })
        {
            try
            {
                using var p = Process.Start(new ProcessStartInfo(candidate, ["-c", "import numpy"]) { RedirectStandardError = true, RedirectStandardOutput = true });
                if (p == null) continue;
                p.WaitForExit(30_000);
                if (p.HasExited && p.ExitCode == 0) return candidate;
            }
            catch (System.ComponentModel.Win32Exception)
            {
            }
        }
        return null;
    }
}
