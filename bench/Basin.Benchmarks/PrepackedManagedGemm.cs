using Basin.Tensors.Blas;

namespace Basin.Benchmarks;

/// <summary>
/// The managed provider with op(B) packed once (<see cref="PackedMatrix{T}"/>) and reused while the same B buffer and shape
/// come back — what an ODE solver gets when it multiplies by one coupling matrix at every step. Packing happens on the first
/// call for a buffer (the benchmark's warm-up), so the timings are of the products alone.
/// </summary>
internal sealed unsafe class PrepackedManagedGemm : IGemmProvider, IGemmThreading
{
    private readonly ManagedGemm _gemm = new();
    private PackedMatrix<float>? _f;
    private PackedMatrix<double>? _d;
    private (nint Ptr, bool TransB, int K, int N) _fKey, _dKey;

    public string Name => "managed+prepacked";

    public int MaxThreads { get => _gemm.MaxThreads; set => _gemm.MaxThreads = value; }

    public override string ToString() => $"managed ({_gemm.Kernel}, op(B) prepacked once)";

    public void Gemm(bool transA, bool transB, int m, int n, int k, float alpha, ReadOnlySpan<float> a, int lda,
        ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
    {
        fixed (float* pb = b)
        {
            var key = ((nint)pb, transB, k, n);
            if (_f is null || _fKey != key) { _f = new PackedMatrix<float>(k, n, _gemm.Kernel); _f.Pack(transB, b, ldb); _fKey = key; }
        }
        _gemm.Gemm(transA, m, alpha, a, lda, _f, beta, c, ldc);
    }

    public void Gemm(bool transA, bool transB, int m, int n, int k, double alpha, ReadOnlySpan<double> a, int lda,
        ReadOnlySpan<double> b, int ldb, double beta, Span<double> c, int ldc)
    {
        fixed (double* pb = b)
        {
            var key = ((nint)pb, transB, k, n);
            if (_d is null || _dKey != key) { _d = new PackedMatrix<double>(k, n, _gemm.Kernel); _d.Pack(transB, b, ldb); _dKey = key; }
        }
        _gemm.Gemm(transA, m, alpha, a, lda, _d, beta, c, ldc);
    }
}
