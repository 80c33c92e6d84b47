namespace Basin.Obfuscation.Evaluation;

/// <summary>
/// A small two-class dataset for smoke tests, examples and quick runs of the evaluation: 16-dimensional points (4×4
/// "images" in [0, 1]) whose first eight coordinates are bright (0.7) for class 0 and dark (0.2) for class 1, the rest the
/// other way round, plus uniform noise of width 0.3, clamped to [0, 1]; labels alternate 0, 1, 0, …
/// </summary>
public static class SyntheticSplit
{
    /// <summary>Dimension of the points.</summary>
    public const int Dimension = 16;

    /// <summary>A train/test split and an unlabelled public sample, drawn in that order from <paramref name="seed"/>.</summary>
    public static (Split Split, double[] Public) TwoClass(int train, int test, int publicCount, int seed = 1)
    {
        var r = new Random(seed);
        double[] X(int n, int[] y)
        {
            var x = new double[n * Dimension];
            for (int i = 0; i < n; i++)
            {
                y[i] = i % 2;
                for (int j = 0; j < Dimension; j++) x[i * Dimension + j] = Math.Clamp((j < 8 == (y[i] == 0) ? 0.7 : 0.2) + 0.3 * (r.NextDouble() - 0.5), 0, 1);
            }
            return x;
        }
        var ytr = new int[train]; var yte = new int[test]; var ypub = new int[publicCount];
        var xtr = X(train, ytr); var xte = X(test, yte);
        return (new Split(xtr, ytr, xte, yte, Dimension), X(publicCount, ypub));
    }
}
