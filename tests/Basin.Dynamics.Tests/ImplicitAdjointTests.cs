using Basin.Dynamics;
using Basin.Tensors;

namespace Basin.Dynamics.Tests;

public class ImplicitAdjointTests
{
    /// <summary>
    /// F(x) = −θx³ + xW with W ≈ diag(0.6, 0.8, 1) has stable fixed points away from 0 that move with W. For
    /// L = c·x*, the implicit gradient (∂F/∂W)ᵀλ with Jᵀλ = −c matches central differences of L(x*(W)), row by row in a
    /// batch of two starts that reach two different attractors.
    /// </summary>
    [Fact]
    public void Implicit_gradient_matches_finite_differences_of_the_fixed_point()
    {
        var field = Field();
        double[] x0 = [1, 1, 1, -1, 0.8, -1.2];
        double[] c = [0.3, -0.7, 0.5, 0.2, 0.4, -0.6];
        var xStar = FixedPoint(field, x0);
        Assert.True(Math.Abs(xStar[0] - xStar[3]) > 0.5, "the two starts should reach different attractors");
        var lambda = new double[6];
        Array.Clear(field.GradW);
        var r = new ImplicitAdjoint<double>().Solve(field, xStar, c, 2, lambda, tolerance: 1e-12);
        Assert.True(r.Converged && r.MaxRelativeResidual < 1e-10, $"residual {r.MaxRelativeResidual:E2} after {r.Iterations} iterations");
        var grad = (double[])field.GradW.Clone();
        const double eps = 1e-6;
        for (int k = 0; k < 9; k++)
        {
            double w = field.W[k];
            field.W[k] = w + eps; double lp = Loss(FixedPoint(field, x0), c);
            field.W[k] = w - eps; double lm = Loss(FixedPoint(field, x0), c);
            field.W[k] = w;
            double fd = (lp - lm) / (2 * eps);
            Assert.True(Math.Abs(fd - grad[k]) < 1e-6 * Math.Max(1, Math.Abs(fd)), $"W[{k}]: implicit {grad[k]:G10}, finite difference {fd:G10}");
        }
    }

    /// <summary>
    /// The implicit gradient is the discrete adjoint's limit: backpropagating through RK4 steps to T = 40, where x(T) = x*
    /// to rounding, gives the same ∂L/∂W.
    /// </summary>
    [Fact]
    public void Implicit_gradient_equals_the_discrete_adjoint_at_a_long_horizon()
    {
        var field = Field();
        double[] x0 = [1, 1, 1];
        double[] c = [0.3, -0.7, 0.5];
        var solver = new FixedStepSolver<double>();
        var xT = new double[3];
        solver.Forward(field, x0, 1, new SolverOptions(ButcherTableau.Rk4, 0.01, 4000), xT, record: true);
        Array.Clear(field.GradW);
        solver.Backward(field, c, new double[3]);
        var discrete = (double[])field.GradW.Clone();
        Array.Clear(field.GradW);
        new ImplicitAdjoint<double>().Solve(field, xT, c, 1, new double[3], tolerance: 1e-12);
        for (int k = 0; k < 9; k++) Assert.True(Math.Abs(discrete[k] - field.GradW[k]) < 1e-8, $"W[{k}]: discrete {discrete[k]:G10}, implicit {field.GradW[k]:G10}");
    }

    [Fact]
    public void A_zero_cotangent_gives_zero_and_bad_buffers_are_refused()
    {
        var field = Field();
        var lambda = new double[3] { 9, 9, 9 };
        var r = new ImplicitAdjoint<double>().Solve(field, [1, 1, 1], new double[3], 1, lambda);
        Assert.True(r.Converged);
        Assert.All(lambda, v => Assert.Equal(0, v));
        Assert.Throws<ArgumentException>(() => new ImplicitAdjoint<double>().Solve(field, [1, 1], new double[3], 1, new double[3]));
    }

    internal static CubicLinearField Field()
    {
        var rng = new Rng(5);
        var w = new double[9];
        rng.FillNormal<double>(w, 0, 0.05);
        w[0] += 0.6; w[4] += 0.8; w[8] += 1.0;
        return new CubicLinearField(3, 0.5, w);
    }

    private static double[] FixedPoint(CubicLinearField field, double[] x0)
    {
        var x = new double[x0.Length];
        new AdaptiveSolver<double>().Solve(field, x0, x0.Length / 3, new AdaptiveOptions(ButcherTableau.Dopri5, 0, 200, 1e-13, 1e-15, MaxSteps: 1_000_000), x);
        return x;
    }

    private static double Loss(double[] x, double[] c) => x.Zip(c, (a, b) => a * b).Sum();
}
