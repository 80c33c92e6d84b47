using Basin.Data;
using Basin.Dynamics;
using Basin.SaNode.Studies;
using Basin.Tensors;

namespace Basin.SaNode.Tests.Studies;

public class HorizonStudyAdaptiveTests
{
    private static (SaNodeRunner<double> Runner, LabeledImages Data) Setup()
    {
        var model = new SaNodeModel<double>(new SaNodeConfig { N = 49, K = 5 }, new Rng(4));
        return (new SaNodeRunner<double>(model), Noise.Corrupt(Letters.Create(8), 0.3, seed: 3));
    }

    [Fact]
    public void TightToleranceReadOutsAgreeWithFineFixedSteps()
    {
        var (runner, data) = Setup();
        double[] times = [8, 0.5, 2];
        var (t, adaptive, cost) = HorizonStudy.SamplesAdaptive(runner, data, ButcherTableau.Parse("dopri5"), 1e-9, 1e-11, times, 0, data.Count, batchSize: 7);
        Assert.Equal(new[] { 0.5, 2, 8 }, t);
        var (_, fixedSteps) = HorizonStudy.Samples(runner, data, ButcherTableau.Parse("rk4"), 0.005, times, 0, data.Count, batchSize: 7);
        for (int s = 0; s < data.Count; s++)
            for (int i = 0; i < t.Length; i++)
            {
                Assert.Equal(fixedSteps[s].Mse[i], adaptive[s].Mse[i], 6);
                Assert.Equal(fixedSteps[s].Overlap[i], adaptive[s].Overlap[i], 6);
                Assert.Equal(fixedSteps[s].Nearest[i], adaptive[s].Nearest[i]);
            }
        Assert.True(cost.RowSteps > 0 && cost.RowEvaluations >= 6 * cost.RowSteps, $"dopri5 costs at least 6 evaluations per step ({cost.RowSteps} steps, {cost.RowEvaluations} evaluations)");
    }

    [Fact]
    public void EachImageDependsOnlyOnItselfSoShardsMerge()
    {
        var (runner, data) = Setup();
        double[] times = [1, 4];
        var method = ButcherTableau.Parse("tsit5");
        var (_, whole, _) = HorizonStudy.SamplesAdaptive(runner, data, method, 1e-4, 1e-6, times, 0, data.Count, batchSize: 40);
        var (_, part, _) = HorizonStudy.SamplesAdaptive(runner, data, method, 1e-4, 1e-6, times, 13, 9, batchSize: 4);
        for (int s = 0; s < part.Length; s++)
        {
            Assert.Equal(13 + s, part[s].Index);
            Assert.Equal(whole[13 + s].Mse, part[s].Mse);
            Assert.Equal(whole[13 + s].Agree, part[s].Agree);
        }
    }

    [Fact]
    public void AFixedStepMethodIsRefused()
    {
        var (runner, data) = Setup();
        var e = Assert.Throws<ArgumentException>(() => HorizonStudy.SamplesAdaptive(runner, data, ButcherTableau.Euler, 1e-4, 1e-6, [1], 0, 1));
        Assert.Contains("embedded pair", e.Message);
    }
}
