using VaeLab.Benchmarking;
using VaeLab.Core;

namespace VaeLab.Tests.Benchmarking;

public class BenchSuiteTests
{
    [Fact]
    public void Groups_and_names_select_workloads_and_anything_else_is_a_one_line_error()
    {
        Assert.Equal(["stage2-m6", "stage2-m16", "stage2-m24"], BenchSuite.Select("stage2"));
        Assert.Equal(["cold-linear", "cold-sigmoid"], BenchSuite.Select("cold"));
        Assert.Equal(["analyze-sphere"], BenchSuite.Select("analyze-sphere"));
        Assert.Equal(BenchSuite.Names, BenchSuite.Select(null));
        var e = Assert.Throws<ConfigException>(() => BenchSuite.Select("stage3"));
        Assert.Contains("--workload", e.Message);
        Assert.Contains("'stage3'", e.Message);
    }

    [Fact]
    public void A_stage2_step_allocates_nothing_after_warm_up()
    {
        var w = BenchmarkWorkloads.Create("stage2-m6");
        for (int i = 0; i < 50; i++) w.Trainer.TrainStep();
        w.SampleOnly();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 20; i++)
        {
            w.Trainer.TrainStep();
            w.SampleOnly();
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void The_step_benchmark_reports_its_sampling_floor_and_judges_the_target()
    {
        var r = StepBenchmark.Run("linear", repetitions: 3, secondsPerRepetition: 0.05, peakGflops: 100);
        Assert.True(r.SamplingUsPerStep > 0 && r.SamplingUsPerStep < r.UsPerStep, $"sampling {r.SamplingUsPerStep} µs of a {r.UsPerStep} µs step");
        Assert.Equal(r.UsPerStep <= 2 * BenchTargets.FloorUs(r, 100) && r.AllocatedBytesPerStep < 0.5, r.TargetMet);
        Assert.StartsWith("<= 2x floor", r.Target);
        var json = BenchSuite.ToJson(r);
        foreach (string field in (string[])["name", "usPerStep", "stepsPerSecond", "gflops", "percentOfPeak", "allocatedBytesPerStep", "flopsPerStep", "repetitionsUs"])
            Assert.True(json.ContainsKey(field), field);
        Assert.Equal(r.RepetitionsUs.Min(), r.MinUsPerStep);
        Assert.True(r.SpreadPercent >= 0 && r.MadPercent >= 0 && r.MadPercent <= r.SpreadPercent + 1e-9, $"spread {r.SpreadPercent}%, MAD {r.MadPercent}%");
        Assert.Equal(r.SpreadPercent, (double)json["spreadPercent"]!);
    }

    [Fact]
    public void Spread_and_median_absolute_deviation_come_from_the_repetitions()
    {
        var r = new WorkloadResult("x", 10, 0.1, double.NaN, double.NaN, 0, [9, 10, 10.5, 12, 10], 0);
        Assert.Equal(30, r.SpreadPercent, 9);
        Assert.Equal(5, r.MadPercent, 9);
        Assert.Equal(10, StepBenchmark.Median([12, 9, 10.5, 10, 10]));
    }
}
