using Basin.Tensors;

namespace Basin.Autodiff.Tests;

public sealed class CustomOpTests
{
    /// <summary>Two outputs (sin x, cos x) with a hand-written backward: x̄ = s̄·cos x − c̄·sin x.</summary>
    private sealed class SinCos : CustomOp<double>
    {
        private Tensor<double> _x = null!;
        public int BackwardCalls;

        protected override Tensor<double>[] Forward(IReadOnlyList<Tensor<double>> inputs)
        {
            _x = inputs[0].Contiguous();
            var s = new Tensor<double>(_x.Shape.ToArray());
            var c = new Tensor<double>(_x.Shape.ToArray());
            for (int i = 0; i < _x.Length; i++) { s.Span[i] = Math.Sin(_x.Span[i]); c.Span[i] = Math.Cos(_x.Span[i]); }
            return new[] { s, c };
        }

        protected override Tensor<double>?[] Backward(IReadOnlyList<Tensor<double>> g)
        {
            BackwardCalls++;
            var gx = new Tensor<double>(_x.Shape.ToArray());
            for (int i = 0; i < _x.Length; i++)
                gx.Span[i] = g[0].Span[i] * Math.Cos(_x.Span[i]) - g[1].Span[i] * Math.Sin(_x.Span[i]);
            return new[] { gx };
        }
    }

    [Fact]
    public void MultiOutputOpGetsZerosForUnusedOutputs()
    {
        var tape = new Tape<double>();
        var x = tape.Input(Tensor.FromSpan<double>(new[] { 0.3, -1.2 }, 2), requiresGrad: true);
        var op = new SinCos();
        var outs = op.Apply(x);
        tape.Backward(outs[1].Sum());
        Assert.Equal(1, op.BackwardCalls);
        Assert.Equal(-Math.Sin(0.3), x.Grad![0], 1e-15);
        Assert.Equal(-Math.Sin(-1.2), x.Grad![1], 1e-15);
        Assert.Throws<InvalidOperationException>(() => op.ApplySingle(x));
    }

    [Fact]
    public void UnreachedCustomOpDoesNotRunBackward()
    {
        var tape = new Tape<double>();
        var x = tape.Input(Tensor.FromSpan<double>(new[] { 0.3 }, 1), requiresGrad: true);
        var op = new SinCos();
        op.Apply(x);
        tape.Backward(x.Square().Sum());
        Assert.Equal(0, op.BackwardCalls);
        Assert.Equal(0.6, x.Grad![0], 1e-15);
    }
}
