using Basin.Dynamics;
using Basin.Tensors;

namespace Basin.Dynamics.Tests;

public class EmbeddedPairTests
{
    public static TheoryData<string> Pairs => new(ButcherTableau.AdaptiveNames);

    [Fact]
    public void The_catalogue_lists_the_pairs_once_and_parses_them()
    {
        Assert.Equal(["bosh3", "dopri5", "tsit5", "dopri8"], ButcherTableau.AdaptiveNames);
        Assert.Equal(ButcherTableau.Names.Count, ButcherTableau.Names.Distinct().Count());
        foreach (var name in ButcherTableau.AdaptiveNames) Assert.Contains(name, ButcherTableau.Names);
        Assert.Same(ButcherTableau.Dopri5, ButcherTableau.Parse("DOPRI5"));
        Assert.Contains("dopri5 (order 5(4), adaptive)", ButcherTableau.Describe());
        Assert.Contains("dopri8 (order 8(5,3), adaptive)", ButcherTableau.Describe());
        Assert.False(ButcherTableau.Rk4.IsAdaptive);
    }

    /// <summary>Row sums of A are the nodes c, Σb = Σb̂ = 1 (so Σe = 0), and the pairs are FSAL.</summary>
    [Theory]
    [MemberData(nameof(Pairs))]
    public void Tableau_is_consistent_and_fsal(string name)
    {
        var t = ButcherTableau.Parse(name);
        for (int i = 0; i < t.Stages; i++) Assert.Equal(t.C[i], t.A[i].Sum(), 12);
        Assert.Equal(1, t.B.Sum(), 12);
        Assert.Equal(1, t.BHat!.Sum(), 12);
        Assert.Equal(0, t.ErrorWeights!.Sum(), 12);
        if (t.SecondBHat is { } second) Assert.Equal(1, second.Sum(), 12);
        Assert.True(t.IsFsal);
        Assert.Equal(t.Stages - 1, t.FixedStepStages);
    }

    /// <summary>
    /// On the rotation x' = −y, y' = x (exact solution known) the global error of fixed steps has slope p. An order-8
    /// method reaches rounding (10⁻¹⁵) by 20 steps, so it is fitted over 3…8 steps (errors 10⁻⁸…10⁻¹²).
    /// </summary>
    [Theory]
    [MemberData(nameof(Pairs))]
    public void Pair_converges_at_its_order_on_the_rotation(string name)
    {
        var t = ButcherTableau.Parse(name);
        var (ex, ey) = RotationField.Exact(1, 0.5, 2);
        var slope = FitSlope(new RotationField(), [1, 0.5], t, 2, t.Order >= 8 ? [3, 4, 6, 8] : [10, 20, 40, 80], x => Math.Sqrt(Sq(x[0] - ex) + Sq(x[1] - ey)));
        Assert.InRange(slope, t.Order - 0.25, t.Order + 0.35);
    }

    /// <summary>The embedded solution (weights b̂) alone converges at its order p̂ on a nonlinear field.</summary>
    [Theory]
    [MemberData(nameof(Pairs))]
    public void Embedded_solution_converges_at_its_order(string name)
    {
        var t = ButcherTableau.Parse(name);
        var (field, x0) = Nonlinear();
        var reference = Solve(field, x0, ButcherTableau.Rk4, 1, 4096);
        var slope = FitSlope(field, x0, t.EmbeddedMethod!, 1, [10, 20, 40, 80], x => Distance(x, reference));
        Assert.InRange(slope, t.EmbeddedOrder - 0.25, t.EmbeddedOrder + 0.4);
    }

    /// <summary>
    /// The second embedded solution of a pair with two estimates (DOP853's order-3 weights b − e³) converges at its order.
    /// </summary>
    [Fact]
    public void Second_embedded_solution_of_dopri8_converges_at_order_3()
    {
        var t = ButcherTableau.Dopri8;
        var (field, x0) = Nonlinear();
        var reference = Solve(field, x0, ButcherTableau.Rk4, 1, 4096);
        var slope = FitSlope(field, x0, t.SecondEmbeddedMethod!, 1, [10, 20, 40, 80], x => Distance(x, reference));
        Assert.Equal(3, t.SecondEmbeddedOrder);
        Assert.InRange(slope, 2.75, 3.4);
    }

    /// <summary>The one-step error estimate x' − x̂' = Δt Σ eᵢkᵢ is O(Δt^{p̂+1}) (for single-estimate pairs, the controller's error order).</summary>
    [Theory]
    [MemberData(nameof(Pairs))]
    public void Error_estimate_has_the_local_order(string name)
    {
        var t = ButcherTableau.Parse(name);
        var (field, x0) = Nonlinear();
        var hs = new List<double>(); var es = new List<double>();
        foreach (double h in new[] { 0.2, 0.1, 0.05, 0.025 })
        {
            var full = Solve(field, x0, t, h, 1);
            var low = Solve(field, x0, t.EmbeddedMethod!, h, 1);
            hs.Add(Math.Log(h)); es.Add(Math.Log(Distance(full, low)));
        }
        Assert.InRange(Slope(hs, es), t.EmbeddedOrder + 0.7, t.EmbeddedOrder + 1.4);
    }

    private static (CubicLinearField, double[]) Nonlinear()
    {
        var rng = new Rng(3);
        var w = new double[9];
        rng.FillNormal<double>(w, 0, 0.4);
        return (new CubicLinearField(3, 0.5, w), [0.7, -0.4, 0.2]);
    }

    private static double FitSlope(IBatchVectorField<double> f, double[] x0, ButcherTableau t, double horizon, int[] steps, Func<double[], double> error)
    {
        var hs = new List<double>(); var es = new List<double>();
        foreach (int s in steps)
        {
            hs.Add(Math.Log(horizon / s));
            es.Add(Math.Log(error(Solve(f, x0, t, horizon, s))));
        }
        return Slope(hs, es);
    }

    internal static double[] Solve(IBatchVectorField<double> f, double[] x0, ButcherTableau tab, double horizon, int steps)
    {
        var xt = new double[x0.Length];
        new FixedStepSolver<double>().Forward(f, x0, x0.Length / f.Dimension, new SolverOptions(tab, horizon / steps, steps), xt);
        return xt;
    }

    internal static double Distance(double[] a, double[] b) => Math.Sqrt(a.Zip(b, (x, y) => Sq(x - y)).Sum());

    private static double Sq(double x) => x * x;

    private static double Slope(List<double> x, List<double> y)
    {
        double mx = x.Average(), my = y.Average();
        return x.Zip(y, (a, b) => (a - mx) * (b - my)).Sum() / x.Sum(a => (a - mx) * (a - mx));
    }
}
