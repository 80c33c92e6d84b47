using Basin.Tensors;

namespace Basin.Autodiff.Tests;

public sealed class OptimizerTests
{
    private static Tensor<double> T(params double[] v) => Tensor.FromSpan<double>(v, v.Length);

    /// <summary>f(θ) = ½ Σ aᵢ(θᵢ − cᵢ)² with an ill-conditioned diagonal.</summary>
    private static double Quadratic(Optimizer<double> opt, Parameter<double> p, int steps)
    {
        var a = T(1, 10, 0.5);
        var c = T(3, -1, 2);
        var tape = new Tape<double>();
        double loss = 0;
        for (int i = 0; i < steps; i++)
        {
            tape.Reset();
            opt.ZeroGrad();
            var d = tape.Track(p) - Var<double>.Constant(c);
            var l = (d.Square() * Var<double>.Constant(a)).Sum().Scale(0.5);
            loss = l.Item();
            tape.Backward(l);
            opt.Step();
        }
        return loss;
    }

    [Theory]
    [InlineData("adam")]
    [InlineData("adamw")]
    [InlineData("sgd")]
    [InlineData("momentum")]
    [InlineData("nesterov")]
    public void ConvergesOnAQuadratic(string kind)
    {
        var p = new Parameter<double>(T(0, 0, 0));
        var named = new[] { ("theta", p) };
        Optimizer<double> opt = kind switch
        {
            "adam" => new Adam<double>(named, new AdamOptions(0.1)),
            "adamw" => new Adam<double>(named, new AdamOptions(0.1, WeightDecay: 1e-4)),
            "sgd" => new Sgd<double>(named, new SgdOptions(0.15)),
            "momentum" => new Sgd<double>(named, new SgdOptions(0.05, Momentum: 0.9)),
            _ => new Sgd<double>(named, new SgdOptions(0.05, Momentum: 0.9, Nesterov: true)),
        };
        double loss = Quadratic(opt, p, 600);
        Assert.True(loss < 1e-6, $"{kind}: loss {loss}");
        Assert.Equal(3, p.Value[0], 1e-2);
        Assert.Equal(-1, p.Value[1], 1e-2);
    }

    [Fact]
    public void AdamMatchesTheFirstTwoStepsComputedByHand()
    {
        var p = new Parameter<double>(T(1.0, -2.0));
        var opt = new Adam<double>(new[] { ("p", p) }, new AdamOptions(0.1, 0.9, 0.999, 1e-8));
        double[] g1 = { 0.5, -1.0 }, g2 = { 0.2, 0.3 };
        double[] theta = { 1.0, -2.0 }, m = new double[2], v = new double[2];
        var grad = SetGrad(p);
        foreach (var (g, t) in new[] { (g1, 1), (g2, 2) })
        {
            g.CopyTo(grad.Span);
            opt.Step();
            for (int i = 0; i < 2; i++)
            {
                m[i] = 0.9 * m[i] + 0.1 * g[i];
                v[i] = 0.999 * v[i] + 0.001 * g[i] * g[i];
                double mh = m[i] / (1 - Math.Pow(0.9, t)), vh = v[i] / (1 - Math.Pow(0.999, t));
                theta[i] -= 0.1 * mh / (Math.Sqrt(vh) + 1e-8);
                Assert.Equal(theta[i], p.Value[i], 1e-12);
            }
        }
        Assert.Equal(2, opt.StepCount);
    }

    private static Tensor<double> SetGrad(Parameter<double> p)
    {
        var tape = new Tape<double>();
        tape.Backward(tape.Track(p).Sum());
        p.ZeroGrad();
        return p.Grad!;
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void NonFiniteGradientThrowsBeforeTouchingWeights(double bad)
    {
        var model = new Mlp<double>(new[] { 2, 3, 1 }, Activation.Tanh, new Rng(1));
        var opt = new Adam<double>(model, new AdamOptions());
        var tape = new Tape<double>();
        tape.Backward(model.Forward(tape.Input(T(1, 2).Reshape(1, 2))).Sum());
        model.Layers[1].Bias!.Grad!.Span[0] = bad;
        var before = model.StateDict();
        var ex = Assert.Throws<NonFiniteGradientException>(() => opt.Step());
        Assert.Equal("layers.1.bias", ex.ParameterName);
        Assert.Contains("layers.1.bias", ex.Message);
        foreach (var (n, p) in model.NamedParameters()) Assert.Equal(before[n].ToArray(), p.Value.ToArray());
        Assert.Equal(0, opt.StepCount);
        Assert.All(opt.GetState().Tensors.Values, t => Assert.All(t.ToArray(), x => Assert.Equal(0.0, x)));
    }

    [Fact]
    public void SkipPolicySkipsTheStep()
    {
        var p = new Parameter<double>(T(1, 2));
        var opt = new Sgd<double>(new[] { ("p", p) }, new SgdOptions(0.1, Policy: NonFinitePolicy.Skip));
        var g = SetGrad(p);
        g.Span[1] = double.NaN;
        Assert.False(opt.Step());
        Assert.Equal(new[] { 1.0, 2.0 }, p.Value.ToArray());
        Assert.Equal(1, opt.SkippedSteps);
        g.Span[1] = 1;
        Assert.True(opt.Step());
        Assert.Equal(new[] { 1.0, 1.9 }, p.Value.ToArray());
    }

    [Fact]
    public void ClipByGlobalNormScalesAllGradientsTogether()
    {
        var a = new Parameter<double>(T(0, 0));
        var b = new Parameter<double>(T(0));
        SetGrad(a).Span[0] = 3;
        SetGrad(b).Span[0] = 4;
        double norm = GradientClipping.ClipByGlobalNorm(new[] { a, b }, 1.0);
        Assert.Equal(5, norm, 1e-12);
        Assert.Equal(0.6, a.Grad![0], 1e-12);
        Assert.Equal(0.8, b.Grad![0], 1e-12);
        Assert.Equal(1, GradientClipping.ClipByGlobalNorm(new[] { a, b }, 2.0), 1e-12);
        Assert.Equal(0.6, a.Grad![0], 1e-12);
    }

    [Fact]
    public void LoadStateRejectsAnotherKind()
    {
        var p = new Parameter<double>(T(1));
        var adam = new Adam<double>(new[] { ("p", p) }, new AdamOptions());
        var sgd = new Sgd<double>(new[] { ("p", p) }, new SgdOptions());
        Assert.Throws<ArgumentException>(() => sgd.LoadState(adam.GetState()));
    }
}

public class LearningRateScaleTests
{
    [Fact]
    public void ScaledParameterMovesProportionallyFurther()
    {
        var a = new Parameter<double>(Tensor.FromSpan(new[] { 1.0 }, 1));
        var b = new Parameter<double>(Tensor.FromSpan(new[] { 1.0 }, 1));
        var adam = new Adam<double>(new[] { ("a", a), ("b", b) }, new AdamOptions(0.01));
        adam.SetLearningRateScale("b", 3);
        a.GradientSpan()[0] = 0.5; b.GradientSpan()[0] = 0.5;
        adam.Step();
        Assert.Equal(1 - 0.01, a.Value.Span[0], 7);
        Assert.Equal(1 - 0.03, b.Value.Span[0], 7);
        Assert.Throws<ArgumentException>(() => adam.SetLearningRateScale("c", 2));
        Assert.Throws<ArgumentException>(() => adam.SetLearningRateScale("a", 0));
    }
}
