using Basin.Dynamics;
using Basin.Tensors;

namespace Basin.Dynamics.Tests;

public class AdaptiveSolverTests
{
    public static TheoryData<string> Pairs => new(ButcherTableau.AdaptiveNames);

    private static readonly double[] LorenzStart = [1, 1, 1];

    private static readonly Lazy<double[]> LorenzReference = new(() =>
        EmbeddedPairTests.Solve(new LorenzField(), LorenzStart, ButcherTableau.Dopri5, 1, 20000));

    /// <summary>
    /// On the Lorenz system over t ∈ [0, 1] the adaptive solution's relative error against a tight reference (Dopri5,
    /// 20 000 fixed steps) stays within a small multiple of rtol, and falls when rtol does.
    /// </summary>
    [Theory]
    [MemberData(nameof(Pairs))]
    public void Meets_rtol_on_Lorenz(string name)
    {
        var reference = LorenzReference.Value;
        double norm = Math.Sqrt(reference.Sum(v => v * v));
        double previous = double.PositiveInfinity;
        foreach (double rtol in new[] { 1e-4, 1e-6, 1e-8 })
        {
            var x = new double[3];
            var r = new AdaptiveSolver<double>().Solve(new LorenzField(), LorenzStart, 1,
                new AdaptiveOptions(ButcherTableau.Parse(name), 0, 1, rtol, rtol * 1e-2, MaxSteps: 100_000), x);
            double rel = EmbeddedPairTests.Distance(x, reference) / norm;
            Assert.True(rel < 10 * rtol, $"{name} rtol {rtol}: relative error {rel:E2} after {r.AcceptedSteps} steps");
            Assert.True(rel < previous, $"{name}: error {rel:E2} at rtol {rtol} is not below {previous:E2}");
            previous = rel;
        }
    }

    /// <summary>At tight tolerances the adaptive solve and a fine fixed-step solve agree on a nonlinear batch, row by row.</summary>
    [Theory]
    [MemberData(nameof(Pairs))]
    public void Agrees_with_fixed_steps_at_small_tolerances(string name)
    {
        var rng = new Rng(7);
        var w = new double[16];
        rng.FillNormal<double>(w, 0, 0.5);
        var field = new CubicLinearField(4, 0.5, w);
        var x0 = new double[4 * 5];
        rng.FillNormal<double>(x0, 0, 0.8);
        var fixedX = EmbeddedPairTests.Solve(field, x0, ButcherTableau.Rk4, 3, 3000);
        var x = new double[x0.Length];
        var r = new AdaptiveSolver<double>().Solve(field, x0, 5, new AdaptiveOptions(ButcherTableau.Parse(name), 0, 3, 1e-10, 1e-12, MaxSteps: 100_000), x);
        Assert.True(EmbeddedPairTests.Distance(x, fixedX) < 1e-8, $"{name}: |adaptive − fixed| = {EmbeddedPairTests.Distance(x, fixedX):E2} ({r.AcceptedSteps} steps)");
    }

    /// <summary>
    /// Dense output on the rotation (exact solution known): the states read at 41 times between steps are as accurate as
    /// the step ends, at two tolerances, and the last requested time T1 returns x(T1) exactly.
    /// </summary>
    [Theory]
    [MemberData(nameof(Pairs))]
    public void Dense_output_matches_the_solution_between_steps(string name)
    {
        foreach (double tol in new[] { 1e-6, 1e-9 })
        {
            var times = Enumerable.Range(0, 41).Select(i => i * 0.1).ToArray();
            var seen = new double[times.Length * 2];
            var x = new double[2];
            var r = new AdaptiveSolver<double>().Solve(new RotationField(), [1, 0.5], 1,
                new AdaptiveOptions(ButcherTableau.Parse(name), 0, 4, tol, tol, MaxSteps: 100_000), x, times,
                (i, t, s) => { Assert.Equal(times[i], t); s.CopyTo(seen.AsSpan(2 * i)); });
            double worst = 0;
            for (int i = 0; i < times.Length; i++)
            {
                var (ex, ey) = RotationField.Exact(1, 0.5, times[i]);
                worst = Math.Max(worst, Math.Max(Math.Abs(seen[2 * i] - ex), Math.Abs(seen[2 * i + 1] - ey)));
            }
            Assert.True(worst < 50 * tol, $"{name} tol {tol}: dense output error {worst:E2} ({r.AcceptedSteps} steps)");
            Assert.Equal(x[0], seen[^2]);
            Assert.Equal(x[1], seen[^1]);
        }
    }

    /// <summary>
    /// Inside one step of size h the dense output's worst error over θ = 0.1 … 0.9 falls like h^{q+1}: q = 4 for Dopri5's
    /// quartic and Tsit5's continuous weights, q = 3 for the cubic Hermite of Bosh3, q = 7 for DOP853's interpolant.
    /// </summary>
    [Theory]
    [InlineData("dopri8", 8, 0.8)] // reaches rounding (2e-16) by h = 0.05
    [InlineData("dopri5", 5, 0.2)]
    [InlineData("tsit5", 5, 0.2)]
    [InlineData("bosh3", 4, 0.2)]
    public void Interpolant_has_its_local_order(string name, int localOrder, double largest)
    {
        var hs = new List<double>(); var es = new List<double>();
        var thetas = Enumerable.Range(1, 9).Select(i => i / 10.0).ToArray();
        foreach (double h in new[] { largest, largest / 2, largest / 4 })
        {
            double worst = 0;
            new AdaptiveSolver<double>().Solve(new RotationField(), [1, 0.5], 1,
                new AdaptiveOptions(ButcherTableau.Parse(name), 0, h, 1, 1, InitialStep: h), new double[2], thetas.Select(th => th * h).ToArray(),
                (_, t, s) => { var (ex, ey) = RotationField.Exact(1, 0.5, t); worst = Math.Max(worst, Math.Max(Math.Abs(s[0] - ex), Math.Abs(s[1] - ey))); });
            hs.Add(Math.Log(h)); es.Add(Math.Log(worst));
        }
        double slope = (es[^1] - es[0]) / (hs[^1] - hs[0]);
        Assert.True(slope > localOrder - 0.5, $"{name}: interpolation error slope {slope:F2}, expected ≥ {localOrder}; errors {string.Join(", ", es.Select(Math.Exp))}");
    }

    /// <summary>
    /// What an eighth-order pair is for: at rtol = 10⁻¹⁰ on Lorenz, DOP853 meets the tolerance with fewer field
    /// evaluations than Dopri5 (Hairer, Nørsett &amp; Wanner §II.10: the high-order pair wins at tight tolerances).
    /// </summary>
    [Fact]
    public void Dopri8_needs_fewer_evaluations_than_dopri5_at_tight_tolerances()
    {
        long Evaluations(ButcherTableau t)
        {
            var x = new double[3];
            var r = new AdaptiveSolver<double>().Solve(new LorenzField(), LorenzStart, 1, new AdaptiveOptions(t, 0, 1, 1e-10, 1e-12, MaxSteps: 100_000), x);
            var reference = LorenzReference.Value;
            double rel = EmbeddedPairTests.Distance(x, reference) / Math.Sqrt(reference.Sum(v => v * v));
            Assert.True(rel < 1e-8, $"{t.Name}: relative error {rel:E2}");
            return r.Evaluations;
        }
        long dopri8 = Evaluations(ButcherTableau.Dopri8), dopri5 = Evaluations(ButcherTableau.Dopri5);
        Assert.True(dopri8 < dopri5, $"dopri8 {dopri8} evaluations, dopri5 {dopri5}");
    }

    [Fact]
    public void Integrates_backwards_in_time()
    {
        var x = new double[2];
        var r = new AdaptiveSolver<double>().Solve(new DecayField([1.0, 2.0]), [Math.Exp(-1), Math.Exp(-2)], 1,
            new AdaptiveOptions(ButcherTableau.Dopri5, 1, 0, 1e-9, 1e-12), x);
        Assert.Equal(1, x[0], 7);
        Assert.Equal(1, x[1], 7);
        Assert.Equal(0, r.Time);
    }

    /// <summary>Rows whose velocity falls below the tolerance retire with their state; the others integrate on to T1.</summary>
    [Fact]
    public void Settled_rows_retire()
    {
        var field = new DecayField([4.0]);
        double[] x0 = [1, 1e-6, 0.5, 2e-7];
        var x = new double[4];
        var all = new double[4];
        var o = new AdaptiveOptions(ButcherTableau.Dopri5, 0, 3, 1e-8, 1e-10);
        var full = new AdaptiveSolver<double>().Solve(field, x0, 4, o, all);
        var r = new AdaptiveSolver<double>().Solve(field, x0, 4, o with { SettleTolerance = 1e-5 }, x);
        Assert.True(r.RowSteps < 4L * r.AcceptedSteps, $"{r.RowSteps} row-steps in {r.AcceptedSteps} steps");
        Assert.Equal(4L * full.AcceptedSteps, full.RowSteps);
        Assert.Equal(4L * full.Evaluations, full.RowEvaluations);
        Assert.True(r.RowEvaluations < 4L * r.Evaluations);
        for (int i = 0; i < 4; i++) Assert.True(Math.Abs(x[i] - all[i]) < 1e-5 / 4, $"row {i}: {x[i]} vs {all[i]}");
        Assert.Throws<ArgumentException>(() => new AdaptiveSolver<double>().Solve(field, x0, 4, o with { SettleTolerance = 1e-5 }, x, [1.0], (_, _, _) => { }));
    }

    [Fact]
    public void Fsal_pairs_cost_stages_minus_one_evaluations_per_step()
    {
        var field = new LorenzField();
        var r = new AdaptiveSolver<double>().Solve(field, LorenzStart, 1, new AdaptiveOptions(ButcherTableau.Dopri5, 0, 1, 1e-6, 1e-8), new double[3]);
        Assert.Equal(2 + 6L * (r.AcceptedSteps + r.RejectedSteps), r.Evaluations);
        Assert.Equal(r.Evaluations, field.Evaluations);
    }

    [Fact]
    public void MaxSteps_fails_with_the_time_and_step()
    {
        var e = Assert.Throws<StepSizeException>(() => new AdaptiveSolver<double>().Solve(new LorenzField(), LorenzStart, 1,
            new AdaptiveOptions(ButcherTableau.Dopri5, 0, 10, 1e-8, 1e-10, MaxSteps: 50), new double[3]));
        Assert.Equal(50, e.Steps);
        Assert.InRange(e.Time, 1e-6, 10);
        Assert.Contains("MaxSteps = 50", e.Message);
        Assert.Contains(FormattableString.Invariant($"t = {e.Time:G10}"), e.Message);
        Assert.Contains("Δt = ", e.Message);
    }

    /// <summary>x' = x² from x₀ = 1 blows up at t = 1: the step shrinks to the floor and the solve fails there, naming t ≈ 1.</summary>
    [Theory]
    [InlineData(0.0)]
    [InlineData(1e-6)]
    public void A_step_below_the_minimum_fails_near_the_singularity(double minStep)
    {
        var e = Assert.Throws<StepSizeException>(() => new AdaptiveSolver<double>().Solve(new BlowUpField(), [1.0], 1,
            new AdaptiveOptions(ButcherTableau.Dopri5, 0, 2, 1e-6, 1e-6, MinStep: minStep, MaxSteps: 1_000_000), new double[1]));
        Assert.InRange(e.Time, 0.99, 1.001);
        Assert.True(minStep == 0 || e.Step < minStep);
        Assert.Contains("fell below the minimum", e.Message);
        Assert.Contains(FormattableString.Invariant($"stopped at t = {e.Time:G10}"), e.Message);
    }

    [Fact]
    public void Refuses_a_method_without_an_estimate_and_missing_tolerances()
    {
        var e = Assert.Throws<ArgumentException>(() => new AdaptiveOptions(ButcherTableau.Rk4, 0, 1, 1e-6, 1e-8).Validate());
        Assert.Contains("bosh3, dopri5, tsit5", e.Message);
        Assert.Throws<ArgumentException>(() => new AdaptiveOptions(ButcherTableau.Dopri5, 0, 1, 0, 0).Validate());
        Assert.Throws<ArgumentException>(() => new AdaptiveOptions(ButcherTableau.Dopri5, 0, 1, 1e-6, -1).Validate());
    }

    [Fact]
    public void Refuses_an_rtol_below_the_precision_of_the_state()
    {
        var e = Assert.Throws<ArgumentException>(() => new AdaptiveSolver<float>().Solve(new FloatDecay(), [1f], 1,
            new AdaptiveOptions(ButcherTableau.Dopri5, 0, 1, 1e-9, 1e-11), new float[1]));
        Assert.Contains("Single", e.Message);
        var x = new float[1];
        new AdaptiveSolver<float>().Solve(new FloatDecay(), [1f], 1, new AdaptiveOptions(ButcherTableau.Dopri5, 0, 1, 1e-6, 1e-8), x);
        Assert.Equal(Math.Exp(-1), x[0], 5);
    }

    private sealed class FloatDecay : IBatchVectorField<float>
    {
        public int Dimension => 1;
        public void Evaluate(ReadOnlySpan<float> u, Span<float> k, int batch) { for (int i = 0; i < batch; i++) k[i] = -u[i]; }
        public void VectorJacobianProduct(ReadOnlySpan<float> u, ReadOnlySpan<float> c, Span<float> du, int batch, bool accumulateParameters) =>
            throw new NotSupportedException();
    }

    [Fact]
    public void Pid_defaults_are_diffrax_and_the_i_controller()
    {
        var c = PidController.Default;
        Assert.Equal((0.0, 1.0, 0.0, 0.2, 10.0, 0.9), (c.PCoeff, c.ICoeff, c.DCoeff, c.FactorMin, c.FactorMax, c.Safety));
        Assert.Equal(0.9 * Math.Pow(1 / 0.5, 1.0 / 5), c.Factor(true, 1 / 0.5, 3, 7, 5), 12);   // I controller: prior errors unused
        Assert.Equal(1, c.Factor(true, 1 / 0.99, 1, 1, 5));                                        // an accepted step never shrinks
        Assert.Equal(0.2, c.Factor(false, 1e-9, 1, 1, 5));                                          // a rejected one shrinks at most 5×
        Assert.Equal(10, c.Factor(true, double.PositiveInfinity, 1, 1, 5));
    }
}
