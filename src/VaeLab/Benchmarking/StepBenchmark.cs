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
    /// <summary>Times <paramref name="repetitions"/> blocks of about <paramref name="secondsPerRepetition"/> each.</summary>
    public static WorkloadResult Run(string name, int repetitions = 7, double secondsPerRepetition = 0.4, double peakGflops = double.NaN)
    {
        var workload = BenchmarkWorkloads.Create(name);
        var trainer = workload.Trainer;
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
        long flops = workload.FlopsPerStep;
        double gflops = flops / median / 1e3;
        var result = new WorkloadResult(name, median, 1e6 / median, gflops, 100 * gflops / peakGflops, (double)allocated / (steps * repetitions), reps, flops)
        {
            SamplingUsPerStep = MeasureSampling(workload, repetitions, steps),
        };
        return BenchTargets.Judge(result, peakGflops);
    }

    /// <summary>Executed GEMM FLOPs of one training step (<see cref="Flops.TrainingStep"/>).</summary>
    public static long FlopsPerStep(Vae model, int batch) => Flops.TrainingStep(model, batch);

    // Median µs of one step's data and noise sampling, timed like the steps.
    private static double MeasureSampling(StepWorkload workload, int repetitions, int steps)
    {
        for (int i = 0; i < 1000; i++) workload.SampleOnly();
        var reps = new double[repetitions];
        for (int r = 0; r < repetitions; r++)
        {
            long t0 = Stopwatch.GetTimestamp();
            for (int i = 0; i < steps; i++) workload.SampleOnly();
            reps[r] = Stopwatch.GetElapsedTime(t0).TotalMicroseconds / steps;
        }
        return reps.Order().ElementAt(repetitions / 2);
    }

    /// <summary>Single-core FMA peak in GFLOP/s (see <see cref="FmaPeak"/>).</summary>
    public static double MeasurePeakGflops() => FmaPeak.MeasureGflops();
}
