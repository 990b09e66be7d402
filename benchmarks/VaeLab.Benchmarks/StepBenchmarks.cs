using BenchmarkDotNet.Attributes;
using VaeLab.Benchmarking;
using VaeLab.Runs;
using VaeLab.Training;

namespace VaeLab.Benchmarks;

/// <summary>One full training step (data, noise, forward, backward, Adam) on the three paper workloads.</summary>
[MemoryDiagnoser]
public class StepBenchmarks
{
    private Trainer _trainer = null!;

    [Params("linear", "sigmoid", "sphere")]
    public string Workload { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _trainer = RunFactory.CreateTrainer(BenchmarkWorkloads.Config(Workload));
    }

    [Benchmark]
    public void Step() => _trainer.TrainStep();
}
