using Basin.Dynamics;
using Basin.Tensors;

namespace Basin.Dynamics.Tests;

/// <summary>Per-row step control (<see cref="AdaptiveOptions.PerRow"/>).</summary>
public class AdaptiveSolverPerRowTests
{
    public static TheoryData<string> Pairs => new(ButcherTableau.AdaptiveNames);

    /// <summary>
    /// A batch under per-row control gives every row exactly what solving that row alone gives (same first step): the rows
    /// share only the batched evaluations, not the controller.
    /// </summary>
    [Theory]
    [MemberData(nameof(Pairs))]
    public void Each_row_matches_its_own_solve(string name)
    {
        var (field, x0) = Batch(5);
        var o = new AdaptiveOptions(ButcherTableau.Parse(name), 0, 3, 1e-7, 1e-9, InitialStep: 0.01, MaxSteps: 100_000);
        var x = new double[x0.Length];
        var r = new AdaptiveSolver<double>().Solve(field, x0, 5, o with { PerRow = true }, x);
        int most = 0;
        long rowSteps = 0;
        for (int b = 0; b < 5; b++)
        {
            var alone = new double[4];
            var s = new AdaptiveSolver<double>().Solve(field, x0.AsSpan(b * 4, 4), 1, o, alone);
            for (int j = 0; j < 4; j++) Assert.Equal(alone[j], x[b * 4 + j], 13);
            most = Math.Max(most, s.AcceptedSteps);
            rowSteps += s.AcceptedSteps;
        }
        Assert.Equal(most, r.AcceptedSteps);
        Assert.Equal(rowSteps, r.RowSteps);
    }

    /// <summary>
    /// Rows on different time scales (decay rates 0.5 and 8): per-row control steps the slow rows with larger steps, so
    /// the row-steps and row evaluations fall below those of one step size for the batch, at the same accuracy.
    /// </summary>
    [Fact]
    public void Slow_rows_take_fewer_steps_than_with_one_step_size()
    {
        double[] rates = [0.5, 0.5, 0.5, 8];
        double[] x0 = [1, 0.5, 0.7, 0.5, 0.4, 0.5, 1, 8];
        var o = new AdaptiveOptions(ButcherTableau.Dopri5, 0, 2, 1e-8, 1e-10, MaxSteps: 100_000);
        var shared = new double[8];
        var perRow = new double[8];
        var a = new AdaptiveSolver<double>().Solve(new RateCarryingDecay(), x0, 4, o, shared);
        var b = new AdaptiveSolver<double>().Solve(new RateCarryingDecay(), x0, 4, o with { PerRow = true }, perRow);
        Assert.True(b.RowSteps < a.RowSteps, $"per-row {b.RowSteps} row-steps, one step size {a.RowSteps}");
        Assert.True(b.RowEvaluations < a.RowEvaluations, $"per-row {b.RowEvaluations} row evaluations, one step size {a.RowEvaluations}");
        for (int r = 0; r < 4; r++)
        {
            double exact = x0[2 * r] * Math.Exp(-2 * rates[r]);
            Assert.True(Math.Abs(perRow[2 * r] - exact) < 1e-7, $"row {r}: {perRow[2 * r]} vs {exact}");
            Assert.Equal(rates[r], perRow[2 * r + 1]);
        }
    }

    [Fact]
    public void Save_times_are_refused()
    {
        var (field, x0) = Batch(2);
        Assert.Throws<ArgumentException>(() => new AdaptiveSolver<double>().Solve(field, x0, 2,
            new AdaptiveOptions(ButcherTableau.Dopri5, 0, 1, 1e-6, 1e-8, PerRow: true), new double[x0.Length], [0.5], (_, _, _) => { }));
    }

    [Fact]
    public void MaxSteps_fails_naming_the_slowest_row()
    {
        var e = Assert.Throws<StepSizeException>(() => new AdaptiveSolver<double>().Solve(new LorenzField(), [1, 1, 1, 2, 2, 2], 2,
            new AdaptiveOptions(ButcherTableau.Dopri5, 0, 10, 1e-8, 1e-10, MaxSteps: 40, PerRow: true), new double[6]));
        Assert.Contains("MaxSteps = 40", e.Message);
        Assert.Contains("furthest behind", e.Message);
        Assert.InRange(e.Time, 1e-6, 10);
    }

    private static (CubicLinearField, double[]) Batch(int rows)
    {
        var rng = new Rng(11);
        var w = new double[16];
        rng.FillNormal<double>(w, 0, 0.5);
        var x0 = new double[4 * rows];
        rng.FillNormal<double>(x0, 0, 0.8);
        return (new CubicLinearField(4, 0.5, w), x0);
    }

    /// <summary>Rows (x, λ) with x' = −λx, λ' = 0: each row carries its own decay rate wherever the solver moves it.</summary>
    private sealed class RateCarryingDecay : IBatchVectorField<double>
    {
        public int Dimension => 2;

        public void Evaluate(ReadOnlySpan<double> u, Span<double> k, int batch)
        {
            for (int r = 0; r < batch; r++) { k[2 * r] = -u[2 * r + 1] * u[2 * r]; k[2 * r + 1] = 0; }
        }

        public void VectorJacobianProduct(ReadOnlySpan<double> u, ReadOnlySpan<double> c, Span<double> du, int batch, bool accumulateParameters)
        {
            for (int r = 0; r < batch; r++) { du[2 * r] = -u[2 * r + 1] * c[2 * r]; du[2 * r + 1] = -u[2 * r] * c[2 * r]; }
        }
    }
}
