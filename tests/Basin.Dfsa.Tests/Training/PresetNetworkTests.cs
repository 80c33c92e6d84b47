using Basin.Autodiff;
using Basin.Dfsa.Inputs;
using Basin.Dfsa.Measurement;
using Basin.Dfsa.Networks;
using Basin.Dfsa.Training;
using Basin.Tensors;

namespace Basin.Dfsa.Tests.Training;

public sealed class PresetNetworkTests
{
    private static double Avalanche(NetworkSpec spec, Objective objective, int steps, double lr = 1e-3)
    {
        var net = spec.Create<double>(new Rng(3));
        var result = new DfsaTrainer<double>(net, new BitsInput(), objective, new DfsaTrainOptions { Steps = steps, BatchSize = 16, LearningRate = lr, Seed = 3 }).Train();
        Assert.False(result.Diverged, result.Reason);
        using var _ = Autograd.NoGrad();
        var x = new BitsInput().Sample<double>(new Rng(4), 128, spec.InputDim);
        return DfsaMeasurer.AvalancheSample(net, x, net.Evaluate(x));
    }

    [Fact]
    public void CryptoPresetNetworkReachesAHalfWhereTheOldShapeDoesNot()
    {
        var shape = Presets.Network("crypto");
        var crypto = Objective.Build("crypto", []);
        double old = Avalanche(new NetworkSpec(Architecture.Mlp, 16, 16, Hidden: 32, Layers: 2), crypto, 5);
        double now = Avalanche(new NetworkSpec(Architecture.Mlp, 16, 16, Hidden: 32, Layers: shape.Layers, InitGain: shape.InitGain), crypto, 5);
        Assert.InRange(old, 0, 0.3);
        Assert.InRange(now, 0.45, 0.55);
        Assert.Equal(new PresetNetwork(2, 1), Presets.Network("generic"));
    }

    [Fact]
    public void CryptoPresetNetworkPassesTheStrictAvalancheCriterionAtInitialisation()
    {
        var shape = Presets.Network("crypto");
        var options = new MeasureOptions { Batches = 4, BatchSize = 256 };
        var deep = new NetworkSpec(Architecture.Mlp, 16, 16, Hidden: 64, Layers: shape.Layers, InitGain: shape.InitGain).Create<double>(new Rng(1));
        var old = new NetworkSpec(Architecture.Mlp, 16, 16, Hidden: 64, Layers: 2).Create<double>(new Rng(1));
        var a = DfsaMeasurer.Measure(deep, new BitsInput(), options);
        var b = DfsaMeasurer.Measure(old, new BitsInput(), options);
        Assert.True(a.SacPassed, $"SAC max deviation {a.SacMaxDeviation:F4} above the bound {a.SacBound:F4}");
        Assert.False(b.SacPassed);
        Assert.InRange(a.Avalanche!.Mean, 0.45, 0.55);
    }

    [Fact]
    public void AvalancheTermRaisesTheAvalancheOfAShallowNetwork()
    {
        var spec = new NetworkSpec(Architecture.Mlp, 16, 16, Hidden: 32, Layers: 1);
        var objective = Objective.Build(null, ["avalanche=1"]);
        double before = Avalanche(spec, objective, 0);
        double after = Avalanche(spec, objective, 300, lr: 1e-2);
        Assert.True(after > before + 0.05, $"avalanche {before:F3} → {after:F3}");
    }
}
