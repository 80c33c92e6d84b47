using System.Numerics;
using Basin.Tensors.Blas.Kernels;

namespace Basin.Tensors.Blas;

/// <summary>
/// A right operand op(B) (k×n) packed once into the micro-panel layout of one <see cref="ManagedGemm"/> kernel level, for
/// many products <c>C ← α·op(A)·op(B) + β·C</c> with the same B — e.g. the coupling matrix of an ODE used at every time
/// step, or a layer's weights over many batches. The k blocks of the unpacked call are kept (block q holds depth
/// [q·kc, q·kc + kc_q) at offset q·kc·n̄, n̄ = n rounded up to the kernel's NR, with panel j at j·kc_q inside it), so
/// <see cref="ManagedGemm.Gemm(bool, int, float, ReadOnlySpan{float}, int, PackedMatrix{float}, float, Span{float}, int)"/>
/// gives results bit-identical to the unpacked call, only without re-packing B each time (measured: about 15 % of a
/// 250×784×784 f32 product on two threads).
/// <para>The packed copy does not follow its source: call <see cref="Pack"/> again whenever B changes.</para>
/// </summary>
public sealed unsafe class PackedMatrix<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly byte[] _buffer;
    private readonly nint _offset;

    /// <summary>An empty packed operand for op(B) of k rows and n columns, laid out for kernel level <paramref name="kernel"/>.</summary>
    /// <exception cref="NotSupportedException">The CPU lacks the kernel level, or T is not float or double.</exception>
    public PackedMatrix(int k, int n, GemmKernel kernel = GemmKernel.Auto)
    {
        if (k < 1 || n < 1) throw new ArgumentOutOfRangeException(k < 1 ? nameof(k) : nameof(n), "A packed operand needs k ≥ 1 and n ≥ 1.");
        if (typeof(T) != typeof(float) && typeof(T) != typeof(double)) throw new NotSupportedException($"GEMM supports float and double, not {typeof(T).Name}.");
        Kernel = new ManagedGemm(kernel).Kernel;
        K = k; N = n;
        (NR, KcMax) = Geometry(Kernel, k);
        NPad = (n + NR - 1) / NR * NR;
        long elems = (long)((k + KcMax - 1) / KcMax) * KcMax * NPad;
        _buffer = GC.AllocateUninitializedArray<byte>(checked((int)(elems * sizeof(T)) + 64), pinned: true);
        fixed (byte* p = _buffer) _offset = (nint)(((nint)p + 63) & ~(nint)63) - (nint)p;
    }

    /// <summary>Depth k of op(B).</summary>
    public int K { get; }

    /// <summary>Columns n of op(B).</summary>
    public int N { get; }

    /// <summary>The kernel level whose layout this is (never <see cref="GemmKernel.Auto"/>).</summary>
    public GemmKernel Kernel { get; }

    /// <summary>Whether <see cref="Pack"/> has filled it.</summary>
    public bool IsPacked { get; private set; }

    internal int NR { get; }
    internal int KcMax { get; }
    internal int NPad { get; }

    /// <summary>The first element of k block 0 (the buffer is pinned for the object's lifetime).</summary>
    internal T* Data
    {
        get { fixed (byte* p = _buffer) return (T*)(p + _offset); }
    }

    /// <summary>Packs op(B) = B (k×n, leading dimension ldb) or, with <paramref name="transB"/>, Bᵀ (B stored n×k).</summary>
    public void Pack(bool transB, ReadOnlySpan<T> b, int ldb)
    {
        GemmValidation.Validate(false, transB, 0, N, K, 0, K, b.Length, ldb, 0, N);
        fixed (T* pb = b)
        {
            if (typeof(T) == typeof(float))
            {
                var pr = new GemmProblem<float>(false, transB, 0, N, K, 1f, null, K, (float*)pb, ldb, 0f, null, N);
                float* dst = (float*)Data;
                switch (Kernel)
                {
                    case GemmKernel.Avx512: PackAll<float, Avx512KernelF32>(pr, dst); break;
                    case GemmKernel.Avx2: PackAll<float, Avx2KernelF32>(pr, dst); break;
                    default: PackAll<float, ScalarKernel<float>>(pr, dst); break;
                }
            }
            else
            {
                var pr = new GemmProblem<double>(false, transB, 0, N, K, 1.0, null, K, (double*)pb, ldb, 0.0, null, N);
                double* dst = (double*)Data;
                switch (Kernel)
                {
                    case GemmKernel.Avx512: PackAll<double, Avx512KernelF64>(pr, dst); break;
                    case GemmKernel.Avx2: PackAll<double, Avx2KernelF64>(pr, dst); break;
                    default: PackAll<double, ScalarKernel<double>>(pr, dst); break;
                }
            }
        }
        IsPacked = true;
    }

    private void PackAll<TT, TK>(in GemmProblem<TT> pr, TT* dst) where TT : unmanaged, IFloatingPointIeee754<TT> where TK : IMicroKernel<TT>
    {
        for (int pc = 0, q = 0; pc < K; pc += KcMax, q++)
            GemmPacking<TT, TK>.PackB(pr, pc, 0, Math.Min(KcMax, K - pc), N, dst + (nint)q * KcMax * NPad);
    }

    /// <summary>The kernel's NR and the k block depth the unpacked call would use for depth k.</summary>
    private static (int Nr, int Kc) Geometry(GemmKernel kernel, int k) => typeof(T) == typeof(float)
        ? kernel switch
        {
            GemmKernel.Avx512 => (Avx512KernelF32.NR, GemmDriver<float, Avx512KernelF32>.KcBlock(k)),
            GemmKernel.Avx2 => (Avx2KernelF32.NR, GemmDriver<float, Avx2KernelF32>.KcBlock(k)),
            _ => (ScalarKernel<float>.NR, GemmDriver<float, ScalarKernel<float>>.KcBlock(k)),
        }
        : kernel switch
        {
            GemmKernel.Avx512 => (Avx512KernelF64.NR, GemmDriver<double, Avx512KernelF64>.KcBlock(k)),
            GemmKernel.Avx2 => (Avx2KernelF64.NR, GemmDriver<double, Avx2KernelF64>.KcBlock(k)),
            _ => (ScalarKernel<double>.NR, GemmDriver<double, ScalarKernel<double>>.KcBlock(k)),
        };
}
