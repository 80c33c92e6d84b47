using Basin.Stability.Classifiers;
using Basin.Tensors;

namespace Basin.Stability.Attacks;

/// <summary>
/// The primitives the attacks share: the attack losses and their score gradients, batched input gradients, steps and
/// projections onto an ε-ball of L∞ or L2 intersected with the box [0,1]ᴰ, bisection to the decision boundary, distances
/// and success. The attacks themselves are one class each (<see cref="AttackCatalogue"/>).
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
        if (loss == AttackLoss.Dlr) return Dlr(s, y, best, targeted: false, g);
        g[best] = 1; g[y] = -1;
        return s[best] - s[y];
    }

    /// <summary>
    /// The DLR loss and its score gradient (accumulated into the cleared <paramref name="g"/>; Croce &amp; Hein 2020, §3 and the
    /// targeted variant of AutoAttack). Untargeted (<paramref name="other"/> = argmax_{i≠y} s_i): −(s_y − s_other)/(s_π1 − s_π3 + 10⁻¹²);
    /// targeted at class t = <paramref name="other"/>: −(s_y − s_t)/(s_π1 − (s_π3 + s_π4)/2 + 10⁻¹²), π the classes sorted by
    /// decreasing score (π3, π4 clamped to the last class when K &lt; 4).
    /// </summary>
    public static double Dlr(ReadOnlySpan<double> s, int y, int other, bool targeted, Span<double> g)
    {
        int k = s.Length;
        int p1 = -1, p2 = -1, p3 = -1, p4 = -1;
        for (int j = 0; j < k; j++)
        {
            if (p1 < 0 || s[j] > s[p1]) { p4 = p3; p3 = p2; p2 = p1; p1 = j; }
            else if (p2 < 0 || s[j] > s[p2]) { p4 = p3; p3 = p2; p2 = j; }
            else if (p3 < 0 || s[j] > s[p3]) { p4 = p3; p3 = j; }
            else if (p4 < 0 || s[j] > s[p4]) p4 = j;
        }
        if (p2 < 0) p2 = p1;
        if (p3 < 0) p3 = p2;
        if (p4 < 0) p4 = p3;
        double num = s[y] - s[other];
        double den = targeted ? s[p1] - 0.5 * (s[p3] + s[p4]) + 1e-12 : s[p1] - s[p3] + 1e-12;
        g[y] -= 1 / den; g[other] += 1 / den;
        double c = num / (den * den);
        g[p1] += c;
        if (targeted) { g[p3] -= 0.5 * c; g[p4] -= 0.5 * c; } else g[p3] -= c;
        return -num / den;
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

    /// <summary>Per row: whether <paramref name="adv"/> exists and is classified other than <paramref name="y"/> (one batched query).</summary>
    public static bool[] Succeeded(IClassifier c, double[]?[] adv, int[] y)
    {
        int d = c.Dimension;
        var rows = Enumerable.Range(0, y.Length).Where(b => adv[b] != null).ToArray();
        var flat = new double[rows.Length * d];
        for (int a = 0; a < rows.Length; a++) adv[rows[a]]!.CopyTo(flat, a * d);
        var pred = rows.Length == 0 ? [] : Classifier.Predict(c, flat, rows.Length);
        var s = new bool[y.Length];
        for (int a = 0; a < rows.Length; a++) s[rows[a]] = pred[a] != y[rows[a]];
        return s;
    }

    /// <summary>Splits B×D rows into B arrays (the shape <see cref="IAttack.Run"/> returns).</summary>
    public static double[]?[] Rows(double[] flat, int dimension)
    {
        var r = new double[]?[flat.Length / dimension];
        for (int b = 0; b < r.Length; b++) r[b] = flat.AsSpan(b * dimension, dimension).ToArray();
        return r;
    }

    /// <summary>‖adv − x‖ in <paramref name="norm"/>.</summary>
    public static double Distance(ReadOnlySpan<double> adv, ReadOnlySpan<double> x, Norm norm) => norm == Norm.L2 ? L2(adv, x) : LInf(adv, x);

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
