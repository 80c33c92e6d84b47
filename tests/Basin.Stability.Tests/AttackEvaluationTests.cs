using Basin.Stability.Attacks;
using Basin.Stability.Classifiers;

namespace Basin.Stability.Tests;

public class AttackEvaluationTests
{
    private static readonly Lazy<(MlpClassifier Model, Basin.Data.LabeledImages Test)> Setup = new(() =>
    {
        var c = new MlpClassifier([49, 5], seed: 2);
        BaselineTrainer.Train(c, Basin.Data.Letters.Create(40, 0.2, seed: 1), epochs: 20, batch: 50, learningRate: 1e-2);
        return (c, Basin.Data.Letters.Create(3, 0.15, seed: 4));
    });

    private static AttackEvaluationResult Run(string attack, double eps = 0.3) =>
        AttackEvaluation.Run(Setup.Value.Model, Setup.Value.Test, AttackCatalogue.Find(attack),
            new AttackEvaluationOptions(eps, 12, 5, new AttackSettings(Iterations: 10, Queries: 100, Decision: new HopSkipJumpOptions(Iterations: 8), Seed: 2)));

    [Fact]
    public void FixedBudgetAttackReportsRobustAccuracyBelowCleanAndPassesTheNoiseCheck()
    {
        var r = Run("pgd-margin-linf");
        Assert.Equal("pgd-margin-linf", r.Attack);
        Assert.Equal("gradient", r.Kind);
        Assert.Equal(12, r.Count);
        Assert.InRange(r.RobustAccuracy!.Value, 0, r.CleanAccuracy);
        Assert.True(r.RobustAccuracy < r.CleanAccuracy);
        Assert.False(r.MaskingSuspected);
        Assert.Null(r.MedianDistance);
        Assert.Contains("noise", r.Reference);
        Assert.True(Run("fgsm-linf").RobustAccuracy >= r.RobustAccuracy - 1e-12);
    }

    [Fact]
    public void MinimalNormAttacksReportAMedianDistanceWithItsInterval()
    {
        var df = Run("deepfool-l2");
        var hsj = Run("hopskipjump-l2");
        foreach (var r in new[] { df, hsj })
        {
            Assert.Null(r.RobustAccuracy);
            Assert.Null(r.Eps);
            Assert.True(r.MedianDistance > 0);
            Assert.InRange(r.MedianDistance!.Value, r.MedianCi95![0], r.MedianCi95[1]);
        }
        Assert.False(hsj.MaskingSuspected);
        Assert.True(hsj.MedianDistance >= 0.999 * df.MedianDistance, $"decision-only {hsj.MedianDistance} below white-box {df.MedianDistance}");
    }

    [Fact]
    public void TransferWithoutSurrogateAndFixedBudgetWithoutEpsilonAreRefused()
    {
        Assert.Contains("surrogate", Assert.Throws<ArgumentException>(() => Run("transfer-linf")).Message);
        Assert.Contains("ε", Assert.Throws<ArgumentException>(() => Run("pgd-margin-l2", 0)).Message);
    }
}
