using System.Numerics;
using Basin.Tensors;

namespace Basin.Dynamics;

/// <summary>
/// A batch vector field whose parameters can be supplied as tensors and whose parameter gradients, accumulated by
/// <see cref="IBatchVectorField{T}.VectorJacobianProduct"/>, can be read back — what <see cref="IntegrateOp{T}"/> needs
/// to put an ODE solve on an autodiff tape as one fused node.
/// </summary>
public interface IParametricVectorField<T> : IBatchVectorField<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Shapes of the parameter tensors, in the order <see cref="SetParameters"/> expects them.</summary>
    IReadOnlyList<int[]> ParameterShapes { get; }

    /// <summary>Loads parameter values.</summary>
    void SetParameters(IReadOnlyList<Tensor<T>> values);

    /// <summary>Clears the parameter-gradient accumulators.</summary>
    void ZeroParameterGradients();

    /// <summary>Completes any pending accumulation and copies ∂L/∂θ into <paramref name="destination"/> (same shapes).</summary>
    void CollectParameterGradients(IReadOnlyList<Tensor<T>> destination);
}
