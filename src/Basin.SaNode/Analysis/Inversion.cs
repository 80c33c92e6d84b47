using Basin.Dynamics;

namespace Basin.SaNode.Analysis;

/// <summary>Result of <see cref="Inversion.Run"/> for a batch of inputs (row-major B×N arrays).</summary>
/// <param name="Input">The inputs x(0).</param>
/// <param name="Final">x(T_inv) after the forward flow.</param>
/// <param name="Recovered">The backward flow's end point, the reconstruction of x(0).</param>
/// <param name="Mse">Mean squared error between input and reconstruction, per image.</param>
/// <param name="ForwardSnapshots">(t, states) along the forward flow.</param>
/// <param name="BackwardSnapshots">(τ, states) along the backward flow (τ = time integrated backwards).</param>
/// <param name="StepsTaken">Steps of both directions together (accepted steps when adaptive).</param>
/// <param name="RejectedSteps">Rejected adaptive steps of both directions.</param>
/// <param name="Evaluations">Batched evaluations of F of both directions.</param>
public sealed record InversionResult(double[] Input, double[] Final, double[] Recovered, double[] Mse,
    IReadOnlyList<(double Time, double[] States)> ForwardSnapshots, IReadOnlyList<(double Time, double[] States)> BackwardSnapshots,
    long StepsTaken = 0, long RejectedSteps = 0, long Evaluations = 0);

/// <summary>
/// Invertibility of SA-nODE (Marino et al. 2024, Appendix B): the flow map of a smooth autonomous ODE is a
/// diffeomorphism, so integrating dx/dτ = −F(x) from x(T_inv) for the same time recovers x(0) — as long as T_inv is short
/// enough that x(T_inv) has not collapsed onto the attractor to within the integrator's precision (the contraction near a
/// stable attractor amplifies backward errors by e^{|f'(±a)|·T}). Runs in double precision with a fixed-step solver
/// (Δt down to 10⁻⁴ as in the paper) or an adaptive embedded pair (<see cref="RunAdaptive"/>).
/// </summary>
public static class Inversion
{
    /// <summary>Forward to <paramref name="tInv"/> then backward for the same time; <paramref name="snapshots"/> states are kept per direction.</summary>
    public static InversionResult Run(SaNodeModel<double> model, double[] x0, int batch, double tInv, double dt, ButcherTableau method,
        int snapshots = 6, CancellationToken cancel = default)
    {
        if (!(tInv > 0) || !(dt > 0)) throw new ArgumentException($"T_inv and Δt must be positive (got {tInv}, {dt}).");
        int n = model.Config.N;
        if (x0.Length != batch * n) throw new ArgumentException($"Inputs must be {batch}×{n}.");
        int steps = (int)Math.Round(tInv / dt);
        if (steps < 1) throw new ArgumentException($"T_inv = {tInv} is shorter than one step of {dt}.");
        var runner = new SaNodeRunner<double>(model);
        runner.Refresh();
        var solver = new FixedStepSolver<double>();
        int every = Math.Max(1, steps / Math.Max(1, snapshots - 1));
        var fwd = new List<(double, double[])>();
        var xT = new double[x0.Length];
        solver.Forward(runner.Field, x0, batch, new SolverOptions(method, dt, steps), xT,
            observer: (s, x) => { if (s % every == 0 || s == steps) fwd.Add((s * dt, x.ToArray())); }, cancel: cancel);
        var back = new List<(double, double[])>();
        var rec = new double[x0.Length];
        solver.Forward(runner.Field, xT, batch, new SolverOptions(method, -dt, steps), rec,
            observer: (s, x) => { if (s % every == 0 || s == steps) back.Add((s * dt, x.ToArray())); }, cancel: cancel);
        return new InversionResult(x0, xT, rec, Mse(x0, rec, batch, n), fwd, back, 2L * steps, 0, 2L * steps * method.FixedStepStages);
    }

    /// <summary>
    /// The same inversion with <see cref="AdaptiveSolver{T}"/>: forward from 0 to T_inv, then from T_inv back to 0 (dx/dt = F
    /// integrated with negative steps, i.e. dx/dτ = −F), each to rtol/atol; the snapshots are read by dense output at
    /// equally spaced times.
    /// </summary>
    public static InversionResult RunAdaptive(SaNodeModel<double> model, double[] x0, int batch, double tInv, ButcherTableau method,
        double rtol, double atol, int maxSteps = 100_000, int snapshots = 6, CancellationToken cancel = default)
    {
        if (!(tInv > 0)) throw new ArgumentException($"T_inv must be positive (got {tInv}).");
        int n = model.Config.N;
        if (x0.Length != batch * n) throw new ArgumentException($"Inputs must be {batch}×{n}.");
        var runner = new SaNodeRunner<double>(model);
        runner.Refresh();
        int points = Math.Max(2, snapshots);
        var times = Enumerable.Range(0, points).Select(i => i == points - 1 ? tInv : tInv * i / (points - 1)).ToArray();
        var fwd = new List<(double, double[])>();
        var xT = new double[x0.Length];
        var f = runner.PredictAdaptive(x0, batch, new AdaptiveOptions(method, 0, tInv, rtol, atol, MaxSteps: maxSteps), xT, times,
            (_, t, x) => fwd.Add((t, x.ToArray())), cancel);
        var back = new List<(double, double[])>();
        var rec = new double[x0.Length];
        var backTimes = times.Select(t => tInv - t).ToArray();
        backTimes[^1] = 0;
        var b = runner.PredictAdaptive(xT, batch, new AdaptiveOptions(method, tInv, 0, rtol, atol, MaxSteps: maxSteps), rec, backTimes,
            (_, t, x) => back.Add((tInv - t, x.ToArray())), cancel);
        return new InversionResult(x0, xT, rec, Mse(x0, rec, batch, n), fwd, back, f.AcceptedSteps + b.AcceptedSteps,
            f.RejectedSteps + b.RejectedSteps, f.Evaluations + b.Evaluations);
    }

    private static double[] Mse(double[] x0, double[] rec, int batch, int n)
    {
        var mse = new double[batch];
        for (int b = 0; b < batch; b++)
        {
            double e = 0;
            for (int i = 0; i < n; i++) { double d = rec[b * n + i] - x0[b * n + i]; e += d * d; }
            mse[b] = e / n;
        }
        return mse;
    }
}
