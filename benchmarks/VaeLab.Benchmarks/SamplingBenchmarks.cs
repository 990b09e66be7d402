using BenchmarkDotNet.Attributes;
using VaeLab.Random;

namespace VaeLab.Benchmarks;

/// <summary>Bulk normal sampling: the vectorised sampler against scalar Box-Muller from xoshiro256**.</summary>
[MemoryDiagnoser]
public class SamplingBenchmarks
{
    private readonly float[] _buffer = new float[4096];
    private readonly NormalSampler _sampler = RngStreams.Normal(1, "bench");
    private readonly Xoshiro256StarStar _scalar = new(1);

    [Benchmark]
    public void Vectorised() => _sampler.Fill(_buffer);

    [Benchmark(Baseline = true)]
    public void Scalar()
    {
        for (int i = 0; i < _buffer.Length; i++) _buffer[i] = (float)_scalar.NextNormal();
    }
}
