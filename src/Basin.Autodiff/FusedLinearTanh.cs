namespace Basin.Autodiff;

public static partial class Ops
{
    /// <summary>y = tanh(x·W + b) as one fused node (see <see cref="FusedLinearTanh{T}"/>); equals <see cref="Functional.LinearTanh"/>.</summary>
    public static Var<T> FusedLinearTanh<T>(this Var<T> x, Var<T> weight, Var<T> bias) where T : unmanaged, IFloatingPointIeee754<T>
        => new FusedLinearTanh<T>().ApplySingle(x, weight, bias);
}

/// <summary>
/// Example fused op: y = tanh(x·W + b) for x (m×in), W (in×out), b (out). Saves x, W and y; backward with
/// Z̄ = Ȳ ⊙ (1 − y²): x̄ = Z̄·Wᵀ, W̄ = xᵀ·Z̄, b̄ = Σ_rows Z̄ — one GEMM per requested gradient.
/// </summary>
public sealed class FusedLinearTanh<T> : CustomOp<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Tensor<T> _x = null!, _w = null!, _y = null!;
    private int[] _biasShape = Array.Empty<int>();

    /// <inheritdoc/>
    protected override Tensor<T>[] Forward(IReadOnlyList<Tensor<T>> inputs)
    {
        var (x, w, b) = (inputs[0], inputs[1], inputs[2]);
        if (x.Rank != 2 || w.Rank != 2 || x.Dim(1) != w.Dim(0) || b.Length != w.Dim(1) || b.Rank > 2)
            throw new TensorShapeException($"FusedLinearTanh: x {Shapes.Format(x.Shape)}, W {Shapes.Format(w.Shape)}, b {Shapes.Format(b.Shape)} do not fit.");
        var y = new Tensor<T>(x.Dim(0), w.Dim(1));
        TensorOps.MatMulInto(x, w, y, T.One, T.Zero);
        var bs = b.Contiguous().Span;
        for (int i = 0; i < y.Rows; i++)
        {
            var row = y.Row(i);
            TensorPrimitives.Add(row, bs, row);
            TensorPrimitives.Tanh(row, row);
        }
        _x = x; _w = w; _y = y; _biasShape = b.Shape.ToArray();
        return new[] { y };
    }

    /// <inheritdoc/>
    protected override Tensor<T>?[] Backward(IReadOnlyList<Tensor<T>> outputGradients)
    {
        var gy = outputGradients[0].Contiguous().Span;
        var gz = new Tensor<T>(_y.Shape.ToArray());
        var ys = _y.Span;
        var gzs = gz.Span;
        for (int i = 0; i < gzs.Length; i++) gzs[i] = gy[i] * (T.One - ys[i] * ys[i]);
        Tensor<T>? gx = null, gw = null, gb = null;
        if (NeedsInputGrad(0)) { gx = new Tensor<T>(_x.Shape.ToArray()); TensorOps.MatMulInto(gz, _w.Transpose(), gx, T.One, T.Zero); }
        if (NeedsInputGrad(1)) { gw = new Tensor<T>(_w.Shape.ToArray()); TensorOps.MatMulInto(_x.Transpose(), gz, gw, T.One, T.Zero); }
        if (NeedsInputGrad(2))
        {
            gb = new Tensor<T>(_biasShape);
            var d = gb.Span;
            for (int i = 0; i < gz.Rows; i++) TensorPrimitives.Add(d, gz.Row(i), d);
        }
        return new[] { gx, gw, gb };
    }
}
