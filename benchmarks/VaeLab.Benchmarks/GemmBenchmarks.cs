using BenchmarkDotNet.Attributes;
using VaeLab.Numerics;

namespace VaeLab.Benchmarks;

/// <summary>The GEMM shapes the paper's models use: (batch, in) x (in, out) and the two backward products.</summary>
[MemoryDiagnoser]
public class GemmBenchmarks
{
    private float[] _a = [], _b = [], _c = [], _bias = [];

    [Params("100x12x20", "100x20x12", "100x21x200", "100x200x200", "200x100x200")]
    public string Shape { get; set; } = "";

    private (int M, int K, int N) Dims => Shape.Split('x').Select(int.Parse).ToArray() switch { var d => (d[0], d[1], d[2]) };

    [GlobalSetup]
    public void Setup()
    {
        var (m, k, n) = Dims;
        var rng = new VaeLab.Random.Xoshiro256StarStar(1);
        _a = Enumerable.Range(0, m * k).Select(_ => (float)rng.NextNormal()).ToArray();
        _b = Enumerable.Range(0, k * n).Select(_ => (float)rng.NextNormal()).ToArray();
        _bias = new float[n];
        _c = new float[m * n];
    }

    [Benchmark(Baseline = true)]
    public void Naive() { var (m, k, n) = Dims; GemmNaive.MatMul(_a, k, 1, _b, _bias, _c, m, k, n, false); }

    [Benchmark]
    public void Fast() { var (m, k, n) = Dims; Gemm.MatMul(_a, _b, _bias, _c, m, k, n, false); }

    [Benchmark]
    public void FastTransposedA() { var (m, k, n) = Dims; Gemm.MatMul(_a, 1, m, _b, default, _c, m, k, n, true); }
}
