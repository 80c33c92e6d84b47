using System.Numerics;
using Basin.Tensors;

namespace Basin.Autodiff;

/// <summary>
/// Element-wise y = f(a, b) under <see cref="Broadcast"/>: subclasses give one output row's forward and each
/// operand's contribution row ∂L/∂a = gy ⊙ ∂f/∂a (resp. b); the driver sums contributions over broadcast axes.
/// </summary>
internal abstract class BinaryNode<T> : PrimitiveNode<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Var<T> _a = null!, _b = null!;
    private Broadcast _plan;

    protected abstract void ForwardRow(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> y);

    /// <summary>Writes gy ⊙ ∂y/∂a into <paramref name="dst"/>.</summary>
    protected abstract void GradA(ReadOnlySpan<T> a, ReadOnlySpan<T> b, ReadOnlySpan<T> y, ReadOnlySpan<T> gy, Span<T> dst);

    /// <summary>Writes gy ⊙ ∂y/∂b into <paramref name="dst"/>.</summary>
    protected abstract void GradB(ReadOnlySpan<T> a, ReadOnlySpan<T> b, ReadOnlySpan<T> y, ReadOnlySpan<T> gy, Span<T> dst);

    internal static Var<T> Apply(Var<T> a, Var<T> b, BinaryNode<T> node)
    {
        string op = node.Name;
        var plan = Broadcast.Plan(op, a.Shape, b.Shape);
        var tape = Tape<T>.Resolve(op, a, b, out bool record);
        var av = Tape<T>.Packed(tape, a.Value).Span;
        var bv = Tape<T>.Packed(tape, b.Value).Span;
        var y = Tape<T>.Alloc(tape, plan.Shape);
        var ys = y.Span;
        int inner = plan.Inner;
        var sa = Broadcast.RentScratch<T>(inner);
        var sb = Broadcast.RentScratch<T>(inner);
        try
        {
            for (int o = 0; o < plan.Outer; o++)
                node.ForwardRow(plan.RowOf(av, plan.A, o, sa.AsSpan(0, inner)), plan.RowOf(bv, plan.B, o, sb.AsSpan(0, inner)), ys.Slice(o * inner, inner));
        }
        finally
        {
            Broadcast.ReturnScratch(sa);
            Broadcast.ReturnScratch(sb);
        }
        if (!record) return Tape<T>.Untracked(y, tape);
        node._a = a; node._b = b; node._plan = plan;
        return tape!.Record(node, y);
    }

    protected sealed override void Backward(Tape<T> tape, Tensor<T> gy)
    {
        var plan = _plan;
        int inner = plan.Inner;
        var av = tape.Packed(_a.Value).Span;
        var bv = tape.Packed(_b.Value).Span;
        var ys = Output.Value.Span;
        var gs = gy.Span;
        var sa = Broadcast.RentScratch<T>(inner);
        var sb = Broadcast.RentScratch<T>(inner);
        var sd = Broadcast.RentScratch<T>(inner);
        try
        {
            var ga = _a.RequiresGrad ? tape.GradOf(_a).Span : default;
            var gb = _b.RequiresGrad ? tape.GradOf(_b).Span : default;
            var dst = sd.AsSpan(0, inner);
            for (int o = 0; o < plan.Outer; o++)
            {
                var ar = plan.RowOf(av, plan.A, o, sa.AsSpan(0, inner));
                var br = plan.RowOf(bv, plan.B, o, sb.AsSpan(0, inner));
                var yr = ys.Slice(o * inner, inner);
                var gr = gs.Slice(o * inner, inner);
                if (_a.RequiresGrad) { GradA(ar, br, yr, gr, dst); plan.AccumulateRow(ga, plan.A, o, dst); }
                if (_b.RequiresGrad) { GradB(ar, br, yr, gr, dst); plan.AccumulateRow(gb, plan.B, o, dst); }
            }
        }
        finally
        {
            Broadcast.ReturnScratch(sa);
            Broadcast.ReturnScratch(sb);
            Broadcast.ReturnScratch(sd);
        }
    }
}
