using System.Numerics;
using Basin.Tensors;

namespace Basin.Autodiff;

/// <summary>One recorded operation. Primitive nodes are internal; user extensions derive from <see cref="CustomOp{T}"/>.</summary>
public abstract class TapeNode<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private protected TapeNode() { }

    /// <summary>The operation's name (e.g. <c>MatMul</c>, <c>Exp</c>, or a custom op's name).</summary>
    public virtual string Name
    {
        get
        {
            var n = GetType().Name;
            int tick = n.IndexOf('`');
            if (tick >= 0) n = n[..tick];
            return n.EndsWith("Node", StringComparison.Ordinal) ? n[..^4] : n;
        }
    }

    /// <summary>Applies this node's vector–Jacobian product when its output(s) received a gradient in the current pass.</summary>
    internal abstract void Backward(Tape<T> tape);
}

/// <summary>A single-output primitive whose backward sits next to its forward.</summary>
internal abstract class PrimitiveNode<T> : TapeNode<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    internal Var<T> Output = null!;

    internal sealed override void Backward(Tape<T> tape)
    {
        if (tape.Reached(Output)) Backward(tape, Output.Grad!);
    }

    /// <summary>Accumulates ḡ_in += J_opᵀ <paramref name="gy"/> into the inputs that require gradients.</summary>
    protected abstract void Backward(Tape<T> tape, Tensor<T> gy);
}

/// <summary>
/// Element-wise y = f(x): subclasses give the forward map and the local derivative; the driver handles
/// recording, packing and accumulation (gx += gy ⊙ f′(x)).
/// </summary>
internal abstract class UnaryNode<T> : PrimitiveNode<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Var<T> _x = null!;

    /// <summary>y = f(x) element-wise (x and y are packed and of equal length).</summary>
    protected abstract void Forward(ReadOnlySpan<T> x, Span<T> y);

    /// <summary>gx += gy ⊙ f′(x) element-wise; <paramref name="y"/> holds f(x).</summary>
    protected abstract void Backward(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> gy, Span<T> gx);

    /// <summary>Runs <paramref name="node"/>'s forward on <paramref name="x"/> and records it when gradients are needed.</summary>
    internal static Var<T> Apply(Var<T> x, UnaryNode<T> node)
    {
        var tape = Tape<T>.Resolve(node.Name, x, out bool record);
        var xv = Tape<T>.Packed(tape, x.Value);
        var y = Tape<T>.Alloc(tape, x.Shape);
        node.Forward(xv.Span, y.Span);
        if (!record) return Tape<T>.Untracked(y, tape);
        node._x = x;
        return tape!.Record(node, y);
    }

    protected sealed override void Backward(Tape<T> tape, Tensor<T> gy)
    {
        if (!_x.RequiresGrad) return;
        var xv = tape.Packed(_x.Value);
        Backward(xv.Span, Output.Value.Span, gy.Span, tape.GradOf(_x).Span);
    }
}
