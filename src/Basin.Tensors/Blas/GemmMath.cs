using System.Numerics;
using System.Runtime.CompilerServices;

namespace Basin.Tensors.Blas;

/// <summary>Element formulas shared by the kernels and the edge write-back.</summary>
internal static class GemmMath
{
    /// <summary>
    /// The write-back of one element: <c>α·acc</c> when β = 0 (old value ignored, even NaN), otherwise
    /// <c>fma(α, acc, β·old)</c> — the same rounding as the vector kernels.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Combine<T>(T alpha, T acc, T beta, T old) where T : IFloatingPointIeee754<T>
        => beta == T.Zero ? alpha * acc : T.FusedMultiplyAdd(alpha, acc, beta * old);
}
