using BenchmarkDotNet.Attributes;
using Basin.Tensors.Blas;

namespace Basin.Benchmarks;

/// <summary>Managed vs OpenBLAS GEMM (<c>C ← A·B</c>, row-major, β = 0) on Basin's typical shapes.</summary>
[MemoryDiagnoser]
public class GemmBenchmarks
{
    private float[] _af = [], _bf = [], _cf = [];
    private double[] _ad = [], _bd = [], _cd = [];
    private IGemmProvider _provider = Blas.Managed;

    /// <summary>m×n×k: the spec's yardstick, the SA-nODE step (batch 250 × N 784 × N 784), a square and a skinny shape.</summary>
    [Params("784x784x256", "250x784x784", "512x512x512", "64x784x800")]
    public string Shape { get; set; } = "784x784x256";

    [Params("managed", "openblas")]
    public string Provider { get; set; } = "managed";

    [Params(1, 2)]
    public int Threads { get; set; } = 2;

    private int _m, _n, _k;

    [GlobalSetup]
    public void Setup()
    {
        var dims = Shape.Split('x').Select(int.Parse).ToArray();
        (_m, _n, _k) = (dims[0], dims[1], dims[2]);
        _provider = Provider == "openblas"
            ? Blas.OpenBlas ?? throw new InvalidOperationException("OpenBLAS is not installed.")
            : new ManagedGemm();
        ((IGemmThreading)_provider).MaxThreads = Threads;
        var rng = new Random(1);
        _af = new float[_m * _k]; _bf = new float[_k * _n]; _cf = new float[_m * _n];
        _ad = new double[_m * _k]; _bd = new double[_k * _n]; _cd = new double[_m * _n];
        for (int i = 0; i < _af.Length; i++) _ad[i] = _af[i] = (float)(rng.NextDouble() - 0.5);
        for (int i = 0; i < _bf.Length; i++) _bd[i] = _bf[i] = (float)(rng.NextDouble() - 0.5);
    }

    [Benchmark]
    public void F32() => _provider.Gemm(false, false, _m, _n, _k, 1f, _af, _k, _bf, _n, 0f, _cf, _n);

    [Benchmark]
    public void F64() => _provider.Gemm(false, false, _m, _n, _k, 1.0, _ad, _k, _bd, _n, 0.0, _cd, _n);
}
