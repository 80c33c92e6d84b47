using System.Numerics;
using Basin.Tensors;

namespace Basin.Autodiff;

/// <summary>
/// A node value in reverse-mode differentiation: a value tensor, an optional gradient ∂L/∂value of the same shape,
/// and whether gradients flow to it. Leaves are <see cref="Parameter{T}"/> (outlive tapes, gradients accumulate)
/// or inputs made by <see cref="Tape{T}.Input"/>; every other variable is the output of an operation recorded on a tape.
/// </summary>
public abstract class Var<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private protected Var(Tensor<T> value, Tape<T>? tape, bool requiresGrad)
    {
        Value = value;
        Tape = tape;
        RequiresGrad = requiresGrad;
    }

    /// <summary>The value. For tape-owned variables it stays valid until the tape is <see cref="Tape{T}.Reset"/>.</summary>
    public Tensor<T> Value { get; }

    /// <summary>The accumulated gradient (packed, same shape as <see cref="Value"/>), or null before any backward pass reached it.</summary>
    public Tensor<T>? Grad { get; internal set; }

    /// <summary>The backward pass (<see cref="Tape{T}"/> epoch) that last wrote <see cref="Grad"/>; tape variables are re-zeroed per pass.</summary>
    internal int GradEpoch;

    /// <summary>True when gradients are computed for this variable.</summary>
    public bool RequiresGrad { get; }

    /// <summary>The tape this variable lives on; null for parameters and free constants.</summary>
    public Tape<T>? Tape { get; }

    /// <summary>Extents of <see cref="Value"/>.</summary>
    public ReadOnlySpan<int> Shape => Value.Shape;

    /// <summary>Number of axes.</summary>
    public int Rank => Value.Rank;

    /// <summary>The single value of a one-element variable (for losses).</summary>
    public T Item() => Value.Scalar();

    /// <summary>A constant that needs no gradient and belongs to no tape.</summary>
    public static Var<T> Constant(Tensor<T> value) => new TrackedVar<T>(value, null, false);

    /// <summary>A scalar constant.</summary>
    public static Var<T> Constant(T value) => new TrackedVar<T>(Tensor.Scalar(value), null, false);

    /// <inheritdoc/>
    public override string ToString() => $"{(this is Parameter<T> ? "Parameter" : "Var")}{Shapes.Format(Value.Shape)}{(RequiresGrad ? " (grad)" : "")}";

    public static Var<T> operator +(Var<T> a, Var<T> b) => a.Add(b);
    public static Var<T> operator -(Var<T> a, Var<T> b) => a.Subtract(b);
    public static Var<T> operator *(Var<T> a, Var<T> b) => a.Multiply(b);
    public static Var<T> operator /(Var<T> a, Var<T> b) => a.Divide(b);
    public static Var<T> operator -(Var<T> a) => a.Neg();
    public static Var<T> operator +(Var<T> a, T c) => a.Add(Constant(c));
    public static Var<T> operator +(T c, Var<T> a) => a.Add(Constant(c));
    public static Var<T> operator -(Var<T> a, T c) => a.Add(Constant(-c));
    public static Var<T> operator -(T c, Var<T> a) => Constant(c).Subtract(a);
    public static Var<T> operator *(Var<T> a, T c) => a.Scale(c);
    public static Var<T> operator *(T c, Var<T> a) => a.Scale(c);
    public static Var<T> operator /(Var<T> a, T c) => a.Scale(T.One / c);
    public static Var<T> operator /(T c, Var<T> a) => Constant(c).Divide(a);
}

/// <summary>A variable created by a tape (an input or an operation's output) or a free constant.</summary>
internal sealed class TrackedVar<T> : Var<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    internal TrackedVar(Tensor<T> value, Tape<T>? tape, bool requiresGrad) : base(value, tape, requiresGrad) { }
}
