using System.Diagnostics;
using VaeLab.Models;
using VaeLab.Numerics;
using VaeLab.Runs;

namespace VaeLab.Benchmarking;

/// <summary>
/// Times full training steps (data sampling and all noise included) on one thread: warm-up, then the
/// median over repetitions. Also measures this core's FMA peak.
/// </summary>
public static class StepBenchmark
{
    /// <summary>Times <paramref name="repetitions"/> blocks of about <paramref name="secondsPerRepetition"/> each.</summary>
    public static WorkloadResult Run(string name, int repetitions = 7, double secondsPerRepetition = 0.4, double peakGflops = double.NaN)
    {
        var c = BenchmarkWorkloads.Config(name);
        var trainer = RunFactory.CreateTrainer(c);
        var model = trainer.Vae;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < 0.5 || trainer.Step < 300) trainer.TrainStep();
        double warmUs = clock.Elapsed.TotalMicroseconds / trainer.Step;
        int steps = Math.Max(10, (int)(secondsPerRepetition * 1e6 / warmUs));
        var reps = new double[repetitions];
        long allocated = 0;
        for (int r = 0; r < repetitions; r++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            long t0 = Stopwatch.GetTimestamp();
            for (int i = 0; i < steps; i++) trainer.TrainStep();
            reps[r] = Stopwatch.GetElapsedTime(t0).TotalMicroseconds / steps;
            allocated += GC.GetAllocatedBytesForCurrentThread() - before;
        }
        double median = reps.Order().ElementAt(repetitions / 2);
        long flops = FlopsPerStep(model, c.BatchSize);
        double gflops = flops / median / 1e3;
        return new WorkloadResult(name, median, 1e6 / median, gflops, 100 * gflops / peakGflops, (double)allocated / (steps * repetitions), reps, flops);
    }

    /// <summary>6 · batch · Σ in·out over Linear layers: forward, weight gradient and input gradient GEMMs.</summary>
    public static long FlopsPerStep(Vae model, int batch) =>
        model.Parameters.Tensors.Where(t => t.Name.EndsWith(".weight", StringComparison.Ordinal))
            .Sum(t => 6L * batch * t.Shape[0] * t.Shape[1]);

    /// <summary>Single-core FMA peak in GFLOP/s (see <see cref="FmaPeak"/>).</summary>
    public static double MeasurePeakGflops() => FmaPeak.MeasureGflops();
}
