using System.Numerics;
using System.Runtime.InteropServices;

namespace Basin.Tensors.Blas;

/// <summary>GEMM for code written once over <c>T ∈ {float, double}</c>: dispatches to <see cref="Blas"/>'s typed overloads.</summary>
public static class GenericBlas
{
    /// <summary>C ← α·op(A)·op(B) + β·C on the default provider (see <see cref="IGemmProvider"/> for the layout).</summary>
    public static void Gemm<T>(bool transA, bool transB, int m, int n, int k, T alpha, ReadOnlySpan<T> a, int lda,
        ReadOnlySpan<T> b, int ldb, T beta, Span<T> c, int ldc) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
            Blas.Gemm(transA, transB, m, n, k, float.CreateTruncating(alpha), MemoryMarshal.Cast<T, float>(a), lda,
                MemoryMarshal.Cast<T, float>(b), ldb, float.CreateTruncating(beta), MemoryMarshal.Cast<T, float>(c), ldc);
        else if (typeof(T) == typeof(double))
            Blas.Gemm(transA, transB, m, n, k, double.CreateTruncating(alpha), MemoryMarshal.Cast<T, double>(a), lda,
                MemoryMarshal.Cast<T, double>(b), ldb, double.CreateTruncating(beta), MemoryMarshal.Cast<T, double>(c), ldc);
        else throw new NotSupportedException($"GEMM supports float and double, not {typeof(T).Name}.");
    }
}
