using Basin.Data;
using Basin.Dynamics;
using Basin.SaNode.Studies;
using Basin.Tensors;

namespace Basin.SaNode.Tests.Studies;

public class LettersStudyTests
{
    [Fact]
    public void NoiseFreeTrainingGivesAMonotoneOverlapCurveAndBimodalFinalErrors()
    {
        var o = new LettersStudyOptions([0], [0, 0.2, 0.4, 0.6, 0.8, 1.0], Copies: 20, TestCopies: 10, Epochs: 12, Steps: 200, Sigmas: [1.0], Draws: 2);
        var r = LettersStudy.Run(o);
        var mf = r.Overlap[0];
        Assert.True(mf[0] > 0.999, $"m_f(0) = {mf[0]}");
        Assert.Equal(1.0, r.Accuracy[0][0]);
        for (int j = 1; j < mf.Length; j++) Assert.True(mf[j] <= mf[j - 1] + 0.01, $"m_f rises from ε_test = {o.TestNoises[j - 1]} to {o.TestNoises[j]}: {string.Join(", ", mf)}");
        Assert.True(mf[^1] < 0.8, $"m_f(1) = {mf[^1]}");
        Assert.Equal(o.Steps + 1, r.MseCurves[0].Length);
        Assert.True(r.MseCurves[0][^1] < 1e-6, "clean letters D must reach their attractor");
        Assert.True(r.MseCurves[^1][^1] > r.MseCurves[0][^1]);
        // Final per-sample MSE at ε_test = 0.6 piles up at ≈ 0 (right attractor) and near the distance to another attractor.
        double wrong = 4 * 0.25 * 2.0 * 7 / 49;
        int right = r.SampleMse.Count(e => e < 1e-3), far = r.SampleMse.Count(e => e > 0.5 * wrong);
        Assert.True(right > 0.2 * r.SampleMse.Length && far > 0.1 * r.SampleMse.Length, $"{right} near 0, {far} near another attractor of {r.SampleMse.Length}");
        var run = r.Runs[0][0];
        Assert.NotEqual(run.Initial.Lambda.ToArray(), run.Model.Lambda.ToArray());
        Assert.Equal(run.Initial.Lambda.ToArray(), new SaNodeModel<float>(run.Model.Config, new Rng(run.Seed)).Lambda.ToArray());
    }

    [Fact]
    public void EigenPerturbationSharesItsNoiseAndBoundsTheFraction()
    {
        var model = new SaNodeModel<float>(new SaNodeConfig { N = 49, K = 5 }, new Rng(7));
        new SaNodeTrainer(model, new SaNodeTrainOptions { Epochs = 8, BatchSize = 50, LearningRate = 0.01, Seed = 3 }).Run(Letters.Create(20), null, null);
        var eval = new SolverOptions(ButcherTableau.Euler, 0.1, 200, Clip: 5);
        var r = EigenPerturbation.Run(model, Letters.Pattern(0), 0, [0.0, 1.0], draws: 2, eval, seed: 5);
        Assert.Equal(Enumerable.Range(0, 49), r.Order.OrderBy(j => j));
        Assert.All(r.Mse, row => Assert.Equal(r.BaselineMse, row[0], 12));
        for (int k = 1; k < 49; k++) Assert.True(r.Mse[k][1] >= r.Mse[k - 1][1]);
        Assert.True(r.BaselineMse < 1e-8, $"clean A baseline MSE {r.BaselineMse}");
        Assert.Equal(49, r.JointMse.Length);
        Assert.InRange(r.Fraction, 0, 1);
        int within = (int)Math.Round(r.Fraction * 49);
        for (int k = 0; k < within; k++) Assert.True(r.JointMse[k] <= r.Threshold);
        if (within < 49) Assert.True(r.JointMse[within] > r.Threshold);
        var again = EigenPerturbation.Run(model, Letters.Pattern(0), 0, [0.0, 1.0], draws: 2, eval, seed: 5);
        Assert.Equal(r.JointMse, again.JointMse);
    }
}
