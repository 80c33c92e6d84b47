using Basin.Obfuscation;

namespace Basin.Obfuscation.Tests;

public class EvaluationTests
{
    [Fact]
    public void Evaluation_OnSyntheticData_HasEveryTransform_AndRotationFallsToLeastSquaresAtKEqualsD()
    {
        const int d = 8, n = 60, m = 30;
        var r = new Random(2);
        double[] X(int rows) { var x = new double[rows * d]; for (int i = 0; i < x.Length; i++) x[i] = r.NextDouble(); return x; }
        int[] Y(int rows) => Enumerable.Range(0, rows).Select(i => i % 2).ToArray();
        var res = Evaluation.Run(X(n), Y(n), X(m), Y(m), d, new EvaluationOptions(n, m, [0.0, 10.0]));
        Assert.Equal(5, res.Count);
        var rot = res.Single(t => t.Name == "haar_rotation");
        Assert.Equal(rot.PlainUtility["knn"], rot.Utility["knn"]);
        Assert.True(rot.DistanceRankCorrelation > 0.999999);
        Assert.True(rot.Attack.Single(a => a.KnownPairs == 2 * d).MedianRelativeError < 1e-6);
        Assert.Equal(1.0, rot.Attack.Single(a => a.KnownPairs == 0).MedianRelativeError, 6);
    }
}
