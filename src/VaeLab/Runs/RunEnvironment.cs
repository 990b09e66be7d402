using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace VaeLab.Runs;

/// <summary>Where and with what a run was made: recorded in config.json and reports.</summary>
public sealed record RunEnvironment(string Version, string Os, string Runtime, string Cpu, int LogicalCores, int SimdWidthBits, bool Avx512, int Threads)
{
    /// <summary>The current process's environment, with the number of worker threads the run used.</summary>
    public static RunEnvironment Current(int threads) => new(
        typeof(RunEnvironment).Assembly.GetName().Version?.ToString(3) ?? "0.0.0",
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        CpuName(),
        Environment.ProcessorCount,
        Vector512.IsHardwareAccelerated ? 512 : Vector256.IsHardwareAccelerated ? 256 : Vector<byte>.Count * 8,
        System.Runtime.Intrinsics.X86.Avx512F.IsSupported,
        threads);

    private static string CpuName()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            if (line != null) return line[(line.IndexOf(':') + 1)..].Trim();
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return RuntimeInformation.ProcessArchitecture.ToString();
    }
}
