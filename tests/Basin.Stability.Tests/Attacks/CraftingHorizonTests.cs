using Basin.Data;
using Basin.Dynamics;
using Basin.SaNode;
using Basin.Stability.Attacks;
using Basin.Stability.Classifiers;
using Basin.Tensors;

namespace Basin.Stability.Tests.Attacks;

/// <summary>The crafting-horizon protocol on a tiny SA-nODE trained on the letters, judged at T = 20.</summary>
public class CraftingHorizonTests
{
    private static SaNodeClassifier Letters(int steps)
    {
        var trained = new SaNodeModel<float>(new SaNodeConfig { N = 49, K = 5 }, new Rng(7));
        new SaNodeTrainer(trained, new SaNodeTrainOptions { Epochs = 8, BatchSize = 50, LearningRate = 0.01, Seed = 3 }).Run(Basin.Data.Letters.Create(40), null, null);
        var model = new SaNodeModel<double>(trained.Config);
        for (int i = 0; i < model.PhiTrain.Length; i++) model.PhiTrain.Span[i] = trained.PhiTrain.Span[i];
        for (int i = 0; i < model.Lambda.Length; i++) model.Lambda.Span[i] = trained.Lambda.Span[i];
        model.Gamma = trained.Gamma;
        return new SaNodeClassifier(model, new SolverOptions(ButcherTableau.Euler, 0.1, steps, Clip: 5));
    }

    [Fact]
    public void StandardHorizonsAreTrainingEvaluationAndTheirGeometricAverage()
    {
        var judge = Letters(200);
        var h = CraftingHorizon.Standard(judge, 5.5);
        Assert.Equal(["T=5.5", "T=20", "avg(T=5.5,8.5,13,20)"], h.Select(x => x.Label).ToArray());
        Assert.Equal(55, ((SaNodeClassifier)h[0].Crafter).Options.Steps);
        Assert.Same(judge, h[1].Crafter);
        Assert.Equal(["T=5.5", "T=20", "avg(T=5.5,20)"], CraftingHorizon.Parse("5.5, eval, 5.5+20, 20", judge, null).Select(x => x.Label).ToArray());
        Assert.Throws<ArgumentException>(() => CraftingHorizon.Parse("standard", judge, null));
        Assert.Throws<ArgumentException>(() => CraftingHorizon.Parse("5.5,-1", judge, null));
    }

    /// <summary>The average's scores are the mean of its members' and its input gradient their mean adjoint (finite differences).</summary>
    [Fact]
    public void HorizonAverageGradientMatchesFiniteDifferences()
    {
        var model = new SaNodeModel<double>(new SaNodeConfig { N = 12, K = 2 }, new Rng(5));
        var c = new SaNodeClassifier(model, new SolverOptions(ButcherTableau.Euler, 0.1, 40, Clip: 5));
        var e = new HorizonEnsembleClassifier(c, [1.0, 2.5, 4.0]);
        var x = Tensor.Uniform(new Rng(6), 0.0, 1.0, 12).ToArray();
        var gs = new[] { 0.7, -1.3 };
        var gx = new double[12];
        var s = new double[2];
        e.InputGradient(x, 1, gs, gx, s);
        var mean = new double[2];
        foreach (var t in new[] { 1.0, 2.5, 4.0 })
        {
            var st = new double[2];
            HorizonEnsembleClassifier.At(c, t).Scores(x, 1, st);
            for (int j = 0; j < 2; j++) mean[j] += st[j] / 3;
        }
        for (int j = 0; j < 2; j++) Assert.Equal(mean[j], s[j], 12);
        for (int i = 0; i < 12; i++)
        {
            var p = (double[])x.Clone(); var m = (double[])x.Clone();
            p[i] += 1e-6; m[i] -= 1e-6;
            var sp = new double[2]; var sm = new double[2];
            e.Scores(p, 1, sp); e.Scores(m, 1, sm);
            double fd = (gs[0] * (sp[0] - sm[0]) + gs[1] * (sp[1] - sm[1])) / 2e-6;
            Assert.True(Math.Abs(fd - gx[i]) <= 1e-6 * Math.Max(1e-3, Math.Abs(fd) + Math.Abs(gx[i])), $"x[{i}]: fd {fd}, backward {gx[i]}");
        }
    }

    /// <summary>
    /// PGD crafted at T = 5.5, at T = 20 and on the average, judged at T = 20: the protocol's robust accuracy is at most each
    /// single horizon's; its first horizon fools exactly the images the single T = 5.5 run fools (same seed, same images);
    /// every image names its winning horizon and the counts per horizon add up.
    /// </summary>
    [Fact]
    public void WorstCaseOverHorizonsIsAtMostEachHorizonAndRecordsTheWinner()
    {
        var judge = Letters(200);
        var data = Basin.Data.Letters.Create(6, 0.15, seed: 4);
        var horizons = CraftingHorizon.Standard(judge, 5.5);
        var attack = AttackCatalogue.Find("pgd-margin-linf");
        var baseOptions = new AttackEvaluationOptions(0.15, 30, 30, new AttackSettings(Iterations: 10, Seed: 3));
        var all = AttackEvaluation.Run(judge, data, attack, baseOptions with { Crafting = horizons });
        var single = horizons.Select(h => AttackEvaluation.Run(judge, data, attack, baseOptions with { Crafting = [h] })).ToArray();
        Assert.InRange(all.RobustAccuracy!.Value, 0, 0.999);
        Assert.True(all.CleanAccuracy > all.RobustAccuracy);
        foreach (var s in single) Assert.True(all.RobustAccuracy <= s.RobustAccuracy, $"{s.CraftingHorizons![0]}: {s.RobustAccuracy} < worst case {all.RobustAccuracy}");
        Assert.Equal(horizons.Select(h => h.Label), all.CraftingHorizons!);
        var images = all.Images!;
        Assert.Equal(30, images.Count);
        Assert.Equal(Enumerable.Range(0, 30), images.Select(i => i.Index).Order());
        foreach (var i in images)
        {
            Assert.Equal(i.Winner is not null and not "clean", i.WinningHorizon != null);
            if (i.WinningHorizon is { } h) Assert.Contains(h, all.CraftingHorizons!);
        }
        foreach (var (h, count) in all.HorizonWins!) Assert.Equal(images.Count(i => i.WinningHorizon == h), count);
        Assert.Equal(30 * (all.CleanAccuracy - all.RobustAccuracy!.Value), all.HorizonWins!.Values.Sum(), 9);
        var first = single[0].Images!.Where(i => i.WinningHorizon != null).Select(i => i.Index).Order();
        Assert.Equal(first, images.Where(i => i.WinningHorizon == horizons[0].Label).Select(i => i.Index).Order());
    }

    /// <summary>Square and SPSA beside the gradient attack on the same images: counts and the gap are consistent.</summary>
    [Fact]
    public void GradientFreeSideReportsTheGap()
    {
        var judge = Letters(55);
        var data = Basin.Data.Letters.Create(4, 0.15, seed: 4);
        var r = AttackEvaluation.Run(judge, data, AttackCatalogue.Find("pgd-margin-linf"),
            new AttackEvaluationOptions(0.15, 20, 20, new AttackSettings(Iterations: 10, Queries: 200, Seed: 3)) { GradientFreeCount = 12 });
        Assert.Equal(["square-linf", "spsa-linf"], r.GradientFree!.Select(g => g.Attack).ToArray());
        foreach (var g in r.GradientFree!)
        {
            Assert.Equal(12, g.Images);
            Assert.InRange(g.RobustAccuracy, 0, 1);
            Assert.Equal(g.GradientRobustAccuracy - g.RobustAccuracy, g.Gap, 12);
            Assert.True(g.OnlyWins <= 12 * g.GradientRobustAccuracy + 1e-9);
        }
    }
}
