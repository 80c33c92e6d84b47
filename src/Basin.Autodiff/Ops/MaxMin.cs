using System.Numerics;
using Basin.Tensors;

namespace Basin.Autodiff;

public static partial class Ops
{
    /// <summary>Maximum over one axis (for margin losses). Subgradient: the whole output gradient goes to the first arg-max.</summary>
    public static Var<T> Max<T>(this Var<T> x, int axis, bool keepDims = false) where T : unmanaged, IFloatingPointIeee754<T>
        => ExtremumNode<T>.Apply(x, axis, keepDims, max: true);

    /// <summary>Minimum over one axis. Subgradient: the whole output gradient goes to the first arg-min.</summary>
    public static Var<T> Min<T>(this Var<T> x, int axis, bool keepDims = false) where T : unmanaged, IFloatingPointIeee754<T>
        => ExtremumNode<T>.Apply(x, axis, keepDims, max: false);
}

internal sealed class ExtremumNode<T> : PrimitiveNode<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Var<T> _x;
    private readonly int[] _arg;
    private readonly int _n, _inner;
    private readonly bool _max;

    private ExtremumNode(Var<T> x, int[] arg, int n, int inner, bool max)
    {
        _x = x; _arg = arg; _n = n; _inner = inner; _max = max;
    }

    public override string Name => _max ? "Max" : "Min";

    internal static Var<T> Apply(Var<T> x, int axis, bool keepDims, bool max)
    {
        string op = max ? "Max" : "Min";
        axis = Strided.Axis(op, axis, x.Rank);
        var (outer, n, inner) = Strided.Split(x.Shape, axis);
        if (n == 0) throw new TensorShapeException($"{op}: axis {axis} of shape {Shapes.Format(x.Shape)} is empty.");
        var tape = Tape<T>.Resolve(op, x, out bool record);
        var xs = Tape<T>.Packed(tape, x.Value).Span;
        var y = Tape<T>.Alloc(tape, Ops.ReducedShape(x.Shape, axis, keepDims));
        var ys = y.Span;
        var arg = new int[outer * inner];
        for (int o = 0; o < outer; o++)
            for (int i = 0; i < inner; i++)
            {
                int best = 0;
                T bv = xs[o * n * inner + i];
                for (int k = 1; k < n; k++)
                {
                    T v = xs[(o * n + k) * inner + i];
                    if (max ? v > bv : v < bv) { bv = v; best = k; }
                }
                ys[o * inner + i] = bv;
                arg[o * inner + i] = best;
            }
        return record ? tape!.Record(new ExtremumNode<T>(x, arg, n, inner, max), y) : Tape<T>.Untracked(y, tape);
    }

    protected override void Backward(Tape<T> tape, Tensor<T> gy)
    {
        if (!_x.RequiresGrad) return;
        var gx = tape.GradOf(_x).Span;
        var g = gy.Span;
        for (int j = 0; j < _arg.Length; j++)
        {
            int o = j / _inner, i = j - o * _inner;
            gx[(o * _n + _arg[j]) * _inner + i] += g[j];
        }
    }
}
