using Basin.Tensors;

namespace Basin.Autodiff.Tests;

public sealed class TapeTests
{
    private static Tensor<double> T(params double[] v) => Tensor.FromSpan<double>(v, v.Length);

    [Fact]
    public void BackwardOnNonScalarWithoutSeedIsAClearError()
    {
        var tape = new Tape<double>();
        var y = tape.Input(T(1, 2, 3), requiresGrad: true).Square();
        var ex = Assert.Throws<InvalidOperationException>(() => tape.Backward(y));
        Assert.Contains("scalar", ex.Message);
        Assert.Contains("seed", ex.Message);
        Assert.Contains("[3]", ex.Message);
    }

    [Fact]
    public void SeedOfTheWrongShapeIsRejected()
    {
        var tape = new Tape<double>();
        var y = tape.Input(T(1, 2, 3), requiresGrad: true).Square();
        Assert.Throws<TensorShapeException>(() => tape.Backward(y, T(1, 2)));
    }

    [Fact]
    public void ShapeMismatchesNameTheOpAndTheShapes()
    {
        var tape = new Tape<double>();
        var a = tape.Input(new Tensor<double>(2, 3), true);
        var b = tape.Input(new Tensor<double>(4, 5), true);
        var ex = Assert.Throws<TensorShapeException>(() => a.MatMul(b));
        Assert.Contains("MatMul", ex.Message);
        Assert.Contains("[2×3]", ex.Message);
        Assert.Contains("[4×5]", ex.Message);
        var ex2 = Assert.Throws<TensorShapeException>(() => a + tape.Input(new Tensor<double>(3, 2)));
        Assert.Contains("Add", ex2.Message);
        Assert.Throws<TensorShapeException>(() => Ops.Concat(0, a, tape.Input(new Tensor<double>(2, 2))));
        Assert.Throws<TensorShapeException>(() => a.Slice(1, 2, 2));
        Assert.Throws<TensorShapeException>(() => a.Sum(2));
    }

    [Fact]
    public void UnsupportedBroadcastPatternThrows()
    {
        var tape = new Tape<double>();
        var ex = Assert.Throws<TensorShapeException>(() => tape.Input(new Tensor<double>(2, 3, 4)) * tape.Input(new Tensor<double>(3, 1)));
        Assert.Contains("Multiply", ex.Message);
    }

    [Fact]
    public void SharedSubexpressionsAccumulate()
    {
        var tape = new Tape<double>();
        var x = tape.Input(T(1, -2, 3), requiresGrad: true);
        var y = (x * x + x).Sum();
        tape.Backward(y);
        Assert.Equal(new[] { 3.0, -3.0, 7.0 }, x.Grad!.ToArray());
    }

    [Fact]
    public void ParameterGradientsAccumulateAcrossPassesAndTapeInputsDoNot()
    {
        var p = new Parameter<double>(T(1, 2));
        var tape = new Tape<double>();
        var x = tape.Input(T(3, 4), requiresGrad: true);
        var loss = (x * p).Sum();
        tape.Backward(loss);
        tape.Backward(loss);
        Assert.Equal(new[] { 6.0, 8.0 }, p.Grad!.ToArray());
        Assert.Equal(new[] { 1.0, 2.0 }, x.Grad!.ToArray());
        p.ZeroGrad();
        Assert.Equal(new[] { 0.0, 0.0 }, p.Grad!.ToArray());
    }

    [Fact]
    public void NoGradRecordsNothingAndNeedsNoTape()
    {
        var p = new Parameter<double>(T(1, 2));
        var tape = new Tape<double>();
        using (Autograd.NoGrad())
        {
            var y = (tape.Input(T(3, 4)) * p).Exp();
            Assert.False(y.RequiresGrad);
            Assert.Empty(tape.Nodes);
            var z = p.Square();
            Assert.Equal(new[] { 1.0, 4.0 }, z.Value.ToArray());
        }
        Assert.True(Autograd.IsGradEnabled);
    }

    [Fact]
    public void ParametersAloneNeedATapeOrNoGrad()
    {
        var p = new Parameter<double>(T(1, 2));
        var ex = Assert.Throws<InvalidOperationException>(() => p.Square());
        Assert.Contains("Track", ex.Message);
        var tape = new Tape<double>();
        tape.Backward(tape.Track(p).Square().Sum());
        Assert.Equal(new[] { 2.0, 4.0 }, p.Grad!.ToArray());
    }

    [Fact]
    public void ConstantsOnlyNeedNoTape()
    {
        var y = Var<double>.Constant(T(1, 2)) * 3.0 + 1.0;
        Assert.Equal(new[] { 4.0, 7.0 }, y.Value.ToArray());
        Assert.False(y.RequiresGrad);
    }

    [Fact]
    public void BackwardOnAnOutputThatNeedsNoGradientIsAClearError()
    {
        var tape = new Tape<double>();
        var y = tape.Input(T(1, 2)).Sum();
        Assert.Throws<InvalidOperationException>(() => tape.Backward(y));
    }

    [Fact]
    public void ResetTapeReusesItsBuffersInATrainingLoop()
    {
        var rng = new Rng(3);
        var model = new Mlp<float>(new[] { 4, 8, 3 }, Activation.Tanh, rng);
        var opt = new Adam<float>(model, new AdamOptions(1e-2));
        var x = Tensor.Normal(rng, 0f, 1f, 16, 4);
        var labels = Enumerable.Range(0, 16).Select(i => i % 3).ToArray();
        var tape = new Tape<float>();
        int afterFirst = 0;
        for (int step = 0; step < 5; step++)
        {
            tape.Reset();
            opt.ZeroGrad();
            var loss = Functional.CrossEntropy(model.Forward(tape.Input(x)), labels);
            tape.Backward(loss);
            opt.Step();
            if (step == 0) afterFirst = tape.AllocatedBuffers;
        }
        Assert.Equal(afterFirst, tape.AllocatedBuffers);
    }

    [Fact]
    public void MatMulAcceptsTransposedViewsWithoutCopies()
    {
        var rng = new Rng(5);
        var a = Tensor.Normal(rng, 0.0, 1.0, 3, 4);
        var b = Tensor.Normal(rng, 0.0, 1.0, 5, 4);
        var tape = new Tape<double>();
        var y = tape.Input(a).MatMul(tape.Input(b).Transpose());
        var expected = TensorOps.MatMul(a, TensorOps.TransposeCopy(b));
        Assert.True(TensorOps.MaxAbsDiff(y.Value, expected) < 1e-12);
    }
}
