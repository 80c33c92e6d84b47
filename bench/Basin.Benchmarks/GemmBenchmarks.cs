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

    private int M => int.Parse(Shape.Split('x')[0]);
    private int N => int.Parse(Shape.Split('x')[1]);
    private int K => int.Parse(Shape.Split('x')[2]);

    [GlobalSetup]
    public void Setup()
    {
        _provider = Provider == "openblas"
            ? Blas.OpenBlas ?? throw new InvalidOperationException("OpenBLAS is not installed.")
            : new ManagedGemm();
        ((IGemmThreading)_provider).MaxThreads = Threads;
        var rng = new Random(1);
        _af = new float[M * K]; _bf = new float[K * N]; _cf = new float[M * N];
        _ad = new double[M * K]; _bd = new double[K * N]; _cd = new double[M * N];
        for (int i = 0; i < _af.Length; i++) _ad[i] = _af[i] = (float)(rng.NextDouble() - 0.5);
        for (int i = 0; i < _bf.Length; i++) _bd[i] = _bf[i] = (float)(rng.NextDouble() - 0.5);
    }

    [Benchmark]
    public void F32() => _provider.Gemm(false, false, M, N, K, 1f, _af, K, _bf, N, 0f, _cf, N);

    [Benchmark]
    public void F64() => _provider.Gemm(false, false, M, N, K, 1.0, _ad, K, _bd, N, 0.0, _cd, N);
}
