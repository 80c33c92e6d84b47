using System.Numerics;
using Basin.Tensors;

namespace Basin.Autodiff;

/// <summary>
/// A trainable leaf: its value tensor is updated in place by optimisers and its gradient accumulates
/// over backward passes until <see cref="ZeroGrad"/>. Parameters belong to no tape and outlive them.
/// </summary>
public sealed class Parameter<T> : Var<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Wraps <paramref name="value"/> (packed; not copied) as a trainable parameter.</summary>
    public Parameter(Tensor<T> value) : base(Check(value), null, true) { }

    /// <summary>Sets the gradient to zero, keeping its buffer.</summary>
    public void ZeroGrad() => Grad?.Span.Clear();

    /// <summary>
    /// The gradient buffer as a span (allocated on first use), for fused operations that compute a parameter's
    /// gradient outside a tape (e.g. an ODE integrator with a hand-written adjoint) and hand it to an optimiser.
    /// </summary>
    public Span<T> GradientSpan() => EnsureGrad().Span;

    /// <summary>The gradient buffer, allocated on first use.</summary>
    internal Tensor<T> EnsureGrad() => Grad ??= new Tensor<T>(Value.Shape.ToArray());

    private static Tensor<T> Check(Tensor<T> value) => value.IsContiguous
        ? value
        : throw new ArgumentException("A parameter's value must be a packed tensor; call Contiguous() first.", nameof(value));
}
