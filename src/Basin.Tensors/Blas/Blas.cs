namespace Basin.Tensors.Blas;

/// <summary>Placeholder front door to the GEMM providers (replaced by the managed packed GEMM).</summary>
public static class Blas
{
    /// <summary>The provider used by tensor operations.</summary>
    public static IGemmProvider Default { get; set; } = new ReferenceGemm();

    /// <summary>Single-precision GEMM on the default provider.</summary>
    public static void Gemm(bool transA, bool transB, int m, int n, int k, float alpha, ReadOnlySpan<float> a, int lda,
        ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
        => Default.Gemm(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);

    /// <summary>Double-precision GEMM on the default provider.</summary>
    public static void Gemm(bool transA, bool transB, int m, int n, int k, double alpha, ReadOnlySpan<double> a, int lda,
        ReadOnlySpan<double> b, int ldb, double beta, Span<double> c, int ldc)
        => Default.Gemm(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}
