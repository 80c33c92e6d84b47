using Basin.Stability.Classifiers;
using Basin.Tensors;

namespace Basin.Stability.Attacks;

/// <summary>
/// Square attack (Andriushchenko, Croce, Flammarion &amp; Hein, "Square Attack: a query-efficient black-box adversarial attack
/// via random search", ECCV 2020), score-based and gradient-free, minimising the margin s_y − max_{j≠y} s_j by random search
/// with AutoAttack's schedule: the window side is s = round(√(p·D)) with p = p_init·2^−m, p_init = 0.8 and m stepping up at
/// 10, 50, 200, 500, 1000, 2000, 4000, 6000 and 8000 ten-thousandths of the query budget (<see cref="Fraction"/>).
/// <list type="bullet">
/// <item>L∞ (Algorithm 2): start from vertical stripes x ± ε; each step sets one random s×s window to x + ε·σ, σ = ±1,
/// (clipped to [0,1]); a proposal that changes nothing is redrawn.</item>
/// <item>L2 (Algorithm 3): start from a grid of ±"meta pseudo-Gaussian" squares (two opposite-sign halves of the profile
/// Σ_c 1/(c+1)² over nested rectangles) rescaled to ‖δ‖₂ = ε; each step picks two random windows W₁, W₂ of odd side s ≥ 3,
/// moves the mass of W₂ into W₁ as a new ±meta square plus W₁'s normalised old content, rescaled so that
/// ‖δ_{W₁}‖² = ‖δ_{W₁∪W₂}‖² + max(ε² − ‖δ‖², 0), zeroes W₂, and projects back to ‖δ‖₂ = ε ∩ [0,1]ᴰ.</item>
/// </list>
/// A proposal is kept when the margin decreases. All rows advance in lockstep (one batched score query per step, each row
/// with its own windows); a row stops once misclassified. Inputs are treated as square single-channel images (side = √D),
/// else as 1×D strips with 1×s² windows.
/// </summary>
/// <param name="norm">The budget's norm.</param>
public sealed class SquareAttack(Norm norm) : IAttack
{
    /// <summary>Initial window fraction p_init (AutoAttack: 0.8).</summary>
    public const double PInit = 0.8;

    /// <inheritdoc />
    public string Name => $"square-{(norm == Norm.LInf ? "linf" : "l2")}";
    /// <inheritdoc />
    public Norm Norm => norm;
    /// <inheritdoc />
    public AttackKind Kind => AttackKind.ScoreOnly;
    /// <inheritdoc />
    public bool MinimalNorm => false;
    /// <inheritdoc />
    public string Description => norm == Norm.LInf
        ? "Square L∞: random ±ε square windows kept when the margin drops, p_init 0.8, scores only (Andriushchenko et al. 2020)"
        : "Square L2: random pseudo-Gaussian square windows moved between two windows on the ε-sphere, p_init 0.8, scores only (Andriushchenko et al. 2020)";

    /// <inheritdoc />
    public double[]?[] Run(IClassifier classifier, double[] x, int[] y, double[] eps, AttackSettings settings) =>
        Attack.Rows(Perturb(classifier, x, y, eps, norm, settings.Queries, settings.Seed), classifier.Dimension);

    /// <summary>
    /// The window fraction p at step <paramref name="q"/> of <paramref name="queries"/> (AutoAttack's p_selection:
    /// i = ⌊10⁴·q/queries⌋; p = p_init for i ≤ 10, then p_init/2, /4, /8, /16, /32, /64, /128, /256 for i in
    /// (10, 50], (50, 200], (200, 500], (500, 1000], (1000, 2000], (2000, 4000], (4000, 6000], (6000, 8000], /512 beyond).
    /// </summary>
    public static double Fraction(int q, int queries)
    {
        int i = (int)(10000L * q / Math.Max(1, queries));
        int[] edges = [10, 50, 200, 500, 1000, 2000, 4000, 6000, 8000];
        int m = edges.Count(e => i > e);
        return PInit / (1 << m);
    }

    /// <summary>Runs up to <paramref name="queries"/> score queries per row after the initial one; returns the lowest-margin inputs found (B×D).</summary>
    public static double[] Perturb(IClassifier c, double[] x, int[] y, double[] eps, Norm norm, int queries = 5000, ulong seed = 1)
    {
        int d = c.Dimension, batch = y.Length;
        var g = Geometry.Of(d);
        var rng = new Rng(seed);
        var adv = new double[batch * d];
        for (int b = 0; b < batch; b++)
        {
            var row = adv.AsSpan(b * d, d);
            var x0 = x.AsSpan(b * d, d);
            if (norm == Norm.LInf) InitLInf(g, rng, x0, eps[b], row);
            else InitL2(g, rng, x0, eps[b], row);
        }
        var best = AutoPgd.Margins(c, adv, y);
        var active = Enumerable.Range(0, batch).Where(b => best[b] >= 0 && eps[b] > 0).ToArray();
        var cand = new double[batch * d];
        for (int q = 0; q < queries && active.Length > 0; q++)
        {
            double p = Fraction(q, queries);
            for (int a = 0; a < active.Length; a++)
            {
                int b = active[a];
                var row = cand.AsSpan(a * d, d);
                adv.AsSpan(b * d, d).CopyTo(row);
                if (norm == Norm.LInf) ProposeLInf(g, rng, p, x.AsSpan(b * d, d), eps[b], row);
                else ProposeL2(g, rng, p, x.AsSpan(b * d, d), eps[b], row);
            }
            var m = AutoPgd.Margins(c, cand.AsSpan(0, active.Length * d), active.Select(b => y[b]).ToArray());
            int kept = 0;
            for (int a = 0; a < active.Length; a++)
            {
                int b = active[a];
                if (m[a] < best[b]) { best[b] = m[a]; cand.AsSpan(a * d, d).CopyTo(adv.AsSpan(b * d, d)); }
                if (best[b] >= 0) active[kept++] = b;
            }
            active = active[..kept];
        }
        return adv;
    }

    /// <summary>h×w layout of a D-pixel input: square when D is a perfect square, else one row.</summary>
    private readonly record struct Geometry(int H, int W)
    {
        public static Geometry Of(int d)
        {
            int side = (int)Math.Round(Math.Sqrt(d));
            return side * side == d ? new(side, side) : new(1, d);
        }

        /// <summary>Window of area ≈ p·D: s×s (square) or 1×s² (strip), at least <paramref name="min"/> on a side, odd when <paramref name="odd"/>.</summary>
        public (int Rows, int Cols) Window(double p, int min, bool odd)
        {
            if (H > 1)
            {
                int s = Math.Max(min, (int)Math.Round(Math.Sqrt(p * H * W)));
                if (odd && s % 2 == 0) s++;
                s = Math.Min(s, H);
                return (s, s);
            }
            int l = Math.Max(min, (int)Math.Round(p * W));
            if (odd && l % 2 == 0) l++;
            return (1, Math.Min(l, W));
        }
    }

    private static void InitLInf(Geometry g, Rng rng, ReadOnlySpan<double> x, double eps, Span<double> row)
    {
        for (int col = 0; col < g.W; col++)
        {
            double s = rng.NextDouble() < 0.5 ? -eps : eps;
            for (int r = 0; r < g.H; r++) row[r * g.W + col] = Math.Clamp(x[r * g.W + col] + s, 0, 1);
        }
    }

    private static void ProposeLInf(Geometry g, Rng rng, double p, ReadOnlySpan<double> x, double eps, Span<double> row)
    {
        var (sh, sw) = g.Window(p, 1, odd: false);
        for (int attempt = 0; attempt < 10; attempt++)
        {
            int r0 = rng.NextInt(g.H - sh + 1), c0 = rng.NextInt(g.W - sw + 1);
            double s = rng.NextDouble() < 0.5 ? -eps : eps;
            double change = 0;
            for (int r = r0; r < r0 + sh; r++)
                for (int cc = c0; cc < c0 + sw; cc++)
                {
                    int i = r * g.W + cc;
                    double v = Math.Clamp(x[i] + s, 0, 1);
                    change += Math.Abs(v - row[i]);
                    row[i] = v;
                }
            if (change > 1e-7) return;
        }
    }

    private static void InitL2(Geometry g, Rng rng, ReadOnlySpan<double> x, double eps, Span<double> row)
    {
        var delta = new double[g.H * g.W];
        int sh = Math.Max(1, g.H / 5), sw = Math.Max(1, g.W / 5);
        int h0 = Math.Max(0, (g.H - sh * 5) / 2), w0 = Math.Max(0, (g.W - sw * 5) / 2);
        for (int vh = h0; vh + sh <= g.H; vh += sh)
            for (int vw = w0; vw + sw <= g.W; vw += sw)
            {
                var m = Meta(sh, sw, rng);
                double sign = rng.NextDouble() < 0.5 ? -1 : 1;
                for (int r = 0; r < sh; r++)
                    for (int cc = 0; cc < sw; cc++) delta[(vh + r) * g.W + vw + cc] += sign * m[r * sw + cc];
            }
        ToSphere(x, delta, eps, row);
    }

    private static void ProposeL2(Geometry g, Rng rng, double p, ReadOnlySpan<double> x, double eps, Span<double> row)
    {
        int d = g.H * g.W;
        var (sh, sw) = g.Window(p, 3, odd: true);
        var delta = new double[d];
        for (int i = 0; i < d; i++) delta[i] = row[i] - x[i];
        int r1 = rng.NextInt(g.H - sh + 1), c1 = rng.NextInt(g.W - sw + 1);
        int r2 = rng.NextInt(g.H - sh + 1), c2 = rng.NextInt(g.W - sw + 1);
        bool In(int i, int r0, int c0) { int r = i / g.W, cc = i % g.W; return r >= r0 && r < r0 + sh && cc >= c0 && cc < c0 + sw; }
        double image = 0, window1 = 0, windows = 0;
        for (int i = 0; i < d; i++)
        {
            double v = delta[i] * delta[i];
            image += v;
            bool a = In(i, r1, c1), b = In(i, r2, c2);
            if (a) window1 += v;
            if (a || b) windows += v;
        }
        window1 = Math.Sqrt(window1);
        var m = Meta(sh, sw, rng);
        double sign = rng.NextDouble() < 0.5 ? -1 : 1;
        var fresh = new double[sh * sw];
        double fn = 0;
        for (int r = 0; r < sh; r++)
            for (int cc = 0; cc < sw; cc++)
            {
                int k = r * sw + cc;
                fresh[k] = sign * m[k] + delta[(r1 + r) * g.W + c1 + cc] / (1e-12 + window1);
                fn += fresh[k] * fresh[k];
            }
        double scale = Math.Sqrt(Math.Max(eps * eps - image, 0) + windows) / (1e-12 + Math.Sqrt(fn));
        for (int r = 0; r < sh; r++)
            for (int cc = 0; cc < sw; cc++) delta[(r2 + r) * g.W + c2 + cc] = 0;
        for (int r = 0; r < sh; r++)
            for (int cc = 0; cc < sw; cc++) delta[(r1 + r) * g.W + c1 + cc] = scale * fresh[r * sw + cc];
        ToSphere(x, delta, eps, row);
    }

    // row ← clamp(x + ε·δ/‖δ‖₂, 0, 1)
    private static void ToSphere(ReadOnlySpan<double> x, double[] delta, double eps, Span<double> row)
    {
        double n = Math.Sqrt(delta.Sum(v => v * v));
        for (int i = 0; i < delta.Length; i++) row[i] = Math.Clamp(x[i] + (n > 0 ? eps * delta[i] / n : 0), 0, 1);
    }

    /// <summary>
    /// The meta pseudo-Gaussian perturbation of an sh×sw window (unit L2 norm): the first half (of the rows, or of the
    /// columns for a one-row window) holds the profile η and the second −η, η(x, y) = Σ_{c=0}^{max(x,y)/2} 1/(c+1)² over the
    /// (2c+1)-sided rectangles centred at (⌊x/2⌋, ⌊y/2⌋), normalised; a square window is transposed with probability ½.
    /// </summary>
    internal static double[] Meta(int sh, int sw, Rng rng)
    {
        var m = new double[sh * sw];
        bool byRows = sh > 1;
        int n = byRows ? sh : sw, half = n / 2;
        void Fill(int from, int count, double sign)
        {
            if (count == 0) return;
            int ex = byRows ? count : sh, ey = byRows ? sw : count;
            var e = Eta(ex, ey);
            for (int r = 0; r < ex; r++)
                for (int cc = 0; cc < ey; cc++)
                {
                    int rr = byRows ? from + r : r, col = byRows ? cc : from + cc;
                    m[rr * sw + col] = sign * e[r * ey + cc];
                }
        }
        Fill(0, half, 1);
        Fill(half, n - half, -1);
        double norm = Math.Sqrt(m.Sum(v => v * v));
        for (int i = 0; i < m.Length; i++) m[i] /= norm;
        if (sh == sw && rng.NextDouble() > 0.5)
        {
            var t = new double[m.Length];
            for (int r = 0; r < sh; r++) for (int cc = 0; cc < sw; cc++) t[cc * sw + r] = m[r * sw + cc];
            return t;
        }
        return m;
    }

    private static double[] Eta(int x, int y)
    {
        var e = new double[x * y];
        int xc = x / 2 + 1, yc = y / 2 + 1;
        int r0 = xc - 1, c0 = yc - 1;
        for (int counter = 0; counter < Math.Max(xc, yc); counter++)
        {
            double v = 1.0 / ((counter + 1.0) * (counter + 1.0));
            for (int r = Math.Max(r0, 0); r < Math.Min(r0 + 2 * counter + 1, x); r++)
                for (int cc = Math.Max(c0, 0); cc < Math.Min(c0 + 2 * counter + 1, y); cc++) e[r * y + cc] += v;
            r0--; c0--;
        }
        double n = Math.Sqrt(e.Sum(v => v * v));
        for (int i = 0; i < e.Length; i++) e[i] /= n;
        return e;
    }
}
