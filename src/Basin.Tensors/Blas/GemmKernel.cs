namespace Basin.Tensors.Blas;

/// <summary>Instruction-set level of <see cref="ManagedGemm"/>'s micro-kernels.</summary>
public enum GemmKernel
{
    /// <summary>The widest level this CPU supports.</summary>
    Auto,
    /// <summary>AVX-512F: 12×32 (f32) and 12×16 (f64) register tiles.</summary>
    Avx512,
    /// <summary>AVX2 + FMA: 6×16 (f32) and 6×8 (f64) register tiles.</summary>
    Avx2,
    /// <summary>Portable scalar 4×4 tiles.</summary>
    Scalar,
}
