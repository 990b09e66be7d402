using BenchmarkDotNet.Attributes;
using VaeLab.Numerics;

namespace VaeLab.Benchmarks;

/// <summary>The GEMM shapes the paper's models and the stage-2 VAE use: (batch, in) x (in, out) and the two backward products.</summary>
[MemoryDiagnoser]
public class GemmBenchmarks
{
    private float[] _a = [], _b = [], _c = [], _bias = [];
    private int _m, _k, _n;

    // Stage 1 (linear, sphere) and stage 2 (m = 16, MLPs 128,128): forward (100 x in)(in x out), input gradient
    // (100 x out)(out x in) (FastTransposedB, reading W without a transposed copy); with FastTransposedA the weight
    // gradient (in x 100)(100 x out) of shape MxKxN = in x 100 x out.
    [Params("100x12x20", "100x20x12", "100x21x200", "100x200x200", "200x100x200",
        "100x16x128", "100x128x128", "100x128x16", "16x100x128", "128x100x128", "128x100x16")]
    public string Shape { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var d = Shape.Split('x').Select(int.Parse).ToArray();
        (_m, _k, _n) = (d[0], d[1], d[2]);
        int m = _m, k = _k, n = _n;
        var rng = new VaeLab.Random.Xoshiro256StarStar(1);
        _a = Enumerable.Range(0, m * k).Select(_ => (float)rng.NextNormal()).ToArray();
        _b = Enumerable.Range(0, k * n).Select(_ => (float)rng.NextNormal()).ToArray();
        _bias = new float[n];
        _c = new float[m * n];
    }

    [Benchmark(Baseline = true)]
    public void Naive() => GemmNaive.MatMul(_a, _k, 1, _b, _bias, _c, _m, _k, _n, false);

    [Benchmark]
    public void Fast() => Gemm.MatMul(_a, _b, _bias, _c, _m, _k, _n, false);

    [Benchmark]
    public void FastTransposedA() => Gemm.MatMul(_a, 1, _m, _b, default, _c, _m, _k, _n, true);

    // The input gradient dy·Wᵀ: _b read as Wᵀ, W being (n, k) row-major (a layer with in = n, out = k).
    [Benchmark]
    public void FastTransposedB() => Gemm.MatMulTransB(_a, _b, default, _c, _m, _k, _n, false);

    [Benchmark]
    public void FastRelu() => Gemm.MatMulRelu(_a, _b, _bias, _c, _m, _k, _n);
}
