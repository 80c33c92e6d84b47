namespace Basin.Tensors.Blas;

/// <summary>
/// A BLAS-shaped general matrix multiply, row-major:
/// <c>C ← α·op(A)·op(B) + β·C</c>, where op(A) is m×k, op(B) is k×n and C is m×n.
/// When <c>transA</c> is set, A is stored k×m (row-major, leading dimension <c>lda ≥ m</c>), otherwise m×k (<c>lda ≥ k</c>);
/// likewise B is stored n×k when <c>transB</c> is set (<c>ldb ≥ k</c>), otherwise k×n (<c>ldb ≥ n</c>); <c>ldc ≥ n</c>.
/// When β = 0, C is overwritten and its previous contents (even NaN) are ignored, as in reference BLAS.
/// </summary>
public interface IGemmProvider
{
    /// <summary>Short machine-readable name: <c>managed</c> or <c>openblas</c>.</summary>
    string Name { get; }

    /// <summary>Single-precision GEMM.</summary>
    void Gemm(bool transA, bool transB, int m, int n, int k,
        float alpha, ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb,
        float beta, Span<float> c, int ldc);

    /// <summary>Double-precision GEMM.</summary>
    void Gemm(bool transA, bool transB, int m, int n, int k,
        double alpha, ReadOnlySpan<double> a, int lda, ReadOnlySpan<double> b, int ldb,
        double beta, Span<double> c, int ldc);
}
