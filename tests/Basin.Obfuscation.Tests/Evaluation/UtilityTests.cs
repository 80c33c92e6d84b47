using Basin.Obfuscation.Evaluation;

namespace Basin.Obfuscation.Tests.Evaluation;

public class UtilityTests
{
    private static Split Clusters(int n, int m, int d, double spread, int seed)
    {
        var r = new Random(seed);
        double[] X(int count, int[] y)
        {
            var x = new double[count * d];
            for (int i = 0; i < count; i++)
            {
                y[i] = i % 3;
                for (int j = 0; j < d; j++) x[i * d + j] = (j % 3 == y[i] ? 1 : 0) + spread * (r.NextDouble() - 0.5);
            }
            return x;
        }
        var ytr = new int[n]; var yte = new int[m];
        return new Split(X(n, ytr), ytr, X(m, yte), yte, d);
    }

    [Fact]
    public void Knn_IsPerfectOnSeparatedClusters_AndChanceOnShuffledLabels()
    {
        var s = Clusters(90, 30, 6, 0.2, 1);
        Assert.Equal(1.0, Utility.Knn(s, 3));
        var r = new Random(9);
        var shuffled = s with { TrainY = s.TrainY.Select(_ => r.Next(3)).ToArray() };
        Assert.True(Utility.Knn(shuffled, 1) < 0.7);
    }

    [Fact]
    public void Knn_MatchesBruteForce()
    {
        var s = Clusters(60, 40, 5, 2.0, 2);
        int correct = 0;
        for (int i = 0; i < s.TestCount; i++)
        {
            var best = Enumerable.Range(0, s.TrainCount).OrderBy(j => Enumerable.Range(0, s.D).Sum(t => Math.Pow(s.TestX[i * s.D + t] - s.TrainX[j * s.D + t], 2))).First();
            if (s.TrainY[best] == s.TestY[i]) correct++;
        }
        Assert.Equal((double)correct / s.TestCount, Utility.Knn(s, 1), 12);
    }

    [Fact]
    public void DistanceRankCorrelation_IsOneForAScaledCopy_AndLowForNoise()
    {
        var s = Clusters(10, 30, 4, 1, 3);
        var scaled = s.TestX.Select(v => 3 * v + 1).ToArray();
        Assert.Equal(1.0, Utility.DistanceRankCorrelation(s.TestX, 4, scaled, 4, 30), 12);
        var r = new Random(4);
        var noise = s.TestX.Select(_ => r.NextDouble()).ToArray();
        Assert.True(Math.Abs(Utility.DistanceRankCorrelation(s.TestX, 4, noise, 4, 30)) < 0.3);
    }

    [Fact]
    public void MinMaxImages_ScaleTrainToUnitRange_AndClipTest()
    {
        var s = new Split([0, 10, 2, 20], [0, 1], [4, 30], [1], 2);
        var (tr, te) = Utility.MinMaxImages(s);
        Assert.Equal([0f, 0f, 1f, 1f], tr.Pixels);
        Assert.Equal([1f, 1f], te.Pixels);
        tr.Validate(); te.Validate();
    }

    [Fact]
    public void Measure_TrainsEveryModel_AndTheyLearnSeparableClusters()
    {
        var s = Clusters(300, 60, 9, 0.3, 5);
        var u = Utility.Measure(s, new UtilityOptions(LogRegEpochs: 200, MlpEpochs: 100, MlpHidden: 16, SaNodeEpochs: 0));
        Assert.Equal(["knn", "logreg", "mlp"], u.Keys.ToArray());
        Assert.All(u.Values, a => Assert.True(a > 0.9, $"{a}"));
    }

    /// <summary>An SA-nODE training that fails numerically (as Φ turning singular did at geometry w = 1000 in a full evaluation) leaves the SA-nODE cells empty and keeps the other models' numbers.</summary>
    [Fact]
    public void Measure_KeepsTheOtherModelsWhenSaNodeTrainingFails()
    {
        var s = Clusters(60, 30, 12, 0.2, 5);
        var log = new List<string>();
        var r = Utility.Measure(s, new UtilityOptions(LogRegEpochs: 2, MlpEpochs: 2, MlpHidden: 8, SaNodeEpochs: 1), log.Add,
            saNode: (_, _, _, _, _) => throw new ArithmeticException("SA-nODE: Φ = [Φ_train | Φ_fix] is singular"));
        Assert.Contains("knn", r.Keys);
        Assert.Contains("logreg", r.Keys);
        Assert.Contains("mlp", r.Keys);
        Assert.DoesNotContain("sanode", r.Keys);
        Assert.Contains(log, l => l.Contains("sanode failed") && l.Contains("singular"));
        // Without a failure the keys are there.
        var ok = Utility.Measure(s, new UtilityOptions(LogRegEpochs: 0, MlpEpochs: 0, SaNodeEpochs: 1), saNode: (_, _, _, _, _) => (0.5, 0.6));
        Assert.Equal((0.5, 0.6), (ok["sanode"], ok["sanode_nearest"]));
    }
}
