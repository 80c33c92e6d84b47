using Basin.Dynamics;
using Basin.Tensors;
using Basin.Tensors.LinearAlgebra;

namespace Basin.Stability;

/// <summary>A vector field with its Jacobian–vector product, for tangent (variational) dynamics.</summary>
public interface ITangentField
{
    /// <summary>State dimension N.</summary>
    int Dimension { get; }

    /// <summary>k ← F(x).</summary>
    void Evaluate(ReadOnlySpan<double> x, Span<double> k);

    /// <summary>w ← J_F(x)·V for the p tangent vectors stored as rows of V (p×N row-major): w_r = J v_r.</summary>
    void JacobianTimes(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> w, int p);
}

/// <summary>Finite-time Lyapunov exponents.</summary>
/// <param name="Exponents">λ₁ ≥ … ≥ λ_p, per unit time.</param>
/// <param name="Time">Integration time over which they were averaged.</param>
/// <param name="FinalState">x at the end of the run.</param>
/// <param name="Evaluations">Evaluations of F (each with its p Jacobian–vector products): the cost to compare runs by.</param>
/// <param name="Steps">Steps taken (accepted steps when adaptive).</param>
/// <param name="RejectedSteps">Rejected adaptive steps.</param>
public sealed record LyapunovResult(double[] Exponents, double Time, double[] FinalState, long Evaluations = 0, long Steps = 0, long RejectedSteps = 0);

/// <summary>
/// The p largest finite-time Lyapunov exponents of dx/dt = F(x) by the Benettin–Shimada–Nagashima method: the state and p
/// tangent vectors are advanced together with classical RK4 (the tangents by the variational equation dV/dt = J_F(x)V),
/// the tangents are re-orthonormalised by a QR factorisation every <c>reorthEvery</c> steps and the logs of |R_ii| are
/// accumulated: λ_i = (1/T) Σ log|R_ii|. Negative exponents mean nearby trajectories converge (a stable attractor);
/// a positive largest exponent means sensitive dependence (a stochastic / chaotic attractor).
/// </summary>
public static class Lyapunov
{
    /// <summary>
    /// Runs from <paramref name="x0"/> for <paramref name="steps"/> RK4 steps of <paramref name="dt"/>; the first
    /// <paramref name="transientSteps"/> (default: a fifth) only align the tangent vectors and are not averaged.
    /// </summary>
    public static LyapunovResult Compute(ITangentField f, ReadOnlySpan<double> x0, int p, double dt, int steps, int reorthEvery = 10, ulong seed = 1,
        int transientSteps = -1)
    {
        int n = f.Dimension;
        if (x0.Length != n) throw new ArgumentException($"x0 must have {n} entries.");
        if (p < 1 || p > n) throw new ArgumentException($"The number of exponents p must lie in 1…{n}, got {p}.");
        if (!(dt > 0) || steps < 1 || reorthEvery < 1) throw new ArgumentException("Δt, steps and the re-orthonormalisation interval must be positive.");
        var x = x0.ToArray();
        var v = Tensor.Normal(new Rng(seed), 0.0, 1.0, p, n).ToArray();
        Orthonormalise(v, p, n, null);
        var sums = new double[p];
        var ws = new Work(n, p);
        if (transientSteps < 0) transientSteps = steps / 5;
        double time = 0;
        for (int s = 1; s <= steps; s++)
        {
            Rk4(f, x, v, p, dt, ws);
            bool counted = s > transientSteps;
            if (counted) time += dt;
            if (s % reorthEvery == 0 || s == steps || s == transientSteps) Orthonormalise(v, p, n, counted ? sums : null);
        }
        if (time <= 0) throw new ArgumentException("No steps left after the transient.");
        for (int i = 0; i < p; i++) sums[i] /= time;
        Array.Sort(sums, (a, b) => b.CompareTo(a));
        return new LyapunovResult(sums, time, x, 4L * steps, steps);
    }

    /// <summary>
    /// The same exponents with an adaptive embedded pair (<see cref="AdaptiveSolver{T}"/>): the state and its p tangent
    /// vectors are one system of dimension (p + 1)·N, integrated to rtol/atol between re-orthonormalisations every
    /// <paramref name="interval"/> time units over <paramref name="time"/>; the first fifth of the intervals (or
    /// <paramref name="transientTime"/>) only aligns the tangents. The QR bookkeeping is that of <see cref="Compute"/>.
    /// </summary>
    public static LyapunovResult ComputeAdaptive(ITangentField f, ReadOnlySpan<double> x0, int p, double time, double interval, ButcherTableau method,
        double rtol, double atol, ulong seed = 1, double transientTime = -1, int maxSteps = 100_000)
    {
        int n = f.Dimension;
        if (x0.Length != n) throw new ArgumentException($"x0 must have {n} entries.");
        if (p < 1 || p > n) throw new ArgumentException($"The number of exponents p must lie in 1…{n}, got {p}.");
        if (!(time > 0) || !(interval > 0) || interval > time) throw new ArgumentException("The time and the re-orthonormalisation interval must be positive, the interval at most the time.");
        int intervals = (int)Math.Ceiling(time / interval - 1e-9);
        int transient = transientTime < 0 ? intervals / 5 : (int)Math.Round(transientTime / interval);
        if (transient >= intervals) throw new ArgumentException("No intervals left after the transient.");
        var state = new double[(p + 1) * n];
        x0.CopyTo(state);
        var v = Tensor.Normal(new Rng(seed), 0.0, 1.0, p, n).ToArray();
        Orthonormalise(v, p, n, null);
        v.CopyTo(state, n);
        var next = new double[state.Length];
        var system = new TangentSystem(f, p);
        var solver = new AdaptiveSolver<double>();
        var sums = new double[p];
        double t = 0, counted = 0;
        long evals = 0, steps = 0, rejected = 0;
        for (int i = 0; i < intervals; i++)
        {
            double end = i == intervals - 1 ? time : (i + 1) * interval;
            var r = solver.Solve(system, state, 1, new AdaptiveOptions(method, t, end, rtol, atol, MaxSteps: maxSteps), next);
            evals += r.Evaluations; steps += r.AcceptedSteps; rejected += r.RejectedSteps;
            Array.Copy(next, n, v, 0, p * n);
            bool count = i >= transient;
            Orthonormalise(v, p, n, count ? sums : null);
            if (count) counted += end - t;
            Array.Copy(next, state, n);
            v.CopyTo(state, n);
            t = end;
        }
        for (int i = 0; i < p; i++) sums[i] /= counted;
        Array.Sort(sums, (a, b) => b.CompareTo(a));
        return new LyapunovResult(sums, counted, state[..n], evals, steps, rejected);
    }

    /// <summary>The state and p tangent vectors as one field for the adaptive solver: (x, V) ↦ (F(x), J_F(x)V).</summary>
    private sealed class TangentSystem(ITangentField f, int p) : IBatchVectorField<double>
    {
        public int Dimension => (p + 1) * f.Dimension;

        public void Evaluate(ReadOnlySpan<double> u, Span<double> k, int batch)
        {
            int n = f.Dimension, d = Dimension;
            for (int b = 0; b < batch; b++)
            {
                var x = u.Slice(b * d, n);
                f.Evaluate(x, k.Slice(b * d, n));
                f.JacobianTimes(x, u.Slice(b * d + n, p * n), k.Slice(b * d + n, p * n), p);
            }
        }

        /// <summary>Not needed: Lyapunov exponents integrate forward only (the adaptive solver has no backward pass).</summary>
        public void VectorJacobianProduct(ReadOnlySpan<double> u, ReadOnlySpan<double> c, Span<double> du, int batch, bool accumulateParameters) =>
            throw new NotSupportedException("The tangent system is integrated forward only; it has no vector–Jacobian product.");
    }

    private sealed class Work(int n, int p)
    {
        public readonly double[][] K = [new double[n], new double[n], new double[n], new double[n]];
        public readonly double[][] Kv = [new double[p * n], new double[p * n], new double[p * n], new double[p * n]];
        public readonly double[] X = new double[n], V = new double[p * n];
    }

    private static void Rk4(ITangentField f, double[] x, double[] v, int p, double dt, Work w)
    {
        int n = x.Length;
        double[] c = [0, 0.5, 0.5, 1];
        for (int st = 0; st < 4; st++)
        {
            for (int i = 0; i < n; i++) w.X[i] = st == 0 ? x[i] : x[i] + c[st] * dt * w.K[st - 1][i];
            for (int i = 0; i < p * n; i++) w.V[i] = st == 0 ? v[i] : v[i] + c[st] * dt * w.Kv[st - 1][i];
            f.Evaluate(w.X, w.K[st]);
            f.JacobianTimes(w.X, w.V, w.Kv[st], p);
        }
        for (int i = 0; i < n; i++) x[i] += dt / 6 * (w.K[0][i] + 2 * w.K[1][i] + 2 * w.K[2][i] + w.K[3][i]);
        for (int i = 0; i < p * n; i++) v[i] += dt / 6 * (w.Kv[0][i] + 2 * w.Kv[1][i] + 2 * w.Kv[2][i] + w.Kv[3][i]);
    }

    /// <summary>QR of the tangent matrix (rows = vectors): V ← Q, and log|R_ii| added to <paramref name="sums"/>.</summary>
    internal static void Orthonormalise(double[] v, int p, int n, double[]? sums)
    {
        var m = new Tensor<double>(n, p);
        for (int r = 0; r < p; r++) for (int i = 0; i < n; i++) m[i, r] = v[r * n + i];
        var qr = Qr.Factor(m);
        var q = qr.Q; var rr = qr.R;
        for (int r = 0; r < p; r++)
        {
            for (int i = 0; i < n; i++) v[r * n + i] = q[i, r];
            if (sums != null) sums[r] += Math.Log(Math.Abs(rr[r, r]));
        }
    }
}
