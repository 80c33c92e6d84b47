using Basin.Stability.Classifiers;

namespace Basin.Stability.Attacks;

/// <summary>
/// DeepFool (Moosavi-Dezfooli, Fawzi &amp; Frossard 2016), a white-box minimal-L2 attack: repeatedly step to the nearest
/// linearised class boundary using all K score gradients, then bisect along x → x_adv to the boundary. Exact for affine
/// classifiers (without the box).
/// </summary>
public sealed class DeepFool : IAttack
{
    /// <inheritdoc />
    public string Name => "deepfool-l2";
    /// <inheritdoc />
    public Norm Norm => Norm.L2;
    /// <inheritdoc />
    public AttackKind Kind => AttackKind.Gradient;
    /// <inheritdoc />
    public bool MinimalNorm => true;
    /// <inheritdoc />
    public string Description => "DeepFool: minimal L2 flip by linearised boundary steps, then bisection (Moosavi-Dezfooli et al. 2016)";

    /// <inheritdoc />
    public double[]?[] Run(IClassifier classifier, double[] x, int[] y, double[] eps, AttackSettings settings) => Search(classifier, x, y);

    /// <summary>
    /// Minimal L2 perturbation that changes the decision, per row (DeepFool, Moosavi-Dezfooli et al. 2016): repeatedly step
    /// to the nearest linearised class boundary (all K score gradients per step), then bisect along x → x_adv to the
    /// boundary. Exact for affine classifiers. Rows without a flip after <paramref name="maxIterations"/> come back as null.
    /// </summary>
    public static double[]?[] Search(IClassifier c, double[] x, int[] y, int maxIterations = 50, bool box = true, double overshoot = 1e-4,
        int maxGradientRows = 200)
    {
        int k = c.Classes, d = c.Dimension, batch = y.Length;
        var adv = (double[])x.Clone();
        var result = new double[]?[batch];
        var active = Enumerable.Range(0, batch).ToList();
        int rowsPerChunk = Math.Max(1, maxGradientRows / k);
        var flipped = new List<int>();
        for (int it = 0; it <= maxIterations && active.Count > 0; it++)
        {
            var still = new List<int>();
            for (int start = 0; start < active.Count; start += rowsPerChunk)
            {
                var chunk = active.Skip(start).Take(rowsPerChunk).ToArray();
                int m = chunk.Length;
                var rep = new double[m * k * d];
                var gs = new double[m * k * k];
                for (int a = 0; a < m; a++)
                    for (int j = 0; j < k; j++)
                    {
                        adv.AsSpan(chunk[a] * d, d).CopyTo(rep.AsSpan((a * k + j) * d, d));
                        gs[(a * k + j) * k + j] = 1;
                    }
                var jac = new double[m * k * d];
                var s = new double[m * k * k];
                c.InputGradient(rep, m * k, gs, jac, s);
                for (int a = 0; a < m; a++)
                {
                    int b = chunk[a], yb = y[b];
                    var sa = s.AsSpan(a * k * k, k);
                    if (Attack.ArgMax(sa) != yb) { flipped.Add(b); continue; }
                    if (it == maxIterations) continue;
                    var gy = jac.AsSpan((a * k + yb) * d, d);
                    double bestDist = double.PositiveInfinity, bestF = 0; int bestJ = -1;
                    for (int j = 0; j < k; j++)
                    {
                        if (j == yb) continue;
                        var gj = jac.AsSpan((a * k + j) * d, d);
                        double wn = 0;
                        for (int i = 0; i < d; i++) { double w = gj[i] - gy[i]; wn += w * w; }
                        double f = sa[j] - sa[yb];
                        double dist = Math.Abs(f) / Math.Sqrt(wn + 1e-300);
                        if (dist < bestDist) { bestDist = dist; bestF = f; bestJ = j; }
                    }
                    if (bestJ < 0 || !double.IsFinite(bestDist)) continue;
                    var gb = jac.AsSpan((a * k + bestJ) * d, d);
                    double wn2 = 1e-300;
                    for (int i = 0; i < d; i++) { double w = gb[i] - gy[i]; wn2 += w * w; }
                    double scale = (1 + overshoot) * (Math.Abs(bestF) + 1e-12) / wn2;
                    var row = adv.AsSpan(b * d, d);
                    for (int i = 0; i < d; i++)
                    {
                        row[i] += scale * (gb[i] - gy[i]);
                        if (box) row[i] = Math.Clamp(row[i], 0, 1);
                    }
                    still.Add(b);
                }
            }
            active = still;
        }
        var fl = flipped.ToArray();
        var xs = new double[fl.Length * d]; var advs = new double[fl.Length * d];
        for (int a = 0; a < fl.Length; a++) { x.AsSpan(fl[a] * d, d).CopyTo(xs.AsSpan(a * d)); adv.AsSpan(fl[a] * d, d).CopyTo(advs.AsSpan(a * d)); }
        var bound = Attack.Bisect(c, xs, advs, fl.Select(b => y[b]).ToArray());
        for (int a = 0; a < fl.Length; a++) result[fl[a]] = bound.AsSpan(a * d, d).ToArray();
        return result;
    }

    /// <summary>Minimal L2 (DeepFool + bisection) on one input; null when no flip is found.</summary>
    public static double[]? Search(IClassifier c, double[] x, int y, int maxIterations = 50, bool box = true, double overshoot = 1e-4) =>
        Search(c, x, [y], maxIterations, box, overshoot)[0];
}
