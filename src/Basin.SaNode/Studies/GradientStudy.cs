using Basin.Data;
using Basin.Dynamics;

namespace Basin.SaNode.Studies;

/// <summary>How far the loss follows its gradient at one training horizon: Δ = steps·Δt.</summary>
/// <param name="Steps">Euler steps of the horizon (Δt = 0.1).</param>
/// <param name="GradientNorm">‖∇L‖ over Φ_train, λ and γ on batch A (exact gradients).</param>
/// <param name="Radii">Step lengths ε along −∇L/‖∇L‖.</param>
/// <param name="Linearity">[L(θ + ε u) − L(θ − ε u)] / (2ε‖∇L‖) with u = ∇L/‖∇L‖: 1 while the loss is linear along the gradient.</param>
public sealed record GradientLinearity(int Steps, double GradientNorm, double[] Radii, double[] Linearity);

/// <summary>What one sign step (Adam's early update, θ ← θ − η sign ∇L) computed on batch A does to A and to other batches.</summary>
/// <param name="Steps">Euler steps of the horizon.</param>
/// <param name="AdjointClip">κ of the gradient (0 = exact).</param>
/// <param name="Rates">Step sizes η.</param>
/// <param name="ChangeOnA">Relative loss change on batch A per η.</param>
/// <param name="ChangeElsewhere">Mean relative loss change on the held-out batches per η.</param>
public sealed record SignStepTransfer(int Steps, double AdjointClip, double[] Rates, double[] ChangeOnA, double[] ChangeElsewhere);

/// <summary>Results of <see cref="GradientStudy.Run"/>.</summary>
public sealed record GradientStudyResult(IReadOnlyList<GradientLinearity> Linearity, IReadOnlyList<SignStepTransfer> Transfer, int BatchSize, int HeldOutBatches);

/// <summary>
/// Why long training horizons are hard: evaluates, in float64 on fixed training batches, (1) whether the MSE loss at
/// horizon T follows its gradient (central differences along ∇L against ‖∇L‖; L = MSE + the orthogonality penalty, the training objective, for ε from 10⁻⁷ to 10⁻³) and (2) whether a
/// sign step computed on one batch lowers the loss of other batches, with exact gradients and with the adjoint capped at
/// κ·‖∂L/∂x(T)‖ per sample (<see cref="SolverOptions.AdjointClip"/>). Near a basin boundary a trajectory's sensitivity
/// grows like e^{μT}; such samples dominate ∇L at long T although it describes the loss only within a tiny radius.
/// </summary>
public static class GradientStudy
{
    /// <summary>Runs the study on batches [0, B), [B, 2B), … of <paramref name="data"/>: the first is A, the next <paramref name="heldOut"/> are held out.</summary>
    public static GradientStudyResult Run(SaNodeModel<double> model, LabeledImages data, int[] steps, double[] adjointClips, int batchSize = 250,
        int heldOut = 2, double[]? radii = null, double[]? rates = null, IProgress<string>? progress = null, CancellationToken cancel = default)
    {
        int n = model.Config.N;
        if (data.PixelsPerImage != n) throw new ArgumentException($"The model has N = {n} nodes but '{data.Name}' images have {data.PixelsPerImage} pixels.");
        if (batchSize < 1 || heldOut < 1) throw new ArgumentException("Batch size and held-out batches must be ≥ 1.");
        if ((heldOut + 1) * batchSize > data.Count) throw new ArgumentException($"{heldOut + 1} batches of {batchSize} need {(heldOut + 1) * batchSize} images; '{data.Name}' has {data.Count}.");
        if (steps.Length == 0 || steps.Any(s => s < 1)) throw new ArgumentException("Give horizons of at least one step.");
        if (adjointClips.Any(k => k < 0 || !double.IsFinite(k))) throw new ArgumentException("Adjoint clips must be ≥ 0 (0 = exact).");
        radii ??= [1e-7, 1e-6, 1e-5, 1e-4, 1e-3];
        rates ??= [3e-6, 1e-5, 3e-5];
        var patterns = model.Patterns.ToArray();
        var batches = new (double[] X, double[] Y)[heldOut + 1];
        for (int b = 0; b <= heldOut; b++)
        {
            var x = new double[batchSize * n]; var y = new double[batchSize * n];
            for (int i = 0; i < batchSize; i++)
            {
                var img = data.Image(b * batchSize + i);
                for (int j = 0; j < n; j++) x[i * n + j] = img[j];
                patterns.AsSpan(data.Labels[b * batchSize + i] * n, n).CopyTo(y.AsSpan(i * n, n));
            }
            batches[b] = (x, y);
        }
        var runner = new SaNodeRunner<double>(model);
        var phi0 = model.PhiTrain.Span.ToArray(); var lam0 = model.Lambda.Span.ToArray(); double gamma0 = model.Gamma;
        void Set(double[] dPhi, double[] dLam, double dGamma, double s)
        {
            var p = model.PhiTrain.Span; var l = model.Lambda.Span;
            for (int i = 0; i < p.Length; i++) p[i] = phi0[i] + s * dPhi[i];
            for (int i = 0; i < l.Length; i++) l[i] = lam0[i] + s * dLam[i];
            model.Gamma = gamma0 + s * dGamma;
            runner.Refresh();
        }
        var zeroPhi = new double[phi0.Length]; var zeroLam = new double[lam0.Length];
        // The training objective: the MSE plus the orthogonality penalty, whose gradient TrainStep adds too.
        double Loss(int b, SolverOptions o) { var (mse, penalty) = runner.TrainStep(batches[b].X, batches[b].Y, batchSize, o, cancel); return mse + penalty; }
        var linearity = new List<GradientLinearity>();
        var transfer = new List<SignStepTransfer>();
        try
        {
            foreach (int s in steps)
            {
                var exact = new SolverOptions(ButcherTableau.Euler, 0.1, s, Clip: 10 * model.Config.A).Validate();
                Set(zeroPhi, zeroLam, 0, 0);
                var baseline = Enumerable.Range(0, heldOut + 1).Select(b => Loss(b, exact)).ToArray();
                foreach (double kappa in adjointClips.Prepend(0).Distinct())
                {
                    var opts = exact with { AdjointClip = kappa };
                    Set(zeroPhi, zeroLam, 0, 0);
                    runner.TrainStep(batches[0].X, batches[0].Y, batchSize, opts, cancel);
                    var gp = model.GradPhiTrain.Span.ToArray(); var gl = model.GradLambda.Span.ToArray(); double gg = model.GradGamma;
                    if (kappa == 0)
                    {
                        double norm = Math.Sqrt(gp.Sum(v => v * v) + gl.Sum(v => v * v) + gg * gg);
                        var up = gp.Select(v => v / norm).ToArray(); var ul = gl.Select(v => v / norm).ToArray(); double ug = gg / norm;
                        var lin = new double[radii.Length];
                        for (int i = 0; i < radii.Length; i++)
                        {
                            Set(up, ul, ug, -radii[i]); double minus = Loss(0, exact);
                            Set(up, ul, ug, radii[i]); double plus = Loss(0, exact);
                            lin[i] = (plus - minus) / (2 * radii[i] * norm);
                        }
                        linearity.Add(new GradientLinearity(s, norm, radii, lin));
                        progress?.Report($"T = {s * 0.1:G4}: |∇L| = {norm:E3}, linearity {string.Join(" ", lin.Select(v => v.ToString("F3")))}");
                    }
                    var sp = gp.Select(v => (double)Math.Sign(v)).ToArray(); var sl = gl.Select(v => (double)Math.Sign(v)).ToArray(); double sg = Math.Sign(gg);
                    var onA = new double[rates.Length]; var elsewhere = new double[rates.Length];
                    for (int i = 0; i < rates.Length; i++)
                    {
                        Set(sp, sl, sg, -rates[i]);
                        onA[i] = Loss(0, exact) / baseline[0] - 1;
                        double sum = 0;
                        for (int b = 1; b <= heldOut; b++) sum += Loss(b, exact) / baseline[b] - 1;
                        elsewhere[i] = sum / heldOut;
                    }
                    transfer.Add(new SignStepTransfer(s, kappa, rates, onA, elsewhere));
                    progress?.Report($"T = {s * 0.1:G4}, κ = {kappa}: sign steps change A by {string.Join(" ", onA.Select(v => v.ToString("P1")))}, held-out by {string.Join(" ", elsewhere.Select(v => v.ToString("P1")))}");
                }
            }
        }
        finally { Set(zeroPhi, zeroLam, 0, 0); }
        return new GradientStudyResult(linearity, transfer, batchSize, heldOut);
    }
}
