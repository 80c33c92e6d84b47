using Basin.Tensors;

namespace Basin.Autodiff.Tests;

public sealed class TrainingTests
{
    private static readonly Tensor<float> XorX = Tensor.FromSpan<float>(new float[] { 0, 0, 0, 1, 1, 0, 1, 1 }, 4, 2);
    private static readonly Tensor<float> XorY = Tensor.FromSpan<float>(new float[] { 0, 1, 1, 0 }, 4, 1);

    private static float XorStep(Mlp<float> model, Optimizer<float> opt, Tape<float> tape)
    {
        tape.Reset();
        opt.ZeroGrad();
        var loss = Functional.BinaryCrossEntropyWithLogits(model.Forward(tape.Input(XorX)), Var<float>.Constant(XorY));
        float l = loss.Item();
        tape.Backward(loss);
        opt.Step();
        return l;
    }

    [Fact]
    public void MlpLearnsXor()
    {
        var model = new Mlp<float>(new[] { 2, 8, 1 }, Activation.Tanh, new Rng(42));
        var opt = new Adam<float>(model, new AdamOptions(0.05));
        var tape = new Tape<float>();
        float first = XorStep(model, opt, tape), last = first;
        for (int i = 0; i < 400; i++) last = XorStep(model, opt, tape);
        Assert.True(last < 0.02f, $"XOR loss {first} → {last}");
    }

    [Fact]
    public void MlpSeparatesTwoMoons()
    {
        var rng = new Rng(5);
        const int n = 200;
        var x = new Tensor<float>(n, 2);
        var labels = new int[n];
        for (int i = 0; i < n; i++)
        {
            int c = i % 2;
            double t = Math.PI * rng.NextDouble();
            x[i, 0] = (float)(c == 0 ? Math.Cos(t) : 1 - Math.Cos(t)) + 0.1f * (float)rng.NextNormal();
            x[i, 1] = (float)(c == 0 ? Math.Sin(t) : 0.5 - Math.Sin(t)) + 0.1f * (float)rng.NextNormal();
            labels[i] = c;
        }
        var model = new Mlp<float>(new[] { 2, 16, 16, 2 }, Activation.Relu, new Rng(6));
        var opt = new Adam<float>(model, new AdamOptions(0.02));
        var tape = new Tape<float>();
        float loss = 0;
        for (int step = 0; step < 300; step++)
        {
            tape.Reset();
            opt.ZeroGrad();
            var l = Functional.CrossEntropy(model.Forward(tape.Input(x)), labels);
            loss = l.Item();
            tape.Backward(l);
            GradientClipping.ClipByGlobalNorm(model.Parameters(), 5.0);
            opt.Step();
        }
        Tensor<float> logits;
        using (Autograd.NoGrad()) logits = model.Forward(Var<float>.Constant(x)).Value;
        int correct = Enumerable.Range(0, n).Count(i => (logits[i, 1] > logits[i, 0] ? 1 : 0) == labels[i]);
        Assert.True(loss < 0.1f && correct >= 0.97 * n, $"two moons: loss {loss}, accuracy {correct}/{n}");
    }

    [Theory]
    [InlineData("adamw")]
    [InlineData("nesterov")]
    public void SaveAndResumeIsBitIdentical(string kind)
    {
        Optimizer<float> MakeOpt(Mlp<float> m) => kind == "adamw"
            ? new Adam<float>(m, new AdamOptions(0.03, WeightDecay: 0.01))
            : new Sgd<float>(m, new SgdOptions(0.1, Momentum: 0.9, Nesterov: true, WeightDecay: 1e-3));
        const int N = 7, M = 5;

        var straight = new Mlp<float>(new[] { 2, 6, 1 }, Activation.Tanh, new Rng(1));
        var optS = MakeOpt(straight);
        var tape = new Tape<float>();
        for (int i = 0; i < N + M; i++) XorStep(straight, optS, tape);

        var first = new Mlp<float>(new[] { 2, 6, 1 }, Activation.Tanh, new Rng(1));
        var opt1 = MakeOpt(first);
        for (int i = 0; i < N; i++) XorStep(first, opt1, tape);
        opt1.LearningRate *= 1; // schedules may change it; it is saved with the state
        var weights = first.StateDict();
        var state = opt1.GetState();

        var resumed = new Mlp<float>(new[] { 2, 6, 1 }, Activation.Tanh, new Rng(999));
        var opt2 = MakeOpt(resumed);
        resumed.LoadStateDict(weights);
        opt2.LoadState(state);
        Assert.Equal(N, opt2.StepCount);
        for (int i = 0; i < M; i++) XorStep(resumed, opt2, new Tape<float>());

        foreach (var ((name, a), (_, b)) in straight.NamedParameters().Zip(resumed.NamedParameters()))
            Assert.True(a.Value.ToArray().SequenceEqual(b.Value.ToArray()), $"{name} differs after resume");
        foreach (var (key, t) in optS.GetState().Tensors)
            Assert.True(t.ToArray().SequenceEqual(opt2.GetState().Tensors[key].ToArray()), $"{key} differs after resume");
    }
}
