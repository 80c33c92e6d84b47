using Basin.Tensors;

namespace Basin.Autodiff.Tests;

public sealed class ModuleTests
{
    [Fact]
    public void ParameterNamesAreDeterministicDottedPaths()
    {
        var m = new Mlp<float>(new[] { 2, 3, 1 }, Activation.Relu, new Rng(1));
        Assert.Equal(new[] { "layers.0.weight", "layers.0.bias", "layers.1.weight", "layers.1.bias" }, m.NamedParameters().Select(p => p.Name));
        Assert.Equal(2 * 3 + 3 + 3 + 1, m.ParameterCount);
        Assert.Equal(new[] { 2, 3 }, m.Layers[0].Weight.Value.Shape.ToArray());
    }

    [Fact]
    public void SameSeedSameWeights()
    {
        var a = new Mlp<double>(new[] { 3, 5, 2 }, Activation.Tanh, new Rng(7));
        var b = new Mlp<double>(new[] { 3, 5, 2 }, Activation.Tanh, new Rng(7));
        foreach (var ((_, p), (_, q)) in a.NamedParameters().Zip(b.NamedParameters()))
            Assert.Equal(p.Value.ToArray(), q.Value.ToArray());
    }

    [Fact]
    public void StateDictRoundTripsAndValidates()
    {
        var a = new Mlp<double>(new[] { 3, 5, 2 }, Activation.Gelu, new Rng(7));
        var b = new Mlp<double>(new[] { 3, 5, 2 }, Activation.Gelu, new Rng(8));
        var state = a.StateDict();
        b.LoadStateDict(state);
        foreach (var ((_, p), (_, q)) in a.NamedParameters().Zip(b.NamedParameters()))
            Assert.Equal(p.Value.ToArray(), q.Value.ToArray());

        var wrong = new Dictionary<string, Tensor<double>>(state) { ["layers.0.bias"] = new Tensor<double>(4) };
        Assert.Throws<TensorShapeException>(() => b.LoadStateDict(wrong));
        var missing = new Dictionary<string, Tensor<double>>(state);
        missing.Remove("layers.1.weight");
        Assert.Throws<KeyNotFoundException>(() => b.LoadStateDict(missing));
        var extra = new Dictionary<string, Tensor<double>>(state) { ["other"] = new Tensor<double>(1) };
        Assert.Throws<KeyNotFoundException>(() => b.LoadStateDict(extra));
        b.LoadStateDict(extra, strict: false);
    }

    [Fact]
    public void GlorotInitialisationHasTheRightScale()
    {
        var w = Initializer.Matrix<double>(Init.GlorotUniform, 200, 300, new Rng(4));
        double limit = Math.Sqrt(6.0 / 500);
        Assert.All(w.ToArray(), v => Assert.InRange(v, -limit, limit));
        double var = w.ToArray().Select(v => v * v).Average();
        Assert.Equal(limit * limit / 3, var, 0.1 * limit * limit / 3);
    }
}
