using System.Numerics;
using Basin.Tensors;

namespace Basin.Autodiff;

public static partial class Ops
{
    /// <summary>y = x recorded on <paramref name="tape"/> (shares the value); used by <see cref="Tape{T}.Track"/>.</summary>
    internal static Var<T> Identity<T>(Var<T> x, Tape<T> tape) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (x.Tape is not null && !ReferenceEquals(x.Tape, tape)) throw new InvalidOperationException("Track: the variable lives on another tape.");
        if (!x.RequiresGrad || !Autograd.IsGradEnabled) return Tape<T>.Untracked(x.Value, tape);
        return tape.Record(new IdentityNode<T>(x), x.Value);
    }
}

internal sealed class IdentityNode<T>(Var<T> x) : PrimitiveNode<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    protected override void Backward(Tape<T> tape, Tensor<T> gy)
    {
        var gx = tape.GradOf(x).Span;
        TensorPrimitives.Add(gx, gy.Span, gx);
    }
}
