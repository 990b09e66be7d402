using System.Diagnostics;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using VaeLab.Benchmarking;
using VaeLab.Models;

namespace VaeLab.Experiments;

/// <summary>One workload's measured step time.</summary>
public sealed record WorkloadResult(string Name, double UsPerStep, double StepsPerSecond, double Gflops, double PercentOfPeak,
    double AllocatedBytesPerStep, double[] RepetitionsUs, long FlopsPerStep)
{
    /// <summary>µs per step of the data and noise sampling alone (median); NaN when not measured.</summary>
    public double SamplingUsPerStep { get; init; } = double.NaN;

    /// <summary>The target this workload is held to, in words; empty when none.</summary>
    public string Target { get; init; } = "";

    /// <summary>Whether the target is met; null when there is none.</summary>
    public bool? TargetMet { get; init; }

    /// <summary>What UsPerStep is per: "step" (a training step) or "analysis" (one run's whole analysis).</summary>
    public string Unit { get; init; } = "step";

    /// <summary>Cold-start workloads: µs per step at the steady state, and the first steps' time over it; NaN otherwise.</summary>
    public double SteadyUsPerStep { get; init; } = double.NaN;

    /// <inheritdoc cref="SteadyUsPerStep"/>
    public double ColdRatio { get; init; } = double.NaN;
}

/// <summary>
/// Times full training steps (data sampling and all noise included) on one thread: warm-up, then the
/// median over repetitions. Also measures this core's FMA peak.
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

    /// <summary>Single-core FMA peak in GFLOP/s: 12 independent vector FMA chains (2 flops per lane).</summary>
    public static double MeasurePeakGflops()
    {
        double best = 0;
        for (int trial = 0; trial < 5; trial++)
        {
            long t0 = Stopwatch.GetTimestamp();
            const int iterations = 4_000_000;
            float sink = Vector512.IsHardwareAccelerated && Fma.IsSupported ? Peak512(iterations) : Peak256(iterations);
            double seconds = Stopwatch.GetElapsedTime(t0).TotalSeconds;
            int lanes = Vector512.IsHardwareAccelerated ? 16 : 8;
            best = Math.Max(best, 12.0 * iterations * lanes * 2 / seconds / 1e9 + sink * 0);
        }
        return best;
    }

    private static float Peak512(int iterations)
    {
        var a = Vector512.Create(0.999f);
        var b = Vector512.Create(1e-6f);
        Vector512<float> c0 = a, c1 = a, c2 = a, c3 = a, c4 = a, c5 = a, c6 = a, c7 = a, c8 = a, c9 = a, c10 = a, c11 = a;
        for (int i = 0; i < iterations; i++)
        {
            c0 = Avx512F.FusedMultiplyAdd(c0, a, b); c1 = Avx512F.FusedMultiplyAdd(c1, a, b);
            c2 = Avx512F.FusedMultiplyAdd(c2, a, b); c3 = Avx512F.FusedMultiplyAdd(c3, a, b);
            c4 = Avx512F.FusedMultiplyAdd(c4, a, b); c5 = Avx512F.FusedMultiplyAdd(c5, a, b);
            c6 = Avx512F.FusedMultiplyAdd(c6, a, b); c7 = Avx512F.FusedMultiplyAdd(c7, a, b);
            c8 = Avx512F.FusedMultiplyAdd(c8, a, b); c9 = Avx512F.FusedMultiplyAdd(c9, a, b);
            c10 = Avx512F.FusedMultiplyAdd(c10, a, b); c11 = Avx512F.FusedMultiplyAdd(c11, a, b);
        }
        return (c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11).ToScalar();
    }

    private static float Peak256(int iterations)
    {
        var a = Vector256.Create(0.999f);
        var b = Vector256.Create(1e-6f);
        Vector256<float> c0 = a, c1 = a, c2 = a, c3 = a, c4 = a, c5 = a, c6 = a, c7 = a, c8 = a, c9 = a, c10 = a, c11 = a;
        for (int i = 0; i < iterations; i++)
        {
            c0 = Vector256.FusedMultiplyAdd(c0, a, b); c1 = Vector256.FusedMultiplyAdd(c1, a, b);
            c2 = Vector256.FusedMultiplyAdd(c2, a, b); c3 = Vector256.FusedMultiplyAdd(c3, a, b);
            c4 = Vector256.FusedMultiplyAdd(c4, a, b); c5 = Vector256.FusedMultiplyAdd(c5, a, b);
            c6 = Vector256.FusedMultiplyAdd(c6, a, b); c7 = Vector256.FusedMultiplyAdd(c7, a, b);
            c8 = Vector256.FusedMultiplyAdd(c8, a, b); c9 = Vector256.FusedMultiplyAdd(c9, a, b);
            c10 = Vector256.FusedMultiplyAdd(c10, a, b); c11 = Vector256.FusedMultiplyAdd(c11, a, b);
        }
        return (c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11).ToScalar();
    }
}
