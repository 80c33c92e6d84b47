using Basin.Dynamics;
using Basin.Tensors;

namespace Basin.SaNode.Studies;

/// <summary>Fig. 5: sample MSE after perturbing one eigen-coefficient, per component (sorted ascending) and σ; Fig. 6: the fraction f.</summary>
/// <param name="Sigmas">Perturbation amplitudes σ.</param>
/// <param name="Order">Component indices j sorted by ascending MSE at the largest σ.</param>
/// <param name="Mse">Mse[rank][σ index]: sample MSE with component Order[rank] perturbed.</param>
/// <param name="BaselineMse">Sample MSE without perturbation.</param>
/// <param name="Threshold">MSE allowed for the fraction f: baseline + 5 % of a misclassification's MSE.</param>
/// <param name="FractionSigma">σ of the joint perturbations (the paper's Fig. 6: 1).</param>
/// <param name="JointMse">JointMse[k − 1]: sample MSE with the k least sensitive components (Order[0..k)) perturbed together at <paramref name="FractionSigma"/>.</param>
/// <param name="Fraction">f: the largest k/N such that every joint perturbation of up to k components stays within the threshold.</param>
public sealed record EigenPerturbationResult(double[] Sigmas, int[] Order, double[][] Mse, double BaselineMse, double Threshold, double FractionSigma,
    double[] JointMse, double Fraction);

/// <summary>
/// Robustness in reciprocal space (SA-nODE paper, Fig. 5–6): write an input as x = Φc (c = Φ⁻¹x, Φ the model's
/// eigenvector matrix), add Gaussian noise 𝒩(0, σ²) to chosen coefficients of c, integrate x' = Φc' to a steady state and
/// measure the sample MSE to the target attractor. The paper's "5 % degradation" of an MSE that is ≈ 0 for clean inputs is
/// read here as: the MSE may grow by at most 5 % of the MSE of landing in a wrong attractor, (2a)²·2b/N.
/// f is found by perturbing the least sensitive components first (the Fig. 5 order) and growing the set while the
/// sample MSE stays within that threshold. All perturbations share one draw of standard normal noise z (draws × N,
/// common random numbers), so component j always receives σ·z_dj: the single-component MSEs are comparable across j
/// and σ, and the joint MSE grows with k without fresh sampling noise at each k.
/// </summary>
public static class EigenPerturbation
{
    /// <summary>
    /// Runs both analyses for one input of class <paramref name="label"/>; the joint perturbations for f use
    /// <paramref name="fractionSigma"/> (default: the largest σ).
    /// </summary>
    public static EigenPerturbationResult Run(SaNodeModel<float> model, float[] input, int label, double[] sigmas, int draws, SolverOptions eval, ulong seed,
        double? fractionSigma = null)
    {
        var cfg = model.Config;
        int n = cfg.N;
        if (input.Length != n) throw new ArgumentException($"The input has {input.Length} pixels, the model N = {n}.");
        if (sigmas.Length == 0 || draws < 1) throw new ArgumentException("Need at least one σ and one draw.");
        var md = new SaNodeModel<double>(cfg);
        for (int i = 0; i < md.PhiTrain.Length; i++) md.PhiTrain.Span[i] = model.PhiTrain.Span[i];
        for (int i = 0; i < md.Lambda.Length; i++) md.Lambda.Span[i] = model.Lambda.Span[i];
        md.Gamma = model.Gamma;
        md.PrepareCoupling();
        var phi = BuildPhi(md);
        var psi = md.InverseCache;
        var c = new double[n];
        for (int i = 0; i < n; i++) { double s = 0; for (int j = 0; j < n; j++) s += psi[i * n + j] * input[j]; c[i] = s; }
        var runner = new SaNodeRunner<double>(md);
        runner.Refresh();
        var target = md.Patterns.Row(label).ToArray();
        var rng = new Rng(seed);
        var z = new double[draws * n];
        for (int i = 0; i < z.Length; i++) z[i] = rng.NextNormal();

        double SampleMse(ReadOnlySpan<int> components, double sigma)
        {
            var x0 = new double[draws * n];
            var cp = new double[n];
            for (int d = 0; d < draws; d++)
            {
                c.CopyTo(cp, 0);
                foreach (int j in components) cp[j] += sigma * z[d * n + j];
                for (int i = 0; i < n; i++) { double s = 0; for (int j = 0; j < n; j++) s += phi[i * n + j] * cp[j]; x0[d * n + i] = s; }
            }
            var xT = new double[x0.Length];
            runner.Predict(x0, draws, eval, xT);
            double e = 0;
            for (int d = 0; d < draws; d++) for (int i = 0; i < n; i++) { double q = xT[d * n + i] - target[i]; e += q * q; }
            return e / (draws * n);
        }

        double baseline = SampleMse([], 0);
        var single = new double[n][];
        for (int j = 0; j < n; j++) single[j] = sigmas.Select(s => SampleMse([j], s)).ToArray();
        var order = Enumerable.Range(0, n).OrderBy(j => single[j][^1]).ThenBy(j => j).ToArray();
        double wrong = 4 * cfg.A * cfg.A * 2.0 * cfg.BlockWidth / n;
        double threshold = baseline + 0.05 * wrong;
        double sigmaF = fractionSigma ?? sigmas[^1];
        var joint = new double[n];
        int m = 0;
        bool within = true;
        for (int k = 1; k <= n; k++)
        {
            joint[k - 1] = SampleMse(order.AsSpan(0, k), sigmaF);
            within &= joint[k - 1] <= threshold;
            if (within) m = k;
        }
        return new EigenPerturbationResult(sigmas, order, order.Select(j => single[j]).ToArray(), baseline, threshold, sigmaF, joint, (double)m / n);
    }

    private static double[] BuildPhi(SaNodeModel<double> m)
    {
        int n = m.Config.N, mm = n - m.Config.K, k = m.Config.K;
        var phi = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < mm; j++) phi[i * n + j] = m.PhiTrain[i, j];
            for (int j = 0; j < k; j++) phi[i * n + mm + j] = m.PhiFix[i, j];
        }
        return phi;
    }
}
