using System.Numerics;

namespace Basin.Dynamics;

/// <summary>
/// A vector field that can take a whole explicit Euler step, and its adjoint, in fused passes over the batch
/// (the GEMM of a linear part plus one element-wise pass) instead of the generic stage-by-stage sequence of
/// <see cref="FixedStepSolver{T}"/>, which touches each B×N block several times per step. The solver uses it for the Euler
/// tableau only; results agree with the generic path up to floating-point rounding (the sums are associated differently).
/// </summary>
public interface IFusedEulerField<T> : IBatchVectorField<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>
    /// x_{n+1} ← clamp(x_n + Δt·F(x_n), ±<paramref name="clip"/>) for <paramref name="batch"/> rows
    /// (no clamp when <paramref name="clip"/> ≤ 0). <paramref name="next"/> must not overlap <paramref name="x"/>.
    /// </summary>
    void EulerStep(ReadOnlySpan<T> x, Span<T> next, int batch, T dt, T clip);

    /// <summary>
    /// The step's adjoint: ḡ_n ← g + Δt·J_F(x_n)ᵀ g (row-wise), where <paramref name="g"/> is ∂L/∂x_{n+1}. When
    /// <paramref name="clip"/> &gt; 0 the clamp's zero derivative is applied first, in place: g is zeroed where
    /// |x_{n+1}| ≥ clip (<paramref name="xNext"/>), so the field can do it in the same pass as its own work. When
    /// <paramref name="accumulateParameters"/> is set, adds the parameter cotangent (∂F/∂θ at x_n)ᵀ (Δt·g) to the field's
    /// accumulators, as <see cref="IBatchVectorField{T}.VectorJacobianProduct"/> with c = Δt·g would.
    /// <paramref name="gradOut"/> must not overlap <paramref name="g"/> or <paramref name="x"/>.
    /// </summary>
    void EulerAdjointStep(ReadOnlySpan<T> x, Span<T> g, ReadOnlySpan<T> xNext, T clip, Span<T> gradOut, int batch, T dt, bool accumulateParameters);

    /// <summary>
    /// Called by <see cref="FixedStepSolver{T}"/> before an adjoint pass that accumulates parameter gradients over a fully
    /// recorded trajectory: <paramref name="states"/> holds x_0 … x_S back to back (x_s at s·<paramref name="stepLength"/>),
    /// and the pass then calls <see cref="EulerAdjointStep(ReadOnlySpan{T}, Span{T}, ReadOnlySpan{T}, T, Span{T}, int, T, bool)"/>
    /// for s = <paramref name="steps"/> − 1 down to 0 with x = x_s read from there. The array is left unchanged until the
    /// field's parameter gradients have been collected, so a field may read the states from it then instead of copying them
    /// during the pass. The default does nothing.
    /// </summary>
    void AttachTrajectory(T[] states, int stepLength, int steps) { }
}
