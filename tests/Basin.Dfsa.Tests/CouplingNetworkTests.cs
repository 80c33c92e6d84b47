using Basin.Autodiff;
using Basin.Dfsa.Estimation;
using Basin.Dfsa.Inputs;
using Basin.Dfsa.Networks;
using Basin.Tensors;

namespace Basin.Dfsa.Tests;

public sealed class CouplingNetworkTests
{
    [Theory]
    [InlineData(Architecture.AdditiveCoupling, 6, 1.0)]
    [InlineData(Architecture.AdditiveCoupling, 7, 1.0)]
    [InlineData(Architecture.AffineCoupling, 6, 1.0)]
    [InlineData(Architecture.AffineCoupling, 9, 1.0)]
    [InlineData(Architecture.AdditiveCoupling, 16, 2.0)]
    [InlineData(Architecture.AffineCoupling, 16, 2.0)]
    public void InverseIsExactInFloat64(Architecture arch, int n, double gain)
    {
        var net = (CouplingNetwork<double>)new NetworkSpec(arch, n, n, Hidden: 16, Layers: 6, ConditionerLayers: 2, InitGain: gain).Create<double>(new Rng(3));
        var x = Tensor.Normal(new Rng(4), 0.0, 1.0, 64, n);
        var y = net.Evaluate(x);
        Assert.True(TensorOps.MaxAbsDiff(x, y) > 0.1, "the map should not be the identity");
        double back = TensorOps.MaxAbsDiff(net.Inverse(y), x), fwd = TensorOps.MaxAbsDiff(net.Evaluate(net.Inverse(x)), x);
        double maxY = y.Span.ToArray().Max(Math.Abs), maxZ = net.Inverse(x).Span.ToArray().Max(Math.Abs);
        Assert.True(back < 1e-12 * Math.Max(1, maxY / 10), $"f⁻¹(f(x)) − x: {back:E2} (max |y| = {maxY:G3})");
        Assert.True(fwd < 1e-12 * Math.Max(1, maxZ / 10), $"f(f⁻¹(x)) − x: {fwd:E2} (max |f⁻¹(x)| = {maxZ:G3})");
    }

    [Fact]
    public void LogDeterminantMatchesTheJacobian()
    {
        var net = (CouplingNetwork<double>)new NetworkSpec(Architecture.AffineCoupling, 4, 4, Hidden: 8, Layers: 4).Create<double>(new Rng(8));
        var x = Tensor.Normal(new Rng(9), 0.0, 1.0, 5, 4);
        Tensor<double> logDet;
        using (Autograd.NoGrad()) logDet = net.ForwardWithLogDet(Var<double>.Constant(x)).LogDet.Value;
        var tape = new Tape<double>();
        var ctx = new TermContext<double>(net, new GaussianInput(), x, tape, new Rng(1), new EstimatorOptions());
        var vol = new JacobianVolume<double>(5, 4).ApplySingle(ctx.Jvp(x, ctx.FullBasis)).Value;
        for (int b = 0; b < 5; b++) Assert.Equal(logDet[b], Math.Log(Math.Abs(vol[b])), 6);
    }

    [Fact]
    public void AdditiveCouplingPreservesVolume()
    {
        var net = new NetworkSpec(Architecture.AdditiveCoupling, 6, 6, Hidden: 8, Layers: 3).Create<double>(new Rng(2));
        var x = Tensor.Normal(new Rng(3), 0.0, 1.0, 4, 6);
        var ctx = new TermContext<double>(net, new GaussianInput(), x, new Tape<double>(), new Rng(1), new EstimatorOptions());
        var vol = new JacobianVolume<double>(4, 6).ApplySingle(ctx.Jvp(x, ctx.FullBasis)).Value;
        foreach (var v in vol.Span) Assert.Equal(1.0, Math.Abs(v), 6);
    }

    [Theory]
    [InlineData(Architecture.AffineCoupling)]
    [InlineData(Architecture.Mlp)]
    [InlineData(Architecture.Cppn)]
    public void ModelFileRoundTripsBitForBit(Architecture arch)
    {
        int n = arch == Architecture.Cppn ? 2 : 6, m = arch == Architecture.Cppn ? 3 : 6;
        var net = new NetworkSpec(arch, n, m, Hidden: 8, Layers: 3).Create<float>(new Rng(21));
        string path = Path.Combine(Path.GetTempPath(), $"dfsa-{Guid.NewGuid():N}.safetensors");
        try
        {
            DfsaModelFile.Save(path, net, new Dictionary<string, string> { ["preset"] = "crypto" });
            var (loaded, meta) = DfsaModelFile.Load<float>(path);
            Assert.Equal("crypto", meta["preset"]);
            Assert.Equal(arch.ToString(), meta["architecture"]);
            Assert.Equal(net.Spec, loaded.Spec);
            var x = Tensor.Normal(new Rng(1), 0f, 1f, 10, n);
            Assert.Equal(net.Evaluate(x).ToArray(), loaded.Evaluate(x).ToArray());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void DifferentKeysGiveDifferentPermutations()
    {
        var spec = new NetworkSpec(Architecture.AdditiveCoupling, 16, 16, Layers: 2);
        var a = (CouplingNetwork<double>)spec.Create<double>(new Rng(1));
        var b = (CouplingNetwork<double>)spec.Create<double>(new Rng(2));
        Assert.NotEqual(a.Permutation(0), b.Permutation(0));
    }
}
