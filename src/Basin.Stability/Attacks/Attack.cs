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
/// Gradient attacks on one input at a time (rows in [0,1]): FGSM, PGD with random restarts under L∞ or L2, a DeepFool-style
/// minimal-L2 attack with a final bisection to the decision boundary, and uniform random noise as the baseline that any
/// real attack must beat. All keep the image in [0,1] except the minimal-norm attack with <c>box: false</c>.
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

    private static (double Loss, int Pred) Grad(IClassifier c, double[] x, int y, AttackLoss loss, double[] gx)
    {
        var s = new double[c.Classes]; var gs = new double[c.Classes];
        var dummy = new double[c.Classes];
        c.Scores(x, 1, s);
        double l = LossGradient(s, y, loss, gs);
        c.InputGradient(x, 1, gs, gx, dummy);
        return (l, ArgMax(s));
    }

    /// <summary>Fast gradient sign method: x + ε·sign(∇L) (L∞), or x + ε·∇L/‖∇L‖ (L2), clipped to [0,1].</summary>
    public static double[] Fgsm(IClassifier c, double[] x, int y, double eps, Norm norm = Norm.LInf, AttackLoss loss = AttackLoss.CrossEntropy)
    {
        var g = new double[x.Length];
        Grad(c, x, y, loss, g);
        var adv = (double[])x.Clone();
        Step(adv, g, eps, norm);
        Project(adv, x, eps, norm);
        return adv;
    }

    /// <summary>
    /// Projected gradient ascent on the loss within the ε-ball (Madry et al.): <paramref name="restarts"/> random starts,
    /// <paramref name="iterations"/> steps of size 2.5ε/iterations; returns the first misclassified point found, else the
    /// last iterate of the best restart.
    /// </summary>
    public static double[] Pgd(IClassifier c, double[] x, int y, double eps, Norm norm, int iterations = 20, int restarts = 1,
        AttackLoss loss = AttackLoss.Margin, ulong seed = 1)
    {
        var rng = new Rng(seed);
        double alpha = 2.5 * eps / iterations, bestLoss = double.NegativeInfinity;
        double[] best = (double[])x.Clone();
        var g = new double[x.Length];
        for (int r = 0; r < restarts; r++)
        {
            var adv = (double[])x.Clone();
            for (int i = 0; i < adv.Length; i++) adv[i] += eps * (2 * rng.NextDouble() - 1) / (norm == Norm.L2 ? Math.Sqrt(adv.Length) : 1);
            Project(adv, x, eps, norm);
            for (int it = 0; it < iterations; it++)
            {
                var (l, pred) = Grad(c, adv, y, loss, g);
                if (pred != y) return adv;
                if (l > bestLoss) { bestLoss = l; best = (double[])adv.Clone(); }
                Step(adv, g, alpha, norm);
                Project(adv, x, eps, norm);
            }
            if (Predict(c, adv) != y) return adv;
        }
        return best;
    }

    /// <summary>
    /// Minimal L2 perturbation that changes the decision (DeepFool, Moosavi-Dezfooli et al. 2016): repeatedly step to the
    /// nearest linearised class boundary, then bisect along x → x_adv to the boundary. Exact for affine classifiers.
    /// Returns null when no flip is found within <paramref name="maxIterations"/>.
    /// </summary>
    public static double[]? MinimalL2(IClassifier c, double[] x, int y, int maxIterations = 50, bool box = true, double overshoot = 1e-4)
    {
        int k = c.Classes, d = x.Length;
        var adv = (double[])x.Clone();
        var s = new double[k]; var gs = new double[k]; var dummy = new double[k];
        var gy = new double[d]; var gj = new double[d];
        for (int it = 0; it < maxIterations; it++)
        {
            c.Scores(adv, 1, s);
            if (ArgMax(s) != y) return Bisect(c, x, adv, y);
            Array.Clear(gs); gs[y] = 1;
            c.InputGradient(adv, 1, gs, gy, dummy);
            double bestDist = double.PositiveInfinity; double[]? bestDir = null; double bestF = 0;
            for (int j = 0; j < k; j++)
            {
                if (j == y) continue;
                Array.Clear(gs); gs[j] = 1;
                c.InputGradient(adv, 1, gs, gj, dummy);
                var w = new double[d];
                double wn = 0;
                for (int i = 0; i < d; i++) { w[i] = gj[i] - gy[i]; wn += w[i] * w[i]; }
                double f = s[j] - s[y];
                double dist = Math.Abs(f) / Math.Sqrt(wn + 1e-300);
                if (dist < bestDist) { bestDist = dist; bestDir = w; bestF = f; }
            }
            if (bestDir is null) return null;
            double wn2 = bestDir.Sum(v => v * v) + 1e-300;
            for (int i = 0; i < d; i++) adv[i] += (1 + overshoot) * (Math.Abs(bestF) + 1e-12) / wn2 * bestDir[i];
            if (box) for (int i = 0; i < d; i++) adv[i] = Math.Clamp(adv[i], 0, 1);
        }
        c.Scores(adv, 1, s);
        return ArgMax(s) != y ? Bisect(c, x, adv, y) : null;
    }

    /// <summary>Uniform noise in the ε-ball (L∞) — the baseline every attack must beat.</summary>
    public static double[] RandomNoise(double[] x, double eps, ulong seed)
    {
        var rng = new Rng(seed);
        var adv = new double[x.Length];
        for (int i = 0; i < x.Length; i++) adv[i] = Math.Clamp(x[i] + eps * (2 * rng.NextDouble() - 1), 0, 1);
        return adv;
    }

    /// <summary>Predicted class of one input.</summary>
    public static int Predict(IClassifier c, double[] x) => Classifier.Predict(c, x, 1)[0];

    private static double[] Bisect(IClassifier c, double[] x, double[] adv, int y)
    {
        double lo = 0, hi = 1;
        var p = new double[x.Length];
        for (int it = 0; it < 40; it++)
        {
            double mid = 0.5 * (lo + hi);
            for (int i = 0; i < x.Length; i++) p[i] = x[i] + mid * (adv[i] - x[i]);
            if (Predict(c, p) != y) hi = mid; else lo = mid;
        }
        for (int i = 0; i < x.Length; i++) p[i] = x[i] + hi * (adv[i] - x[i]);
        return p;
    }

    private static void Step(double[] adv, double[] g, double size, Norm norm)
    {
        if (norm == Norm.LInf) { for (int i = 0; i < adv.Length; i++) adv[i] += size * Math.Sign(g[i]); return; }
        double n = Math.Sqrt(g.Sum(v => v * v));
        if (n == 0) return;
        for (int i = 0; i < adv.Length; i++) adv[i] += size * g[i] / n;
    }

    private static void Project(double[] adv, double[] x, double eps, Norm norm)
    {
        if (norm == Norm.LInf)
            for (int i = 0; i < adv.Length; i++) adv[i] = Math.Clamp(Math.Clamp(adv[i], x[i] - eps, x[i] + eps), 0, 1);
        else
        {
            double n = 0;
            for (int i = 0; i < adv.Length; i++) n += (adv[i] - x[i]) * (adv[i] - x[i]);
            n = Math.Sqrt(n);
            if (n > eps) for (int i = 0; i < adv.Length; i++) adv[i] = x[i] + (adv[i] - x[i]) * eps / n;
            for (int i = 0; i < adv.Length; i++) adv[i] = Math.Clamp(adv[i], 0, 1);
        }
    }

    private static int ArgMax(ReadOnlySpan<double> s)
    {
        int b = 0;
        for (int j = 1; j < s.Length; j++) if (s[j] > s[b]) b = j;
        return b;
    }
}
