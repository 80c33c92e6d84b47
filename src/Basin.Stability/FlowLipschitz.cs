using Basin.Dynamics;
using Basin.SaNode;
using Basin.Tensors;

namespace Basin.Stability;

/// <summary>
/// Local Lipschitz constant of an SA-nODE's flow map Φ_T: x(0) ↦ x(T) at an input, i.e. the spectral norm ‖∂x(T)/∂x(0)‖₂,
/// by power iteration on JᵀJ: Jv from a central difference of two solves, Jᵀu from one recorded solve and the solver's
/// exact backward pass (double precision). Large values flag inputs near a basin boundary; deep inside a basin the map
/// contracts and the norm is small.
/// </summary>
public static class FlowLipschitz
{
    /// <summary>Returns ‖J‖₂ estimated with <paramref name="iterations"/> power iterations.</summary>
    public static double SpectralNorm(SaNodeRunner<double> runner, double[] x0, SolverOptions options, int iterations = 20, ulong seed = 1, double h = 1e-5)
    {
        int n = runner.Model.Config.N;
        if (x0.Length != n) throw new ArgumentException($"The input must have N = {n} values.");
        runner.Refresh();
        var v = Tensor.Normal(new Rng(seed), 0.0, 1.0, n).ToArray();
        Normalise(v);
        var solver = new FixedStepSolver<double>();
        var plus = new double[n]; var minus = new double[n]; var jv = new double[n]; var xt = new double[n]; var jtu = new double[n];
        var xp = new double[n]; var xm = new double[n];
        double sigma = 0;
        for (int it = 0; it < iterations; it++)
        {
            for (int i = 0; i < n; i++) { xp[i] = x0[i] + h * v[i]; xm[i] = x0[i] - h * v[i]; }
            solver.Forward(runner.Field, xp, 1, options, plus);
            solver.Forward(runner.Field, xm, 1, options, minus);
            for (int i = 0; i < n; i++) jv[i] = (plus[i] - minus[i]) / (2 * h);
            solver.Forward(runner.Field, x0, 1, options, xt, record: true);
            runner.Field.ZeroGradients();
            solver.Backward(runner.Field, jv, jtu);
            double norm = Math.Sqrt(jtu.Sum(z => z * z));
            sigma = Math.Sqrt(norm);
            if (norm == 0 || !double.IsFinite(norm)) return norm == 0 ? 0 : double.NaN;
            for (int i = 0; i < n; i++) v[i] = jtu[i] / norm;
        }
        return sigma;
    }

    private static void Normalise(double[] v)
    {
        double s = Math.Sqrt(v.Sum(z => z * z));
        for (int i = 0; i < v.Length; i++) v[i] /= s;
    }
}
