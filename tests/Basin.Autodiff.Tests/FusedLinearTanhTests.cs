using Basin.Tensors;

namespace Basin.Autodiff.Tests;

public sealed class FusedLinearTanhTests
{
    private static (Tensor<T> y, Tensor<T> gx, Tensor<T> gw, Tensor<T> gb) Run<T>(bool fused, Tensor<T> x, Tensor<T> w, Tensor<T> b, Tensor<T> seed)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var tape = new Tape<T>();
        var pw = new Parameter<T>(w.Clone());
        var pb = new Parameter<T>(b.Clone());
        var xv = tape.Input(x, requiresGrad: true);
        var y = fused ? xv.FusedLinearTanh(pw, pb) : Functional.LinearTanh(xv, pw, pb);
        Assert.Equal(fused ? 1 : 0, tape.Nodes.Count(n => n.Name == "FusedLinearTanh"));
        tape.Backward(y, seed);
        return (y.Value.Clone(), xv.Grad!.Clone(), pw.Grad!, pb.Grad!);
    }

    [Fact]
    public void FusedEqualsCompositeInBothPrecisions()
    {
        var rng = new Rng(21);
        var x = Tensor.Normal(rng, 0.0, 1.0, 7, 5);
        var w = Tensor.Normal(rng, 0.0, 0.5, 5, 3);
        var b = Tensor.Normal(rng, 0.0, 0.5, 3);
        var s = Tensor.Normal(rng, 0.0, 1.0, 7, 3);
        var f = Run(true, x, w, b, s);
        var c = Run(false, x, w, b, s);
        Assert.True(TensorOps.MaxAbsDiff(f.y, c.y) < 1e-14);
        Assert.True(TensorOps.MaxAbsDiff(f.gx, c.gx) < 1e-13);
        Assert.True(TensorOps.MaxAbsDiff(f.gw, c.gw) < 1e-13);
        Assert.True(TensorOps.MaxAbsDiff(f.gb, c.gb) < 1e-13);

        static Tensor<float> F(Tensor<double> t) => Tensor.Cast<double, float>(t);
        var f32 = Run(true, F(x), F(w), F(b), F(s));
        var c32 = Run(false, F(x), F(w), F(b), F(s));
        Assert.True(TensorOps.MaxAbsDiff(f32.y, c32.y) < 1e-6f);
        Assert.True(TensorOps.MaxAbsDiff(f32.gw, c32.gw) < 1e-5f);
    }

    [Fact]
    public void AnInstanceIsRecordedOnlyOnce()
    {
        var tape = new Tape<double>();
        var x = tape.Input(new Tensor<double>(2, 3), true);
        var w = tape.Input(new Tensor<double>(3, 2));
        var b = tape.Input(new Tensor<double>(2));
        var op = new FusedLinearTanh<double>();
        op.ApplySingle(x, w, b);
        Assert.Throws<InvalidOperationException>(() => op.ApplySingle(x, w, b));
    }

    [Fact]
    public void ShapeErrorsNameTheOp()
    {
        var tape = new Tape<double>();
        var ex = Assert.Throws<TensorShapeException>(() =>
            tape.Input(new Tensor<double>(2, 3), true).FusedLinearTanh(tape.Input(new Tensor<double>(4, 2)), tape.Input(new Tensor<double>(2))));
        Assert.Contains("FusedLinearTanh", ex.Message);
    }
}
