namespace Basin.Tensors.Blas.Kernels;

/// <summary>
/// A register-blocked GEMM micro-kernel and the cache-block sizes tuned for it.
/// <see cref="Run"/> computes one MR×NR tile of <c>C ← α·Ã·B̃ + β·C</c>, where Ã is a packed A micro-panel
/// (kc steps of MR values: <c>a[p·MR + i] = A[i, p]</c>) and B̃ a packed B micro-panel
/// (<c>b[p·NR + j] = B[p, j]</c>). When β = 0 the old C is not read. The element formula is fixed:
/// <c>c = α·acc</c> when β = 0, otherwise <c>c = fma(α, acc, β·c)</c>, with <c>acc</c> summed over p in order
/// by fused multiply-adds, so a tile's result does not depend on where or by which thread it is computed.
/// </summary>
internal interface IMicroKernel<T> where T : unmanaged
{
    /// <summary>Rows of the register tile.</summary>
    static abstract int MR { get; }

    /// <summary>Columns of the register tile.</summary>
    static abstract int NR { get; }

    /// <summary>Depth of a packed panel (the k block), chosen so a B micro-panel stays in L1.</summary>
    static abstract int KC { get; }

    /// <summary>Rows of a packed A block (a multiple of MR), chosen so the block stays in L2.</summary>
    static abstract int MC { get; }

    /// <summary>Columns of a packed B block (a multiple of NR).</summary>
    static abstract int NC { get; }

    /// <summary>Whether the instructions the kernel uses exist on this CPU.</summary>
    static abstract bool IsSupported { get; }

    /// <summary>One MR×NR tile; <paramref name="c"/> is row-major with leading dimension <paramref name="ldc"/>.</summary>
    static abstract unsafe void Run(nint kc, T* a, T* b, T* c, nint ldc, T alpha, T beta);
}
