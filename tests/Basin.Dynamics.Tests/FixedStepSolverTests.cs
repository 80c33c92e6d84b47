using Basin.Dynamics;
using Basin.Tensors;

namespace Basin.Dynamics.Tests;

public class FixedStepSolverTests
{
    public static TheoryData<string> Methods => new(ButcherTableau.Names);

    /// <summary>Fits log(error) against log(Δt) on a nonlinear field and checks the slope equals the method's order.</summary>
    [Theory]
    [MemberData(nameof(Methods))]
    public void ConvergesAtItsOrder(string method)
    {
        var tab = ButcherTableau.Parse(method);
        var rng = new Rng(3);
        var w = new double[9];
        rng.FillNormal<double>(w, 0, 0.4);
        var field = new CubicLinearField(3, 0.5, w);
        var x0 = new[] { 0.7, -0.4, 0.2 };
        const double horizon = 1.0;
        // Order 8 needs a reference below RK4's 10⁻¹⁵ at 4096 steps and steps large enough to stay above rounding.
        var reference = Solve(field, x0, tab.Order >= 8 ? ButcherTableau.Dopri5 : ButcherTableau.Rk4, horizon, 4096);
        var hs = new List<double>(); var errs = new List<double>();
        foreach (int steps in tab.Order >= 8 ? new[] { 2, 3, 4, 6 } : new[] { 8, 16, 32, 64 })
        {
            var x = Solve(field, x0, tab, horizon, steps);
            double e = Math.Sqrt(x.Zip(reference, (a, b) => (a - b) * (a - b)).Sum());
            hs.Add(Math.Log(horizon / steps)); errs.Add(Math.Log(e));
        }
        double slope = Slope(hs, errs);
        Assert.InRange(slope, tab.Order - 0.25, tab.Order + 0.35);
    }

    /// <summary>
    /// A fused field is handed the recorded trajectory before a backward that accumulates parameter gradients (x_0 … x_S
    /// back to back, the step's B·N values apart) and every adjoint step's state is that record's x_s; no trajectory is
    /// handed over for an input-gradient-only pass or a checkpointed one (whose states are recomputed per segment).
    /// </summary>
    [Theory]
    [InlineData(true, 0, true)]
    [InlineData(false, 0, false)]
    [InlineData(true, 3, false)]
    public void Backward_hands_a_fused_field_the_recorded_trajectory(bool parameterGradients, int checkpointEvery, bool expected)
    {
        const int batch = 2, steps = 7;
        var field = new RecordingFusedDecayField(new[] { 0.5, 1.5, 2.0 });
        int len = batch * field.Dimension;
        var x0 = new[] { 0.3, -0.2, 0.9, 0.4, 0.1, -0.7 };
        var solver = new FixedStepSolver<double>();
        var opts = new SolverOptions(ButcherTableau.Euler, 0.1, steps);
        var xT = new double[len];
        solver.Forward(field, x0, batch, opts, xT, record: true, checkpointEvery: checkpointEvery);
        solver.Backward(field, Enumerable.Repeat(1.0, len).ToArray(), new double[len], parameterGradients: parameterGradients);
        Assert.Equal(steps, field.AdjointCalls);
        if (!expected)
        {
            Assert.Null(field.Attached);
            return;
        }
        Assert.NotNull(field.Attached);
        Assert.Equal(len, field.AttachedStepLength);
        Assert.Equal(steps, field.AttachedSteps);
        Assert.Equal(x0, field.Attached!.AsSpan(0, len).ToArray());
        Assert.Equal(xT, field.Attached.AsSpan(steps * len, len).ToArray());
        Assert.Equal(steps, field.AdjointCallsOnRecord);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void BackwardMatchesFiniteDifferences(string method)
    {
        var tab = ButcherTableau.Parse(method);
        var rng = new Rng(5);
        int n = 3, batch = 2;
        var w = new double[n * n];
        rng.FillNormal<double>(w, 0, 0.5);
        var x0 = new double[n * batch];
        rng.FillNormal<double>(x0, 0, 0.6);
        var probe = new double[n * batch];
        rng.FillNormal<double>(probe, 0, 1);
        var opts = new SolverOptions(tab, 0.05, 12);

        double Loss(double[] xs, double theta, double[] ws)
        {
            var f = new CubicLinearField(n, theta, ws);
            var xt = new double[n * batch];
            new FixedStepSolver<double>().Forward(f, xs, batch, opts, xt);
            return xt.Zip(probe, (a, b) => a * b).Sum();
        }

        var field = new CubicLinearField(n, 0.8, w);
        var solver = new FixedStepSolver<double>();
        var xT = new double[n * batch];
        solver.Forward(field, x0, batch, opts, xT, record: true);
        var gx0 = new double[n * batch];
        solver.Backward(field, probe, gx0);

        const double h = 1e-6;
        for (int i = 0; i < x0.Length; i++)
        {
            var p = (double[])x0.Clone(); var m = (double[])x0.Clone();
            p[i] += h; m[i] -= h;
            AssertClose((Loss(p, 0.8, w) - Loss(m, 0.8, w)) / (2 * h), gx0[i]);
        }
        AssertClose((Loss(x0, 0.8 + h, w) - Loss(x0, 0.8 - h, w)) / (2 * h), field.GradTheta);
        for (int i = 0; i < w.Length; i++)
        {
            var p = (double[])w.Clone(); var m = (double[])w.Clone();
            p[i] += h; m[i] -= h;
            AssertClose((Loss(x0, 0.8, p) - Loss(x0, 0.8, m)) / (2 * h), field.GradW[i]);
        }
    }

    [Theory]
    [InlineData("euler", 4)]
    [InlineData("rk4", 5)]
    [InlineData("heun", 29)]
    public void SegmentCheckpointingGivesIdenticalGradients(string method, int every)
    {
        var rng = new Rng(8);
        int n = 3, batch = 2;
        var w = new double[n * n];
        rng.FillNormal<double>(w, 0, 0.8);
        var x0 = new double[n * batch];
        rng.FillNormal<double>(x0, 0, 0.9);
        var seed = new double[n * batch];
        rng.FillNormal<double>(seed, 0, 1);
        var opts = new SolverOptions(ButcherTableau.Parse(method), 0.1, 31, Clip: 1.2);
        (double[] xT, double[] g0, double[] gw, double gt) Run(int k)
        {
            var f = new CubicLinearField(n, 0.3, w);
            var s = new FixedStepSolver<double>();
            var xT = new double[n * batch];
            s.Forward(f, x0, batch, opts, xT, record: true, checkpointEvery: k);
            var g0 = new double[n * batch];
            s.Backward(f, seed, g0);
            return (xT, g0, f.GradW, f.GradTheta);
        }
        var full = Run(0);
        var ck = Run(every);
        Assert.Equal(full.xT, ck.xT);
        Assert.Equal(full.g0, ck.g0);
        Assert.Equal(full.gw, ck.gw);
        Assert.Equal(full.gt, ck.gt);
    }

    [Fact]
    public void EarlyStopRetiresSettledRowsAndMatchesTheFullRun()
    {
        var field = new DecayField(new[] { 3.0, 0.5 });
        var x0 = new[] { 1.0, 1.0, 1e-9, 1e-9, 0.5, -0.5 };   // row 1 starts settled
        var opts = new SolverOptions(ButcherTableau.Euler, 0.1, 200);
        var full = new double[6];
        new FixedStepSolver<double>().Forward(field, x0, 3, opts, full);
        var early = new double[6];
        long rowSteps = new FixedStepSolver<double>().ForwardSettling(field, x0, 3, opts, early, tolerance: 1e-6, checkEvery: 5);
        Assert.True(rowSteps < 3 * 200, $"{rowSteps} row-steps: nothing was retired");
        for (int i = 0; i < 6; i++) Assert.True(Math.Abs(full[i] - early[i]) < 1e-5, $"component {i}: {full[i]} vs {early[i]}");
        var none = new double[6];
        Assert.Equal(3L * 200, new FixedStepSolver<double>().ForwardSettling(field, x0, 3, opts, none, tolerance: 0));
        Assert.Equal(full, none);
    }

    [Fact]
    public void ClippedComponentsStopAtTheBoundAndPassNoGradient()
    {
        var field = new DecayField(new[] { -5.0, 1.0 });   // first component grows like e^{5t}
        var solver = new FixedStepSolver<double>();
        var xT = new double[2];
        solver.Forward(field, new[] { 1.0, 1.0 }, 1, new SolverOptions(ButcherTableau.Euler, 0.1, 20, Clip: 5), xT, record: true);
        Assert.Equal(5.0, xT[0]);
        var g0 = new double[2];
        solver.Backward(field, new[] { 1.0, 1.0 }, g0);
        Assert.Equal(0.0, g0[0]);
        Assert.Equal(Math.Pow(0.9, 20), g0[1], 12);
    }

    [Fact]
    public void DecayMatchesTheExactSolution()
    {
        var x = Solve(new DecayField(new[] { 1.0, 2.0 }), new[] { 1.0, 1.0 }, ButcherTableau.Rk4, 1.0, 100);
        Assert.Equal(Math.Exp(-1), x[0], 9);
        Assert.Equal(Math.Exp(-2), x[1], 8);
    }

    [Fact]
    public void AdjointClipCapsGrowingAdjointsPerSampleAndLeavesShrinkingOnesExact()
    {
        // dx/dt = +x in component 0 (unstable), −x in component 1; Euler Δt = 0.1, 20 steps.
        var field = new DecayField(new[] { -1.0, 1.0 });
        double[] Grad(double kappa, double[] seed, int batch)
        {
            var solver = new FixedStepSolver<double>();
            var x0 = new double[2 * batch]; Array.Fill(x0, 0.5);
            solver.Forward(field, x0, batch, new SolverOptions(ButcherTableau.Euler, 0.1, 20, AdjointClip: kappa), new double[2 * batch], record: true);
            var g0 = new double[2 * batch];
            solver.Backward(field, seed, g0);
            return g0;
        }
        // Row 0 grows: exact ∂L/∂x₀ = 1.1²⁰ g_T; capped at κ‖g_T‖. Row 1 shrinks (0.9²⁰): untouched. Row 2 has g_T = 0: stays 0.
        var seed = new[] { 1.0, 0.0, 0.0, 2.0, 0.0, 0.0 };
        var exact = Grad(0, seed, 3);
        Assert.Equal(Math.Pow(1.1, 20), exact[0], 9);
        var capped = Grad(1, seed, 3);
        Assert.Equal(1.0, capped[0], 12);
        Assert.Equal(2 * Math.Pow(0.9, 20), capped[3], 12);
        Assert.Equal(exact[3], capped[3]);
        Assert.All(capped.Skip(4), v => Assert.Equal(0.0, v));
        Assert.Equal(3.0, Grad(3, seed, 3)[0], 12);
        // A cap that never bites gives the exact gradients bit for bit, parameters included.
        var w = new double[] { 0.3, -0.2, 0.5, 0.1 };
        double[] Full(double kappa, out double[] gw)
        {
            var f = new CubicLinearField(2, 0.4, (double[])w.Clone());
            var solver = new FixedStepSolver<double>();
            solver.Forward(f, new[] { 0.7, -0.3, 0.2, 0.9 }, 2, new SolverOptions(ButcherTableau.Rk4, 0.05, 30, AdjointClip: kappa), new double[4], record: true);
            var g0 = new double[4];
            solver.Backward(f, new[] { 1.0, -0.5, 0.25, 2.0 }, g0);
            gw = f.GradW;
            return g0;
        }
        Assert.Equal(Full(0, out var gw0), Full(1e30, out var gw1));
        Assert.Equal(gw0, gw1);
        Assert.Throws<ArgumentException>(() => new SolverOptions(ButcherTableau.Euler, 0.1, 10, AdjointClip: -1).Validate());
        Assert.Throws<ArgumentException>(() => new SolverOptions(ButcherTableau.Euler, 0.1, 10, AdjointClip: double.PositiveInfinity).Validate());
    }

    [Fact]
    public void BadOptionsAreRejected()
    {
        Assert.Throws<ArgumentException>(() => new SolverOptions(ButcherTableau.Euler, 0, 10).Validate());
        Assert.Throws<ArgumentException>(() => new SolverOptions(ButcherTableau.Euler, 0.1, -1).Validate());
        Assert.Throws<ArgumentException>(() => ButcherTableau.Parse("dopri9"));
        Assert.Throws<InvalidOperationException>(() => new FixedStepSolver<double>().Backward(new DecayField(new[] { 1.0 }), new[] { 1.0 }, new double[1]));
    }

    private static double[] Solve(IBatchVectorField<double> f, double[] x0, ButcherTableau tab, double horizon, int steps)
    {
        var xt = new double[x0.Length];
        new FixedStepSolver<double>().Forward(f, x0, 1, new SolverOptions(tab, horizon / steps, steps), xt);
        return xt;
    }

    private static double Slope(List<double> x, List<double> y)
    {
        double mx = x.Average(), my = y.Average();
        return x.Zip(y, (a, b) => (a - mx) * (b - my)).Sum() / x.Sum(a => (a - mx) * (a - mx));
    }

    private static void AssertClose(double expected, double actual)
    {
        double err = Math.Abs(expected - actual) / Math.Max(1e-6, Math.Abs(expected) + Math.Abs(actual));
        Assert.True(err < 1e-6, $"expected {expected}, got {actual} (relative error {err:E2})");
    }
}
