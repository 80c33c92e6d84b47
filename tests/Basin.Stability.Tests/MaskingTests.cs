using Basin.Data;
using Basin.Stability.Attacks;
using Basin.Stability.Classifiers;

namespace Basin.Stability.Tests;

public class MaskingTests
{
    /// <summary>
    /// A deliberately gradient-masked model: a trained logistic regression applied to the input quantised to 4 levels. Its
    /// true gradient is zero almost everywhere (and that is what it reports), so white-box attacks see nothing while the
    /// decision still changes under large enough perturbations.
    /// </summary>
    private sealed class QuantisedInput(MlpClassifier inner) : IClassifier
    {
        public string Name => "quantised " + inner.Name;
        public int Dimension => inner.Dimension;
        public int Classes => inner.Classes;
        public void Scores(ReadOnlySpan<double> x, int batch, Span<double> scores)
        {
            var q = new double[batch * Dimension];
            for (int i = 0; i < q.Length; i++) q[i] = Math.Round(4 * x[i]) / 4;
            inner.Scores(q, batch, scores);
        }
        public void InputGradient(ReadOnlySpan<double> x, int batch, ReadOnlySpan<double> gradScores, Span<double> gradX, Span<double> scores)
        {
            Scores(x, batch, scores);
            gradX[..(batch * Dimension)].Clear();
        }
    }

    private static (MlpClassifier Model, LabeledImages Test) Letters()
    {
        var train = Basin.Data.Letters.Create(40, 0.2, seed: 1);
        var c = new MlpClassifier([49, 5], seed: 2);
        BaselineTrainer.Train(c, train, epochs: 30, batch: 50, learningRate: 1e-2);
        return (c, Basin.Data.Letters.Create(4, 0.1, seed: 4));
    }

    private static readonly RobustnessOptions Small = new()
    {
        LInfEpsilons = [0.1, 0.3, 0.5], L2Epsilons = [0.5, 1.5, 3], Iterations = 10, SquareQueries = 200, CheckCount = 10, LipschitzCount = 2,
        MinimalLInfRounds = 3, Decision = new HopSkipJumpOptions(Iterations: 8, InitialSamples: 20, MaxSamples: 40),
    };

    [Fact]
    public void GradientMaskedToyModelIsFlagged()
    {
        var (lr, test) = Letters();
        var r = RobustnessEvaluation.Run(new QuantisedInput(lr), test, test.Count, Small);
        Assert.True(r.CleanAccuracy > 0.8, $"clean accuracy {r.CleanAccuracy}");
        Assert.True(r.MaskingSuspected);
        Assert.Contains(r.Checks, c => !c.Passed && c.IndicatesMasking && c.Name.StartsWith("gradient-free", StringComparison.Ordinal));
        Assert.True(r.BlackBoxOnlyWins["square-linf"] + r.BlackBoxOnlyWins["hopskipjump-l2"] > 0);
    }

    [Fact]
    public void HonestLogisticRegressionPassesTheMaskingChecks()
    {
        var (lr, test) = Letters();
        var r = RobustnessEvaluation.Run(lr, test, test.Count, Small);
        Assert.False(r.MaskingSuspected, string.Join("; ", r.Checks.Where(c => !c.Passed).Select(c => $"{c.Name}: {c.Detail}")));
        Assert.True(r.LInf.WorstCase.Zip(r.LInf.WorstCase.Skip(1), (a, b) => b <= a).All(z => z));
    }

    [Fact]
    public void DecisionOnlyAttackApproachesTheExactDistanceOnALinearModel()
    {
        int d = 20, k = 4, n = 12;
        var lr = new MlpClassifier([d, k], seed: 3);
        var rng = new Basin.Tensors.Rng(9);
        var x = new double[n * d]; var y = new int[n];
        for (int i = 0; i < n; i++) { for (int j = 0; j < d; j++) x[i * d + j] = 0.3 + 0.4 * rng.NextDouble(); y[i] = Attack.Predict(lr, x.AsSpan(i * d, d)); }
        var exact = DeepFool.Search(lr, x, y, box: false);
        var hsj = HopSkipJump.Search(lr, x, y, new HopSkipJumpOptions(Iterations: 30), seed: 3);
        int compared = 0;
        for (int i = 0; i < n; i++)
        {
            if (exact[i]!.Any(v => v < 0 || v > 1)) continue;   // the box-free optimum must be feasible for the comparison to be exact
            compared++;
            double de = Attack.L2(exact[i]!, x.AsSpan(i * d, d)), dh = Attack.L2(hsj[i]!, x.AsSpan(i * d, d));
            Assert.NotEqual(y[i], Attack.Predict(lr, hsj[i]!));
            Assert.True(dh >= de * 0.999 && dh <= 1.05 * de, $"image {i}: decision-only {dh}, exact {de}");
        }
        Assert.True(compared >= 6, $"only {compared} comparable points");
    }
}
