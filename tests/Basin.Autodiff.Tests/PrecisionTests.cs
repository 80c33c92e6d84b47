using Basin.Tensors;

namespace Basin.Autodiff.Tests;

public sealed class PrecisionTests
{
    [Fact]
    public void Float32ForwardMatchesFloat64()
    {
        var m64 = new Mlp<double>(new[] { 6, 16, 16, 4 }, Activation.Tanh, new Rng(11));
        var m32 = new Mlp<float>(new[] { 6, 16, 16, 4 }, Activation.Tanh, new Rng(99));
        m32.LoadStateDict(m64.StateDict().ToDictionary(kv => kv.Key, kv => Tensor.Cast<double, float>(kv.Value)));
        var x64 = Tensor.Normal(new Rng(2), 0.0, 1.0, 10, 6);
        var labels = Enumerable.Range(0, 10).Select(i => i % 4).ToArray();

        var t64 = new Tape<double>();
        var y64 = m64.Forward(t64.Input(x64));
        var l64 = Functional.CrossEntropy(y64, labels) + Functional.Softplus(y64).Mean() + Functional.Gelu(y64).Mean();
        var t32 = new Tape<float>();
        var y32 = m32.Forward(t32.Input(Tensor.Cast<double, float>(x64)));
        var l32 = Functional.CrossEntropy(y32, labels) + Functional.Softplus(y32).Mean() + Functional.Gelu(y32).Mean();

        Assert.True(TensorOps.MaxAbsDiff(Tensor.Cast<float, double>(y32.Value), y64.Value) < 1e-5);
        Assert.Equal(l64.Item(), l32.Item(), 1e-5);

        t64.Backward(l64);
        t32.Backward(l32);
        foreach (var ((n, p64), (_, p32)) in m64.NamedParameters().Zip(m32.NamedParameters()))
        {
            double scale = Math.Max(1e-3, TensorOps.Norm(p64.Grad!));
            double diff = TensorOps.Norm(TensorOps.Subtract(Tensor.Cast<float, double>(p32.Grad!), p64.Grad!));
            Assert.True(diff / scale < 1e-4, $"{n}: float32 gradient differs by {diff / scale:E2} (relative).");
        }
    }
}
