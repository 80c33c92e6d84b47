using Basin.Data;
using Basin.Stability.Attacks;
using Basin.Stability.Classifiers;

namespace Basin.Stability.Tests.Attacks;

/// <summary>
/// The known answer of a linear classifier (the attacks' known-answer tests): logistic regression trained on the letters,
/// test images mapped into [0.25, 0.75] so that the box rarely binds. Region of class y is ∩_{j≠y} {s_y − s_j ≥ 0}, so
/// without the box the minimal Lp flip is dist = min_{j≠y} (s_y − s_j)/‖w_y − w_j‖_q with q the dual norm (q = 2 for L2,
/// q = 1 for L∞), reached at x − dist·u, u = (w_y − w_j*)/‖·‖₂ (L2) or sign(w_y − w_j*) (L∞). With the box, dist stays a
/// lower bound; it is the exact minimum whenever that nearest point lies in [0,1]ᴰ (<see cref="BoxFree"/>).
/// </summary>
public sealed class LinearClosedForm
{
    public MlpClassifier Model { get; }
    public double[] X { get; }
    public int[] Y { get; }
    public int Count => Y.Length;

    private LinearClosedForm(MlpClassifier c, double[] x, int[] y) { Model = c; X = x; Y = y; }

    /// <summary>The 5-class letters logistic regression and <paramref name="perClass"/> test images per class in [0.25, 0.75].</summary>
    public static LinearClosedForm Create(int perClass = 8)
    {
        var c = new MlpClassifier([49, 5], seed: 2);
        BaselineTrainer.Train(c, Letters.Create(40, 0.2, seed: 1), epochs: 20, batch: 50, learningRate: 1e-2);
        var t = ImageBatch.From(Letters.Create(perClass, 0.15, seed: 4), 0, 5 * perClass);
        return new LinearClosedForm(c, t.Pixels.Select(v => 0.25 + 0.5 * Math.Clamp(v, 0, 1)).ToArray(), t.Labels);
    }

    /// <summary>Row <paramref name="b"/> of the images.</summary>
    public ReadOnlySpan<double> Row(int b) => X.AsSpan(b * Model.Dimension, Model.Dimension);

    /// <summary>Per image: the closed-form minimal distance (≤ 0 when misclassified) and whether the box leaves it exact.</summary>
    public (double[] Distance, bool[] BoxFree) Distances(Norm norm)
    {
        var c = Model;
        int d = c.Dimension, k = c.Classes, n = Count;
        var s = new double[n * k];
        c.Scores(X, n, s);
        var dist = new double[n];
        var free = new bool[n];
        for (int b = 0; b < n; b++)
        {
            dist[b] = double.PositiveInfinity;
            double[] step = [];
            for (int j = 0; j < k; j++)
            {
                if (j == Y[b]) continue;
                var gs = new double[k]; gs[Y[b]] = 1; gs[j] = -1;
                var w = new double[d];
                c.InputGradient(Row(b), 1, gs, w, new double[k]);
                double dual = norm == Norm.L2 ? Math.Sqrt(w.Sum(v => v * v)) : w.Sum(Math.Abs);
                double dj = (s[b * k + Y[b]] - s[b * k + j]) / dual;
                if (dj < dist[b])
                {
                    dist[b] = dj;
                    double l2 = Math.Sqrt(w.Sum(v => v * v));
                    step = w.Select(v => norm == Norm.L2 ? v / l2 : Math.Sign(v)).ToArray();
                }
            }
            var row = Row(b).ToArray();
            free[b] = dist[b] > 0 && Enumerable.Range(0, d).All(i => row[i] - 1.001 * dist[b] * step[i] is >= 0 and <= 1);
        }
        return (dist, free);
    }

    /// <summary>The robust images under attack points <paramref name="adv"/>, after checking every point is inside its budget and the box.</summary>
    public bool[] Robust(double[]?[] adv, double[] eps, Norm norm)
    {
        for (int b = 0; b < Count; b++)
            if (adv[b] is { } p)
            {
                Assert.True(Attack.Distance(p, Row(b), norm) <= eps[b] * (1 + 1e-9) + 1e-12, $"image {b}: outside its budget {eps[b]}");
                Assert.All(p, v => Assert.InRange(v, 0, 1));
            }
        return Attack.Succeeded(Model, adv, Y).Select(f => !f).ToArray();
    }
}
