using Basin.Data;
using Basin.Dynamics;

namespace Basin.SaNode.Studies;

/// <summary>Errors, MSE to the target attractors and accuracies of RK4 and Euler per Δt, against a fine RK4 reference.</summary>
/// <param name="Horizon">Integration time T.</param>
/// <param name="ReferenceDt">Step of the RK4 reference.</param>
/// <param name="Dts">The step sizes.</param>
/// <param name="Rk4Errors">‖x_Δt(T) − x_ref(T)‖ / ‖x_ref(T)‖ for RK4.</param>
/// <param name="EulerErrors">The same for Euler.</param>
/// <param name="Rk4Accuracy">H (sign overlap ≥ 0.95) of RK4's x(T).</param>
/// <param name="EulerAccuracy">H of Euler's x(T).</param>
/// <param name="Rk4Slope">Fitted order of RK4 (log–log slope over the four finest steps).</param>
/// <param name="EulerSlope">Fitted order of Euler.</param>
/// <param name="Rk4TargetMse">MSE(T) between x(T) and the target attractors (paper eq. 6, the quantity of Fig. 8) for RK4.</param>
/// <param name="EulerTargetMse">The same for Euler.</param>
/// <param name="ReferenceTargetMse">MSE(T) of the reference solution.</param>
public sealed record ConvergenceResult(double Horizon, double ReferenceDt, double[] Dts, double[] Rk4Errors, double[] EulerErrors, double[] Rk4Accuracy,
    double[] EulerAccuracy, double Rk4Slope, double EulerSlope, double[] Rk4TargetMse, double[] EulerTargetMse, double ReferenceTargetMse);

/// <summary>
/// SA-nODE paper Appendix A (Fig. 8): integrate a batch of inputs to T with Euler and RK4 at Δt ∈ {T/8 … T/256} and
/// compare x(T) with RK4 at 1/16 of the finest Δt; the log–log slope, fitted over the four finest steps (the asymptotic range), of the relative error ‖x_Δt − x_ref‖/‖x_ref‖ against Δt
/// estimates each method's order (≈ 1 and ≈ 4). No clipping, double precision.
/// </summary>
public static class ConvergenceStudy
{
    /// <summary>Runs the study on the first images of <paramref name="data"/>.</summary>
    public static ConvergenceResult Run(SaNodeModel<double> model, LabeledImages data, double horizon, CancellationToken cancel = default)
    {
        int n = model.Config.N, b = data.Count;
        var x0 = data.Pixels.Select(v => (double)v).ToArray();
        var runner = new SaNodeRunner<double>(model);
        runner.Refresh();
        double[] dts = [horizon / 8, horizon / 16, horizon / 32, horizon / 64, horizon / 128, horizon / 256];
        double refDt = dts[^1] / 16;
        var xRef = Solve(runner, x0, b, ButcherTableau.Rk4, refDt, horizon);
        double refNorm = Math.Sqrt(xRef.Sum(v => v * v));
        var patterns = model.Patterns.ToArray();
        double Err(double[] x) => Math.Sqrt(x.Zip(xRef, (p, q) => (p - q) * (p - q)).Sum()) / refNorm;
        SaNodeMetrics Score(double[] x)
        {
            var m = new SaNodeMetrics(model.Config.K);
            m.Add<double>(x, data.Labels, patterns, n, model.Config.A);
            return m;
        }
        var e4 = new double[dts.Length]; var e1 = new double[dts.Length]; var a4 = new double[dts.Length]; var a1 = new double[dts.Length];
        var t4 = new double[dts.Length]; var t1 = new double[dts.Length];
        for (int i = 0; i < dts.Length; i++)
        {
            cancel.ThrowIfCancellationRequested();
            var x4 = Solve(runner, x0, b, ButcherTableau.Rk4, dts[i], horizon);
            var x1 = Solve(runner, x0, b, ButcherTableau.Euler, dts[i], horizon);
            var m4 = Score(x4); var m1 = Score(x1);
            e4[i] = Err(x4); e1[i] = Err(x1); a4[i] = m4.Accuracy; a1[i] = m1.Accuracy; t4[i] = m4.Mse; t1[i] = m1.Mse;
        }
        return new ConvergenceResult(horizon, refDt, dts, e4, e1, a4, a1, Slope(dts[2..], e4[2..]), Slope(dts[2..], e1[2..]), t4, t1, Score(xRef).Mse);
    }

    private static double[] Solve(SaNodeRunner<double> runner, double[] x0, int batch, ButcherTableau method, double dt, double horizon)
    {
        var xT = new double[x0.Length];
        runner.Predict(x0, batch, new SolverOptions(method, dt, (int)Math.Round(horizon / dt)), xT);
        return xT;
    }

    /// <summary>Least-squares slope of log(error) against log(Δt) over the points with error above 1e-13 (round-off floor).</summary>
    public static double Slope(double[] dts, double[] errors)
    {
        var pts = dts.Zip(errors).Where(p => p.Second > 1e-13).Select(p => (X: Math.Log(p.First), Y: Math.Log(p.Second))).ToArray();
        if (pts.Length < 2) return double.NaN;
        double mx = pts.Average(p => p.X), my = pts.Average(p => p.Y);
        return pts.Sum(p => (p.X - mx) * (p.Y - my)) / pts.Sum(p => (p.X - mx) * (p.X - mx));
    }
}
