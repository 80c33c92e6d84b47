using Basin.Stability.Classifiers;
using Basin.Tensors;

namespace Basin.Stability.Attacks;

/// <summary>
/// Projected gradient descent on the loss within the ε-ball (Madry et al. 2018), with random restarts, under L∞ or L2 and
/// with the margin or the cross-entropy loss. Step size 2.5ε/iterations; a row stops at its first misclassified iterate.
/// </summary>
/// <param name="loss">Margin (the default of the evaluation) or cross-entropy.</param>
/// <param name="norm">The budget's norm.</param>
public sealed class Pgd(AttackLoss loss, Norm norm) : IAttack
{
    /// <inheritdoc />
    public string Name => $"pgd-{LossName(loss)}-{(norm == Norm.LInf ? "linf" : "l2")}";
    /// <inheritdoc />
    public Norm Norm => norm;
    /// <inheritdoc />
    public AttackKind Kind => AttackKind.Gradient;
    /// <inheritdoc />
    public bool MinimalNorm => false;
    /// <inheritdoc />
    public string Description => $"PGD, {(loss == AttackLoss.CrossEntropy ? "cross-entropy" : LossName(loss))} loss, {(norm == Norm.LInf ? "L∞" : "L2")} ball, random restarts (Madry et al. 2018)";

    internal static string LossName(AttackLoss loss) => loss switch { AttackLoss.Margin => "margin", AttackLoss.Dlr => "dlr", _ => "ce" };

    /// <inheritdoc />
    public double[]?[] Run(IClassifier classifier, double[] x, int[] y, double[] eps, AttackSettings settings) =>
        Attack.Rows(Perturb(classifier, x, y, eps, norm, settings.Iterations, settings.Restarts, loss, settings.Seed), classifier.Dimension);

    /// <summary>
    /// Projected gradient ascent on the loss within each row's ε-ball (Madry et al. 2018): <paramref name="restarts"/> random
    /// starts, <paramref name="iterations"/> steps of size 2.5ε/iterations. A row stops at its first misclassified iterate
    /// (unless <paramref name="stopAtFirstSuccess"/> is false); other rows return the iterate with the highest loss over all
    /// restarts.
    /// </summary>
    public static double[] Perturb(IClassifier c, double[] x, int[] y, double[] eps, Norm norm, int iterations = 20, int restarts = 1,
        AttackLoss loss = AttackLoss.Margin, ulong seed = 1, bool stopAtFirstSuccess = true)
    {
        int d = c.Dimension, batch = y.Length;
        var rng = new Rng(seed);
        var best = (double[])x.Clone();
        var bestLoss = Enumerable.Repeat(double.NegativeInfinity, batch).ToArray();
        var done = new bool[batch];
        for (int r = 0; r < restarts; r++)
        {
            var rows = Enumerable.Range(0, batch).Where(b => !done[b]).ToArray();
            if (rows.Length == 0) break;
            var adv = new double[rows.Length * d];
            for (int a = 0; a < rows.Length; a++)
            {
                var row = adv.AsSpan(a * d, d);
                x.AsSpan(rows[a] * d, d).CopyTo(row);
                Attack.RandomStart(rng, row, eps[rows[a]], norm);
                Attack.Project(row, x.AsSpan(rows[a] * d, d), eps[rows[a]], norm);
            }
            for (int it = 0; it <= iterations && rows.Length > 0; it++)
            {
                var g = new double[rows.Length * d];
                var l = new double[rows.Length];
                var pred = new int[rows.Length];
                var ys = rows.Select(b => y[b]).ToArray();
                if (it < iterations) Attack.Gradients(c, adv, rows.Length, ys, loss, g, l, pred);
                else { var p = Classifier.Predict(c, adv, rows.Length); p.CopyTo(pred, 0); Array.Fill(l, double.NegativeInfinity); }
                var keep = new List<int>();
                for (int a = 0; a < rows.Length; a++)
                {
                    int b = rows[a];
                    var row = adv.AsSpan(a * d, d);
                    if (pred[a] != y[b] && stopAtFirstSuccess) { row.CopyTo(best.AsSpan(b * d, d)); done[b] = true; continue; }
                    if (l[a] > bestLoss[b]) { bestLoss[b] = l[a]; row.CopyTo(best.AsSpan(b * d, d)); }
                    keep.Add(a);
                }
                if (it == iterations || keep.Count == 0) break;
                var nextRows = new int[keep.Count];
                var next = new double[keep.Count * d];
                for (int q = 0; q < keep.Count; q++)
                {
                    int a = keep[q], b = rows[a];
                    nextRows[q] = b;
                    var row = next.AsSpan(q * d, d);
                    adv.AsSpan(a * d, d).CopyTo(row);
                    Attack.Step(row, g.AsSpan(a * d, d), 2.5 * eps[b] / iterations, norm);
                    Attack.Project(row, x.AsSpan(b * d, d), eps[b], norm);
                }
                rows = nextRows; adv = next;
            }
        }
        return best;
    }

    /// <summary>PGD on one input.</summary>
    public static double[] Perturb(IClassifier c, double[] x, int y, double eps, Norm norm, int iterations = 20, int restarts = 1,
        AttackLoss loss = AttackLoss.Margin, ulong seed = 1) => Perturb(c, x, [y], [eps], norm, iterations, restarts, loss, seed);
}
