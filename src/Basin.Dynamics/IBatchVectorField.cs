using System.Numerics;

namespace Basin.Dynamics;

/// <summary>
/// An autonomous vector field dx/dt = F(x) evaluated on a batch of states stored as rows of a B×N row-major block,
/// with its vector–Jacobian product so that solvers can backpropagate through steps without a tape.
/// </summary>
public interface IBatchVectorField<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>State dimension N.</summary>
    int Dimension { get; }

    /// <summary>k ← F(u) for <paramref name="batch"/> rows.</summary>
    void Evaluate(ReadOnlySpan<T> u, Span<T> k, int batch);

    /// <summary>
    /// du ← J_F(u)ᵀ c (row-wise), and, when <paramref name="accumulateParameters"/> is set, adds the
    /// parameter cotangent (∂F/∂θ at u)ᵀ c to the field's gradient accumulators.
    /// </summary>
    void VectorJacobianProduct(ReadOnlySpan<T> u, ReadOnlySpan<T> c, Span<T> du, int batch, bool accumulateParameters);
}
