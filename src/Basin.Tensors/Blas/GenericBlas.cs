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
    /// <summary>
    /// A <see cref="PackedMatrix{T}"/> for op(B) of k×n when the default provider is <see cref="ManagedGemm"/> (which can use
    /// one), otherwise null: callers then keep calling the unpacked overload.
    /// </summary>
    public static PackedMatrix<T>? TryCreatePacked<T>(int k, int n) where T : unmanaged, IFloatingPointIeee754<T> =>
        Blas.Default is ManagedGemm mg ? new PackedMatrix<T>(k, n, mg.Kernel) : null;

    /// <summary>
    /// C ← α·op(A)·op(B) + β·C on the default provider, reading op(B) from <paramref name="packedB"/> when that provider is the
    /// managed one of the same kernel level and the shapes match; otherwise from <paramref name="b"/> (so <paramref name="packedB"/>
    /// must hold the same op(B) — repack it whenever B changes). Either way the result is the same bit for bit on the managed provider.
    /// </summary>
    public static void Gemm<T>(bool transA, bool transB, int m, int n, int k, T alpha, ReadOnlySpan<T> a, int lda,
        ReadOnlySpan<T> b, int ldb, PackedMatrix<T>? packedB, T beta, Span<T> c, int ldc) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (packedB is { IsPacked: true } && packedB.K == k && packedB.N == n && Blas.Default is ManagedGemm mg && mg.Kernel == packedB.Kernel)
        {
            if (typeof(T) == typeof(float))
                mg.Gemm(transA, m, float.CreateTruncating(alpha), MemoryMarshal.Cast<T, float>(a), lda,
                    System.Runtime.CompilerServices.Unsafe.As<PackedMatrix<float>>(packedB), float.CreateTruncating(beta), MemoryMarshal.Cast<T, float>(c), ldc);
            else
                mg.Gemm(transA, m, double.CreateTruncating(alpha), MemoryMarshal.Cast<T, double>(a), lda,
                    System.Runtime.CompilerServices.Unsafe.As<PackedMatrix<double>>(packedB), double.CreateTruncating(beta), MemoryMarshal.Cast<T, double>(c), ldc);
            return;
        }
        Gemm(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    }
}
