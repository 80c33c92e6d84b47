using Basin.Tensors;

namespace Basin.Stability.Maps;

/// <summary>Lyapunov exponents of an iterated map, per iteration, with whether the orbit stayed finite.</summary>
/// <param name="Exponents">λ₁ ≥ … ≥ λ_p in nats per iteration.</param>
/// <param name="Iterations">Iterations averaged over (after the transient).</param>
/// <param name="FinalState">x at the end of the orbit.</param>
/// <param name="Diverged">True when the orbit left every bounded set (‖x‖ &gt; 10¹²) or became non-finite; the exponents are then
/// those of the finite part and should not be read as an attractor's.</param>
public sealed record MapLyapunovResult(double[] Exponents, int Iterations, double[] FinalState, bool Diverged);

/// <summary>
/// Finite-time Lyapunov exponents of the discrete dynamical system x_{k+1} = g(x_k) (Benettin et al. 1980; Shimada &amp;
/// Nagashima 1979): p tangent vectors are pushed forward by the Jacobian, V ← J_g(x_k)V, re-orthonormalised by QR after
/// every iteration, and λ_i = (1/K) Σ_k log|R_ii^{(k)}|. λ₁ &gt; 0 means nearby orbits separate exponentially — the
/// signature of a chaotic ("stochastic") attractor; all λ_i &lt; 0 means orbits contract onto a stable fixed point or cycle.
/// Tested on linear maps (λ = log|eigenvalues|) and the Hénon map (λ₁ ≈ 0.419).
/// </summary>
public static class MapLyapunov
{
    /// <summary>Iterates <paramref name="iterations"/> times from <paramref name="x0"/>; the first <paramref name="transient"/> iterations only align the tangents.</summary>
    public static MapLyapunovResult Compute(ITangentMap g, ReadOnlySpan<double> x0, int p, int iterations, int transient = -1, ulong seed = 1)
    {
        int n = g.Dimension;
        if (x0.Length != n) throw new ArgumentException($"x0 must have {n} entries, got {x0.Length}.");
        if (p < 1 || p > n) throw new ArgumentException($"The number of exponents p must lie in 1…{n}, got {p}.");
        if (iterations < 1) throw new ArgumentException("The number of iterations must be positive.");
        if (transient < 0) transient = iterations / 5;
        if (transient >= iterations) throw new ArgumentException("No iterations left after the transient.");
        var x = x0.ToArray();
        var y = new double[n];
        var v = Tensor.Normal(new Rng(seed), 0.0, 1.0, p, n).ToArray();
        var w = new double[p * n];
        Lyapunov.Orthonormalise(v, p, n, null);
        var sums = new double[p];
        int counted = 0;
        bool diverged = false;
        for (int k = 1; k <= iterations; k++)
        {
            g.JacobianTimes(x, v, w, p);
            g.Apply(x, y);
            (x, y) = (y, x);
            (v, w) = (w, v);
            double norm2 = 0;
            foreach (var e in x) norm2 += e * e;
            bool bad = !double.IsFinite(norm2) || norm2 > 1e24 || v.Any(e => !double.IsFinite(e));
            if (bad) { diverged = true; break; }
            bool count = k > transient;
            Lyapunov.Orthonormalise(v, p, n, count ? sums : null);
            if (count) counted++;
        }
        if (counted == 0) return new MapLyapunovResult(Enumerable.Repeat(double.NaN, p).ToArray(), 0, x, true);
        for (int i = 0; i < p; i++) sums[i] /= counted;
        Array.Sort(sums, (a, b) => b.CompareTo(a));
        return new MapLyapunovResult(sums, counted, x, diverged);
    }
}
