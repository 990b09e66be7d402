using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace VaeLab.Runs;

/// <summary>Where and with what a run was made: recorded in config.json and reports.</summary>
/// <remarks>
/// <see cref="Simd"/> lists the instruction sets the kernels may use ("avx512f avx2 fma sse4.2", "advsimd", or
/// "none"): runs are bit-identical only between machines with the same list (and the same .NET runtime), because
/// vector width and fused multiply-add change how sums are rounded.
/// </remarks>
public sealed record RunEnvironment(string Version, string Os, string Runtime, string Cpu, int LogicalCores, int SimdWidthBits, bool Avx512, int Threads)
{
    /// <summary>The SIMD instruction sets this process may use, as a space-separated list.</summary>
    public string Simd { get; init; } = SimdSupport();

    /// <summary>The SIMD instruction sets the runtime reports as usable (honours DOTNET_EnableAVX2=0 and friends).</summary>
    public static string SimdSupport()
    {
        var sets = new List<string>();
        if (System.Runtime.Intrinsics.X86.Avx512F.IsSupported) sets.Add("avx512f");
        if (System.Runtime.Intrinsics.X86.Avx2.IsSupported) sets.Add("avx2");
        if (System.Runtime.Intrinsics.X86.Fma.IsSupported) sets.Add("fma");
        if (System.Runtime.Intrinsics.X86.Avx.IsSupported) sets.Add("avx");
        if (System.Runtime.Intrinsics.X86.Sse42.IsSupported) sets.Add("sse4.2");
        if (System.Runtime.Intrinsics.Arm.AdvSimd.IsSupported) sets.Add("advsimd");
        return sets.Count == 0 ? "none" : string.Join(" ", sets);
    }

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
