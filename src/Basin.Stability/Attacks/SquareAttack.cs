using Basin.Stability.Classifiers;
using Basin.Tensors;

namespace Basin.Stability.Attacks;

/// <summary>
/// Square attack (Andriushchenko et al. 2020), L∞, score-based and gradient-free: starts from vertical stripes of ±ε and
/// repeatedly proposes a random square window set to a random ±ε, keeping it when the margin loss decreases. It uses only
/// the scores, so if it beats the gradient attacks on an image the gradients are not informative there (gradient masking).
/// Inputs are treated as square images (side = √D); for other D it uses a 1-D window.
/// </summary>
public static class SquareAttack
{
    /// <summary>Runs up to <paramref name="queries"/> score queries; returns the best perturbed input found.</summary>
    public static double[] Run(IClassifier c, double[] x, int y, double eps, int queries = 500, ulong seed = 1)
    {
        int d = x.Length, side = (int)Math.Round(Math.Sqrt(d));
        bool square = side * side == d;
        var rng = new Rng(seed);
        var adv = new double[d];
        for (int col = 0; col < (square ? side : d); col++)
        {
            double s = rng.NextDouble() < 0.5 ? -eps : eps;
            if (square) for (int r = 0; r < side; r++) adv[r * side + col] = Math.Clamp(x[r * side + col] + s, 0, 1);
            else adv[col] = Math.Clamp(x[col] + s, 0, 1);
        }
        double best = Margin(c, adv, y);
        var cand = new double[d];
        for (int q = 0; q < queries && best >= 0; q++)
        {
            double p = 0.1 * Math.Pow(0.5, Math.Floor(Math.Log2(1 + 10.0 * q / queries) * 2)) ;
            Array.Copy(adv, cand, d);
            if (square)
            {
                int h = Math.Max(1, (int)Math.Round(Math.Sqrt(p * d)));
                h = Math.Min(h, side);
                int r0 = rng.NextInt(side - h + 1), c0 = rng.NextInt(side - h + 1);
                double s = rng.NextDouble() < 0.5 ? -eps : eps;
                for (int r = r0; r < r0 + h; r++) for (int cc = c0; cc < c0 + h; cc++) cand[r * side + cc] = Math.Clamp(x[r * side + cc] + s, 0, 1);
            }
            else
            {
                int h = Math.Max(1, (int)Math.Round(p * d)), start = rng.NextInt(d - h + 1);
                double s = rng.NextDouble() < 0.5 ? -eps : eps;
                for (int i = start; i < start + h; i++) cand[i] = Math.Clamp(x[i] + s, 0, 1);
            }
            double m = Margin(c, cand, y);
            if (m < best) { best = m; Array.Copy(cand, adv, d); }
        }
        return adv;
    }

    /// <summary>s_y − max_{j≠y} s_j: negative once misclassified.</summary>
    private static double Margin(IClassifier c, double[] x, int y)
    {
        var s = new double[c.Classes];
        c.Scores(x, 1, s);
        double other = double.NegativeInfinity;
        for (int j = 0; j < s.Length; j++) if (j != y) other = Math.Max(other, s[j]);
        return s[y] - other;
    }
}
