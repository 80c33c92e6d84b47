using System.Numerics;

namespace Basin.Tensors.Blas;

/// <summary>
/// One validated GEMM call, <c>C ← α·op(A)·op(B) + β·C</c>, with its operands pinned by the caller
/// for the duration of the call. Element (i, p) of op(A) is <c>A[i·lda + p]</c>, or <c>A[p·lda + i]</c> when transposed;
/// likewise for op(B).
/// </summary>
internal readonly unsafe struct GemmProblem<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public readonly T* A;
    public readonly T* B;
    public readonly T* C;
    public readonly nint Lda, Ldb, Ldc;
    public readonly bool TransA, TransB;
    public readonly int M, N, K;
    public readonly T Alpha, Beta;

    public GemmProblem(bool transA, bool transB, int m, int n, int k, T alpha, T* a, int lda, T* b, int ldb, T beta, T* c, int ldc)
    {
        TransA = transA; TransB = transB;
        M = m; N = n; K = k;
        Alpha = alpha; Beta = beta;
        A = a; B = b; C = c;
        Lda = lda; Ldb = ldb; Ldc = ldc;
    }
}
