using System.Diagnostics;
using VaeLab.Models;
using VaeLab.Numerics;
using VaeLab.Runs;

namespace VaeLab.Benchmarking;

/// <summary>
/// Times full training steps (data sampling and all noise included) on one thread: warm-up, then the
/// median over repetitions, and the step's data-and-noise sampling alone. Also measures this core's FMA peak.
/// </summary>
public static class StepBenchmark
{
    /// <summary>
    /// Times <paramref name="repetitions"/> blocks of about <paramref name="secondsPerRepetition"/> each, after a warm-up
    /// of at least a second (JIT, caches, clock ramp). Each step block is followed by a block of the step's sampling
    /// alone, so that the floor is measured under the same conditions as the steps it is compared with; both report
    /// the median block. The spread of the step blocks is in the result (<see cref="WorkloadResult.SpreadPercent"/>).
    /// </summary>
    public static WorkloadResult Run(string name, int repetitions = 7, double secondsPerRepetition = 0.4, double peakGflops = double.NaN)
    {
        var workload = BenchmarkWorkloads.Create(name);
        var trainer = workload.Trainer;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < Math.Min(1.0, 2.5 * secondsPerRepetition) || trainer.Step < 300) trainer.TrainStep();
        for (int i = 0; i < 300; i++) workload.SampleOnly();
        double warmUs = clock.Elapsed.TotalMicroseconds / trainer.Step;
        int steps = Math.Max(10, (int)(secondsPerRepetition * 1e6 / warmUs));
        var reps = new double[repetitions];
        var sampling = new double[repetitions];
        long allocated = 0;
        for (int r = 0; r < repetitions; r++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            long t0 = Stopwatch.GetTimestamp();
            for (int i = 0; i < steps; i++) trainer.TrainStep();
            reps[r] = Stopwatch.GetElapsedTime(t0).TotalMicroseconds / steps;
            allocated += GC.GetAllocatedBytesForCurrentThread() - before;
            long t1 = Stopwatch.GetTimestamp();
            for (int i = 0; i < steps; i++) workload.SampleOnly();
            sampling[r] = Stopwatch.GetElapsedTime(t1).TotalMicroseconds / steps;
        }
        double median = Median(reps);
        long flops = workload.FlopsPerStep;
        double gflops = flops / median / 1e3;
        var result = new WorkloadResult(name, median, 1e6 / median, gflops, 100 * gflops / peakGflops, (double)allocated / (steps * repetitions), reps, flops)
        {
            SamplingUsPerStep = Median(sampling),
        };
        return BenchTargets.Judge(result, peakGflops);
    }

    /// <summary>The median of <paramref name="values"/> (the upper middle one for an even count).</summary>
    public static double Median(IEnumerable<double> values)
    {
        double[] sorted = [.. values.Order()];
        return sorted[sorted.Length / 2];
    }

    /// <summary>Executed GEMM FLOPs of one training step (<see cref="Flops.TrainingStep"/>).</summary>
    public static long FlopsPerStep(Vae model, int batch) => Flops.TrainingStep(model, batch);

    /// <summary>Single-core FMA peak in GFLOP/s (see <see cref="FmaPeak"/>).</summary>
    public static double MeasurePeakGflops() => FmaPeak.MeasureGflops();
}
