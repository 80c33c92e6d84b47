using Basin.Dynamics;
using Basin.Tensors;

namespace Basin.Dynamics.Tests;

public class BacksolveAdjointTests
{
    /// <summary>
    /// For L = c·x(T), T = 1, on a nonlinear batch: the backsolve adjoint (RK4, Δt = 0.01, integrated back from x(T))
    /// matches central differences of the RK4 forward pass in ∂L/∂W, ∂L/∂θ and ∂L/∂x(0), to the continuous adjoint's
    /// O(Δt⁴) discretisation error.
    /// </summary>
    [Fact]
    public void Backsolve_gradient_matches_finite_differences()
    {
        var rng = new Rng(9);
        var w = new double[9];
        rng.FillNormal<double>(w, 0, 0.5);
        var field = new CubicLinearField(3, 0.5, w);
        double[] x0 = [0.7, -0.4, 0.2, -0.3, 0.9, 0.5];
        double[] c = [0.3, -0.7, 0.5, 0.2, 0.4, -0.6];
        var o = new SolverOptions(ButcherTableau.Rk4, 0.01, 100);
        double Loss(double[] start)
        {
            var xT = new double[6];
            new FixedStepSolver<double>().Forward(field, start, 2, o, xT);
            return xT.Zip(c, (a, b) => a * b).Sum();
        }
        var end = new double[6];
        new FixedStepSolver<double>().Forward(field, x0, 2, o, end);
        Array.Clear(field.GradW); field.GradTheta = 0;
        var gx0 = new double[6];
        long vjps = new BacksolveAdjoint<double>().Gradient(field, end, c, 2, ButcherTableau.Rk4, 0.01, 100, gx0);
        Assert.Equal(400, vjps);
        var gw = (double[])field.GradW.Clone();
        double gTheta = field.GradTheta;
        const double eps = 1e-6;
        for (int k = 0; k < 9; k++)
        {
            double v = w[k];
            w[k] = v + eps; double lp = Loss(x0);
            w[k] = v - eps; double lm = Loss(x0);
            w[k] = v;
            double fd = (lp - lm) / (2 * eps);
            Assert.True(Math.Abs(fd - gw[k]) < 1e-6, $"W[{k}]: backsolve {gw[k]:G10}, finite difference {fd:G10}");
        }
        field.Theta = 0.5 + eps; double tp = Loss(x0);
        field.Theta = 0.5 - eps; double tm = Loss(x0);
        field.Theta = 0.5;
        Assert.True(Math.Abs((tp - tm) / (2 * eps) - gTheta) < 1e-6, $"θ: backsolve {gTheta:G10}, finite difference {(tp - tm) / (2 * eps):G10}");
        for (int i = 0; i < 6; i++)
        {
            var p = (double[])x0.Clone(); p[i] += eps;
            var m = (double[])x0.Clone(); m[i] -= eps;
            double fd = (Loss(p) - Loss(m)) / (2 * eps);
            Assert.True(Math.Abs(fd - gx0[i]) < 1e-6, $"x0[{i}]: backsolve {gx0[i]:G10}, finite difference {fd:G10}");
        }
    }

    [Fact]
    public void Bad_arguments_are_refused()
    {
        var field = new CubicLinearField(3, 0.5, new double[9]);
        Assert.Throws<ArgumentException>(() => new BacksolveAdjoint<double>().Gradient(field, new double[3], new double[3], 1, ButcherTableau.Rk4, 0, 10, new double[3]));
        Assert.Throws<ArgumentException>(() => new BacksolveAdjoint<double>().Gradient(field, new double[2], new double[3], 1, ButcherTableau.Rk4, 0.1, 10, new double[3]));
    }
}
