using BenchmarkDotNet.Attributes;
using VaeLab.Benchmarking;
using VaeLab.Runs;
using VaeLab.Training;

namespace VaeLab.Benchmarks;

/// <summary>One full training step (data, noise, forward, backward, Adam) on the paper workloads and stage 2 (m = 6, 16, 24).</summary>
[MemoryDiagnoser]
public class StepBenchmarks
{
    private Trainer _trainer = null!;

    [Params("linear", "sigmoid", "sphere", "stage2-m6", "stage2-m16", "stage2-m24")]
    public string Workload { get; set; } = "";

    [GlobalSetup]
    public void Setup() => _trainer = BenchmarkWorkloads.Create(Workload).Trainer;

    [Benchmark]
    public void Step() => _trainer.TrainStep();
}
