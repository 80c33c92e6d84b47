using System.Numerics;
using System.Runtime.Intrinsics.X86;
using Basin.Tensors.Blas.Kernels;

namespace Basin.Tensors.Blas;

/// <summary>
/// The default, fully managed GEMM: <c>C ← α·op(A)·op(B) + β·C</c> with BLIS-style cache blocking, packed panels,
/// register-tiled SIMD micro-kernels (AVX-512, AVX2 + FMA or scalar) and tasks shared over a small persistent thread pool.
/// Results are deterministic: for given operands and kernel level, C is bit-identical for any thread count.
/// See <c>Blas/README.md</c> for the blocking scheme and measured speed.
/// </summary>
public sealed class ManagedGemm : IGemmProvider, IGemmThreading
{
    private int _maxThreads = Environment.ProcessorCount;

    /// <summary>A provider using the kernel level <paramref name="kernel"/>.</summary>
    /// <exception cref="NotSupportedException">The CPU lacks the instructions the requested level needs.</exception>
    public ManagedGemm(GemmKernel kernel = GemmKernel.Auto)
    {
        Kernel = kernel switch
        {
            GemmKernel.Auto => BestSupported,
            GemmKernel.Avx512 when !Avx512F.IsSupported
                => throw new NotSupportedException("GemmKernel.Avx512 needs AVX-512F, which this CPU (or DOTNET_EnableAVX512F) does not provide."),
            GemmKernel.Avx2 when !(Avx2.IsSupported && Fma.IsSupported)
                => throw new NotSupportedException("GemmKernel.Avx2 needs AVX2 and FMA, which this CPU does not provide."),
            GemmKernel.Avx512 or GemmKernel.Avx2 or GemmKernel.Scalar => kernel,
            _ => throw new ArgumentOutOfRangeException(nameof(kernel), kernel, "Unknown GEMM kernel level."),
        };
    }

    /// <summary>The widest kernel level this CPU supports.</summary>
    public static GemmKernel BestSupported =>
        Avx512F.IsSupported ? GemmKernel.Avx512 : Avx2.IsSupported && Fma.IsSupported ? GemmKernel.Avx2 : GemmKernel.Scalar;

    /// <summary>Whether <paramref name="kernel"/> can run on this CPU.</summary>
    public static bool IsSupported(GemmKernel kernel) => kernel switch
    {
        GemmKernel.Auto or GemmKernel.Scalar => true,
        GemmKernel.Avx2 => Avx2.IsSupported && Fma.IsSupported,
        GemmKernel.Avx512 => Avx512F.IsSupported,
        _ => false,
    };

    /// <inheritdoc />
    public string Name => "managed";

    /// <summary>The kernel level in use (never <see cref="GemmKernel.Auto"/>).</summary>
    public GemmKernel Kernel { get; }

    /// <summary>Most threads one call may use; defaults to <see cref="Environment.ProcessorCount"/>. Small products run on one.</summary>
    public int MaxThreads
    {
        get => _maxThreads;
        set => _maxThreads = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "MaxThreads must be ≥ 1.");
    }

    /// <inheritdoc />
    public override string ToString() => $"managed ({Kernel})";

    /// <inheritdoc />
    public unsafe void Gemm(bool transA, bool transB, int m, int n, int k,
        float alpha, ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb,
        float beta, Span<float> c, int ldc)
    {
        GemmValidation.Validate(transA, transB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        fixed (float* pa = a, pb = b, pc = c)
        {
            var pr = new GemmProblem<float>(transA, transB, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc);
            if (HandleDegenerate(pr)) return;
            switch (Kernel)
            {
                case GemmKernel.Avx512: GemmRunner<float, Avx512KernelF32>.Run(pr, _maxThreads); break;
                case GemmKernel.Avx2: GemmRunner<float, Avx2KernelF32>.Run(pr, _maxThreads); break;
                default: GemmRunner<float, ScalarKernel<float>>.Run(pr, _maxThreads); break;
            }
        }
    }

    /// <inheritdoc />
    public unsafe void Gemm(bool transA, bool transB, int m, int n, int k,
        double alpha, ReadOnlySpan<double> a, int lda, ReadOnlySpan<double> b, int ldb,
        double beta, Span<double> c, int ldc)
    {
        GemmValidation.Validate(transA, transB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        fixed (double* pa = a, pb = b, pc = c)
        {
            var pr = new GemmProblem<double>(transA, transB, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc);
            if (HandleDegenerate(pr)) return;
            switch (Kernel)
            {
                case GemmKernel.Avx512: GemmRunner<double, Avx512KernelF64>.Run(pr, _maxThreads); break;
                case GemmKernel.Avx2: GemmRunner<double, Avx2KernelF64>.Run(pr, _maxThreads); break;
                default: GemmRunner<double, ScalarKernel<double>>.Run(pr, _maxThreads); break;
            }
        }
    }

    /// <summary>
    /// <c>C ← α·op(A)·op(B) + β·C</c> (single precision) with op(B) taken from <paramref name="b"/>, packed beforehand for this
    /// kernel level: m×k times k×n where k = <c>b.K</c>, n = <c>b.N</c>. Bit-identical to the unpacked call on the same data.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="b"/> is not packed, or was packed for another kernel level; a span is too short.</exception>
    public unsafe void Gemm(bool transA, int m, float alpha, ReadOnlySpan<float> a, int lda, PackedMatrix<float> b,
        float beta, Span<float> c, int ldc)
    {
        CheckPacked(b.IsPacked, b.Kernel);
        GemmValidation.Validate(transA, false, m, b.N, b.K, a.Length, lda, b.N * b.K, b.N, c.Length, ldc);
        fixed (float* pa = a, pc = c)
        {
            var pr = new GemmProblem<float>(transA, false, m, b.N, b.K, alpha, pa, lda, null, b.N, beta, pc, ldc);
            if (HandleDegenerate(pr)) return;
            switch (Kernel)
            {
                case GemmKernel.Avx512: GemmRunner<float, Avx512KernelF32>.RunPrepacked(pr, b.Data, _maxThreads); break;
                case GemmKernel.Avx2: GemmRunner<float, Avx2KernelF32>.RunPrepacked(pr, b.Data, _maxThreads); break;
                default: GemmRunner<float, ScalarKernel<float>>.RunPrepacked(pr, b.Data, _maxThreads); break;
            }
        }
    }

    /// <summary>The double-precision form of <see cref="Gemm(bool, int, float, ReadOnlySpan{float}, int, PackedMatrix{float}, float, Span{float}, int)"/>.</summary>
    public unsafe void Gemm(bool transA, int m, double alpha, ReadOnlySpan<double> a, int lda, PackedMatrix<double> b,
        double beta, Span<double> c, int ldc)
    {
        CheckPacked(b.IsPacked, b.Kernel);
        GemmValidation.Validate(transA, false, m, b.N, b.K, a.Length, lda, b.N * b.K, b.N, c.Length, ldc);
        fixed (double* pa = a, pc = c)
        {
            var pr = new GemmProblem<double>(transA, false, m, b.N, b.K, alpha, pa, lda, null, b.N, beta, pc, ldc);
            if (HandleDegenerate(pr)) return;
            switch (Kernel)
            {
                case GemmKernel.Avx512: GemmRunner<double, Avx512KernelF64>.RunPrepacked(pr, b.Data, _maxThreads); break;
                case GemmKernel.Avx2: GemmRunner<double, Avx2KernelF64>.RunPrepacked(pr, b.Data, _maxThreads); break;
                default: GemmRunner<double, ScalarKernel<double>>.RunPrepacked(pr, b.Data, _maxThreads); break;
            }
        }
    }

    private void CheckPacked(bool isPacked, GemmKernel level)
    {
        if (!isPacked) throw new ArgumentException("The packed operand has not been filled: call PackedMatrix.Pack first.", "b");
        if (level != Kernel)
            throw new ArgumentException($"The operand was packed for the {level} kernel, but this provider runs {Kernel}.", "b");
    }

    /// <summary>
    /// Empty C: nothing. k = 0 or α = 0: <c>C ← β·C</c> (zero when β = 0) without reading A or B, as reference BLAS does.
    /// Returns whether the call is finished.
    /// </summary>
    internal static unsafe bool HandleDegenerate<T>(in GemmProblem<T> pr) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (pr.M == 0 || pr.N == 0) return true;
        if (pr.K != 0 && pr.Alpha != T.Zero) return false;
        if (pr.Beta == T.One) return true;
        for (int i = 0; i < pr.M; i++)
        {
            var row = new Span<T>(pr.C + i * pr.Ldc, pr.N);
            if (pr.Beta == T.Zero) row.Clear();
            else
                for (int j = 0; j < row.Length; j++) row[j] *= pr.Beta;
        }
        return true;
    }
}
