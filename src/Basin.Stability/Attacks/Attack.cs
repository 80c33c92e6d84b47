using Basin.Stability.Classifiers;
using Basin.Tensors;

namespace Basin.Stability.Attacks;

/// <summary>Loss maximised by the gradient attacks.</summary>
public enum AttackLoss
{
    /// <summary>Cross-entropy of the scores taken as logits.</summary>
    CrossEntropy,
    /// <summary>Margin max_{j≠y} s_j − s_y (the C&amp;W / AutoAttack DLR-style margin, unscaled): positive ⇔ misclassified.</summary>
    Margin,
}

/// <summary>Norm of a perturbation budget.</summary>
public enum Norm
{
    /// <summary>max |δᵢ|.</summary>
    LInf,
    /// <summary>√Σ δᵢ².</summary>
    L2,
}

/// <summary>
/// White-box gradient attacks on a batch of inputs (rows of a B×D row-major array, pixels in [0,1]): FGSM, PGD with random
/// restarts under L∞ or L2, a DeepFool-style minimal-L2 attack with a final bisection to the decision boundary, and random
/// noise as the baseline every real attack must beat. Rows that are already misclassified are retired from the batch, so a
/// strong attack costs little on broken images. Every result keeps the image in [0,1] except the minimal-norm attack with
/// <c>box: false</c>. Single-image overloads wrap the batched ones.
/// </summary>
public static class Attack
{
    /// <summary>Loss and its gradient with respect to the scores for label <paramref name="y"/>.</summary>
    public static double LossGradient(ReadOnlySpan<double> s, int y, AttackLoss loss, Span<double> g)
    {
        int k = s.Length;
        g.Clear();
        if (loss == AttackLoss.CrossEntropy)
        {
            double max = double.NegativeInfinity;
            foreach (var v in s) max = Math.Max(max, v);
            double z = 0;
            for (int j = 0; j < k; j++) z += Math.Exp(s[j] - max);
            for (int j = 0; j < k; j++) g[j] = Math.Exp(s[j] - max) / z;
            g[y] -= 1;
            return -(s[y] - max - Math.Log(z));
        }
        int best = -1;
        for (int j = 0; j < k; j++) if (j != y && (best < 0 || s[j] > s[best])) best = j;
        g[best] = 1; g[y] = -1;
        return s[best] - s[y];
    }

    /// <summary>Per-row loss, its input gradient and the predicted class at <paramref name="x"/> (B rows).</summary>
    public static void Gradients(IClassifier c, ReadOnlySpan<double> x, int batch, ReadOnlySpan<int> y, AttackLoss loss,
        Span<double> gradX, Span<double> lossOut, Span<int> pred)
    {
        int k = c.Classes;
        var s = new double[batch * k];
        var gs = new double[batch * k];
        c.Scores(x, batch, s);
        for (int b = 0; b < batch; b++)
        {
            lossOut[b] = LossGradient(s.AsSpan(b * k, k), y[b], loss, gs.AsSpan(b * k, k));
            pred[b] = ArgMax(s.AsSpan(b * k, k));
        }
        c.InputGradient(x, batch, gs, gradX, s);
    }

    /// <summary>Fast gradient sign method per row: x + ε·sign(∇L) (L∞), or x + ε·∇L/‖∇L‖ (L2), kept in [0,1].</summary>
    public static double[] Fgsm(IClassifier c, double[] x, int[] y, double[] eps, Norm norm = Norm.LInf, AttackLoss loss = AttackLoss.CrossEntropy)
    {
        int d = c.Dimension, batch = y.Length;
        var g = new double[batch * d];
        Gradients(c, x, batch, y, loss, g, new double[batch], new int[batch]);
        var adv = (double[])x.Clone();
        for (int b = 0; b < batch; b++)
        {
            Step(adv.AsSpan(b * d, d), g.AsSpan(b * d, d), eps[b], norm);
            Project(adv.AsSpan(b * d, d), x.AsSpan(b * d, d), eps[b], norm);
        }
        return adv;
    }

    /// <summary>
    /// Projected gradient ascent on the loss within each row's ε-ball (Madry et al. 2018): <paramref name="restarts"/> random
    /// starts, <paramref name="iterations"/> steps of size 2.5ε/iterations. A row stops at its first misclassified iterate
    /// (unless <paramref name="stopAtFirstSuccess"/> is false); other rows return the iterate with the highest loss over all
    /// restarts.
    /// </summary>
    public static double[] Pgd(IClassifier c, double[] x, int[] y, double[] eps, Norm norm, int iterations = 20, int restarts = 1,
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
                RandomStart(rng, row, eps[rows[a]], norm);
                Project(row, x.AsSpan(rows[a] * d, d), eps[rows[a]], norm);
            }
            for (int it = 0; it <= iterations && rows.Length > 0; it++)
            {
                var g = new double[rows.Length * d];
                var l = new double[rows.Length];
                var pred = new int[rows.Length];
                var ys = rows.Select(b => y[b]).ToArray();
                if (it < iterations) Gradients(c, adv, rows.Length, ys, loss, g, l, pred);
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
                    Step(row, g.AsSpan(a * d, d), 2.5 * eps[b] / iterations, norm);
                    Project(row, x.AsSpan(b * d, d), eps[b], norm);
                }
                rows = nextRows; adv = next;
            }
        }
        return best;
    }

    /// <summary>
    /// Minimal L2 perturbation that changes the decision, per row (DeepFool, Moosavi-Dezfooli et al. 2016): repeatedly step
    /// to the nearest linearised class boundary (all K score gradients per step), then bisect along x → x_adv to the
    /// boundary. Exact for affine classifiers. Rows without a flip after <paramref name="maxIterations"/> come back as null.
    /// </summary>
    public static double[]?[] MinimalL2(IClassifier c, double[] x, int[] y, int maxIterations = 50, bool box = true, double overshoot = 1e-4,
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
                    if (ArgMax(sa) != yb) { flipped.Add(b); continue; }
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
        var bound = Bisect(c, xs, advs, fl.Select(b => y[b]).ToArray());
        for (int a = 0; a < fl.Length; a++) result[fl[a]] = bound.AsSpan(a * d, d).ToArray();
        return result;
    }

    /// <summary>Noise at the budget's boundary per row: uniform ±ε signs (L∞) or a random direction of length ε (L2), kept in [0,1].</summary>
    public static double[] RandomNoise(double[] x, int dimension, double[] eps, Norm norm, ulong seed)
    {
        var rng = new Rng(seed);
        var adv = (double[])x.Clone();
        for (int b = 0; b < eps.Length; b++)
        {
            var row = adv.AsSpan(b * dimension, dimension);
            if (norm == Norm.LInf) for (int i = 0; i < dimension; i++) row[i] += rng.NextDouble() < 0.5 ? -eps[b] : eps[b];
            else
            {
                var u = new double[dimension];
                for (int i = 0; i < dimension; i++) u[i] = rng.NextNormal();
                double n = Math.Sqrt(u.Sum(v => v * v));
                for (int i = 0; i < dimension; i++) row[i] += eps[b] * u[i] / n;
            }
            for (int i = 0; i < dimension; i++) row[i] = Math.Clamp(row[i], 0, 1);
        }
        return adv;
    }

    /// <summary>
    /// Bisection per row on the segment x → adv (adv misclassified) to the decision boundary, all rows in lockstep; returns
    /// the points on the adversarial side (relative precision 2^−rounds of each segment).
    /// </summary>
    public static double[] Bisect(IClassifier c, double[] x, double[] adv, int[] y, int rounds = 30)
    {
        int d = c.Dimension, batch = y.Length;
        var lo = new double[batch]; var hi = Enumerable.Repeat(1.0, batch).ToArray();
        var p = new double[batch * d];
        for (int it = 0; it <= rounds; it++)
        {
            bool last = it == rounds;
            for (int b = 0; b < batch; b++)
            {
                double t = last ? hi[b] : 0.5 * (lo[b] + hi[b]);
                for (int i = 0; i < d; i++) p[b * d + i] = x[b * d + i] + t * (adv[b * d + i] - x[b * d + i]);
            }
            if (last || batch == 0) break;
            var pred = Classifier.Predict(c, p, batch);
            for (int b = 0; b < batch; b++)
            {
                double mid = 0.5 * (lo[b] + hi[b]);
                if (pred[b] != y[b]) hi[b] = mid; else lo[b] = mid;
            }
        }
        return p;
    }

    // ---- single-image conveniences ----

    /// <summary>FGSM on one input.</summary>
    public static double[] Fgsm(IClassifier c, double[] x, int y, double eps, Norm norm = Norm.LInf, AttackLoss loss = AttackLoss.CrossEntropy) =>
        Fgsm(c, x, [y], [eps], norm, loss);

    /// <summary>PGD on one input.</summary>
    public static double[] Pgd(IClassifier c, double[] x, int y, double eps, Norm norm, int iterations = 20, int restarts = 1,
        AttackLoss loss = AttackLoss.Margin, ulong seed = 1) => Pgd(c, x, [y], [eps], norm, iterations, restarts, loss, seed);

    /// <summary>Minimal L2 (DeepFool + bisection) on one input; null when no flip is found.</summary>
    public static double[]? MinimalL2(IClassifier c, double[] x, int y, int maxIterations = 50, bool box = true, double overshoot = 1e-4) =>
        MinimalL2(c, x, [y], maxIterations, box, overshoot)[0];

    /// <summary>Uniform noise in the L∞ ε-ball of one input.</summary>
    public static double[] RandomNoise(double[] x, double eps, ulong seed)
    {
        var rng = new Rng(seed);
        var adv = new double[x.Length];
        for (int i = 0; i < x.Length; i++) adv[i] = Math.Clamp(x[i] + eps * (2 * rng.NextDouble() - 1), 0, 1);
        return adv;
    }

    /// <summary>Predicted class of one input.</summary>
    public static int Predict(IClassifier c, ReadOnlySpan<double> x) => Classifier.Predict(c, x, 1)[0];

    /// <summary>‖a − b‖₂.</summary>
    public static double L2(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++) s += (a[i] - b[i]) * (a[i] - b[i]);
        return Math.Sqrt(s);
    }

    /// <summary>‖a − b‖∞.</summary>
    public static double LInf(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++) s = Math.Max(s, Math.Abs(a[i] - b[i]));
        return s;
    }

    internal static void RandomStart(Rng rng, Span<double> row, double eps, Norm norm)
    {
        if (norm == Norm.LInf) { for (int i = 0; i < row.Length; i++) row[i] += eps * (2 * rng.NextDouble() - 1); return; }
        var u = new double[row.Length];
        for (int i = 0; i < u.Length; i++) u[i] = rng.NextNormal();
        double n = Math.Sqrt(u.Sum(v => v * v)), r = eps * rng.NextDouble();
        for (int i = 0; i < row.Length; i++) row[i] += r * u[i] / n;
    }

    internal static void Step(Span<double> adv, ReadOnlySpan<double> g, double size, Norm norm)
    {
        if (norm == Norm.LInf) { for (int i = 0; i < adv.Length; i++) adv[i] += size * Math.Sign(g[i]); return; }
        double n = 0;
        foreach (var v in g) n += v * v;
        n = Math.Sqrt(n);
        if (n == 0) return;
        for (int i = 0; i < adv.Length; i++) adv[i] += size * g[i] / n;
    }

    internal static void Project(Span<double> adv, ReadOnlySpan<double> x, double eps, Norm norm)
    {
        if (norm == Norm.LInf)
        {
            for (int i = 0; i < adv.Length; i++) adv[i] = Math.Clamp(Math.Clamp(adv[i], x[i] - eps, x[i] + eps), 0, 1);
            return;
        }
        double n = 0;
        for (int i = 0; i < adv.Length; i++) n += (adv[i] - x[i]) * (adv[i] - x[i]);
        n = Math.Sqrt(n);
        if (n > eps) for (int i = 0; i < adv.Length; i++) adv[i] = x[i] + (adv[i] - x[i]) * eps / n;
        for (int i = 0; i < adv.Length; i++) adv[i] = Math.Clamp(adv[i], 0, 1);
    }

    internal static int ArgMax(ReadOnlySpan<double> s)
    {
        int b = 0;
        for (int j = 1; j < s.Length; j++) if (s[j] > s[b]) b = j;
        return b;
    }
}
