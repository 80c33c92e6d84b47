using Basin.Dynamics;
using Basin.SaNode.Training.Robust;
using Basin.Tensors;

namespace Basin.SaNode.Tests.Training.Robust;

public class PgdAdversarialTrainingTests
{
    /// <summary>The training loss's input gradient through the ODE (exact discrete adjoint) against central differences, in float64.</summary>
    [Theory]
    [InlineData(7)]
    [InlineData(55)]
    public void LossInputGradientMatchesFiniteDifferences(int steps)
    {
        var model = new SaNodeModel<double>(new SaNodeConfig { N = 12, K = 2 }, new Rng(5));
        var runner = new SaNodeRunner<double>(model);
        runner.Refresh();
        var options = new SolverOptions(ButcherTableau.Euler, 0.1, steps, Clip: 5);
        var x = Tensor.Uniform(new Rng(6), 0.0, 1.0, 2 * 12).ToArray();
        var y = new double[24];
        model.Patterns.Span[..12].CopyTo(y);
        model.Patterns.Span[12..24].CopyTo(y.AsSpan(12));
        var solver = new FixedStepSolver<double>();
        var g = new double[24];
        PgdAdversarialTraining.LossInputGradient(runner.Field, solver, x, y, 2, options, g);
        Assert.Contains(g, v => v != 0);
        for (int i = 0; i < 24; i++)
        {
            var p = (double[])x.Clone(); var m = (double[])x.Clone();
            p[i] += 1e-6; m[i] -= 1e-6;
            double lp = PgdAdversarialTraining.LossInputGradient(runner.Field, solver, p, y, 2, options, new double[24]);
            double lm = PgdAdversarialTraining.LossInputGradient(runner.Field, solver, m, y, 2, options, new double[24]);
            double fd = (lp - lm) / 2e-6;
            Assert.True(Math.Abs(fd - g[i]) <= 1e-6 * Math.Max(1e-4, Math.Abs(fd) + Math.Abs(g[i])), $"x[{i}]: fd {fd}, adjoint {g[i]}");
        }
    }

    /// <summary>The PGD points stay in the ε-ball and the box and raise the training loss above the clean inputs'.</summary>
    [Fact]
    public void PgdPointsRaiseTheLossInsideTheBudget()
    {
        var model = new SaNodeModel<float>(new SaNodeConfig { N = 49, K = 5 }, new Rng(7));
        var runner = new SaNodeRunner<float>(model);
        runner.Refresh();
        var options = new SolverOptions(ButcherTableau.Euler, 0.1, 55, Clip: 5);
        var data = Basin.Data.Letters.Create(2, 0.1, seed: 3);
        int n = 49, count = data.Count;
        var x = new float[count * n];
        var y = new float[count * n];
        for (int i = 0; i < count; i++)
        {
            data.Image(i).CopyTo(x.AsSpan(i * n, n));
            model.Patterns.Span.Slice(data.Labels[i] * n, n).CopyTo(y.AsSpan(i * n, n));
        }
        var clean = (float[])x.Clone();
        var solver = new FixedStepSolver<float>();
        double before = PgdAdversarialTraining.LossInputGradient(runner.Field, solver, clean, y, count, options, new float[count * n]);
        var pgd = new PgdAdversarialTraining(0.1, steps: 5);
        pgd.Apply(runner, x, y, count, options, new Random(1));
        double after = PgdAdversarialTraining.LossInputGradient(runner.Field, solver, x, y, count, options, new float[count * n]);
        Assert.True(after > before, $"loss {before} → {after}");
        for (int i = 0; i < x.Length; i++)
        {
            Assert.InRange(x[i], 0f, 1f);
            Assert.True(Math.Abs(x[i] - clean[i]) <= 0.1f + 1e-6f, $"pixel {i} moved {x[i] - clean[i]}");
        }
    }

    [Fact]
    public void RecipesParseAndRejectBadInput()
    {
        var p = Assert.IsType<PgdAdversarialTraining>(RobustTraining.Parse("pgd:eps=0.1,steps=4"));
        Assert.Equal((0.1, 4, 0.0625), (p.Epsilon, p.Steps, p.StepSize));
        Assert.Equal("pgd:eps=0.1,steps=4,step=0.0625", p.Spec);
        Assert.Equal(0.25, Assert.IsType<GaussianNoiseTraining>(RobustTraining.Parse("gaussian:0.25")).Sigma);
        foreach (var bad in new[] { "", "fgsm:0.1", "gaussian:x", "gaussian:-1", "pgd:steps=3", "pgd:eps=2", "pgd:eps=0.1,foo=1", "pgd:eps" })
            Assert.Throws<ArgumentException>(() => RobustTraining.Parse(bad));
        Assert.Throws<ArgumentException>(() => new SaNodeTrainOptions { Robust = "pgd:eps=0" }.Validate());
    }
}
