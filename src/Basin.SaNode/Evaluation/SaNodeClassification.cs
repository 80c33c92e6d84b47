using Basin.Dynamics;

namespace Basin.SaNode.Evaluation;

/// <summary>The class of one image: where the flow took it.</summary>
/// <param name="Source">The image, in words.</param>
/// <param name="Class">Nearest attractor k of x(T) (largest x·φ⁽ᵏ⁾).</param>
/// <param name="Overlap">m = x(T)·φ⁽ᵏ⁾/(N a²) with that attractor.</param>
/// <param name="SignOverlap">Share of nodes whose sign agrees with φ⁽ᵏ⁾.</param>
/// <param name="Converged">Sign overlap ≥ 0.95: x(T) has settled in the attractor.</param>
/// <param name="Horizon">T = steps·Δt.</param>
/// <param name="Overlaps">m with every attractor (rounded to 6 decimals).</param>
/// <param name="Label">The image's label when known.</param>
public sealed record SaNodeClassifyResult(string Source, int Class, double Overlap, double SignOverlap, bool Converged, double Horizon,
    double[] Overlaps, int? Label);

/// <summary>Classifies one image with a trained SA-nODE: integrate it to T with Euler and read the nearest attractor.</summary>
public static class SaNodeClassification
{
    /// <summary>Integrates <paramref name="pixels"/> (N values in [0, 1]) for <paramref name="steps"/> Euler steps of <paramref name="dt"/>.</summary>
    public static SaNodeClassifyResult Classify(SaNodeModel<float> m, float[] pixels, int steps, double dt, string source = "image", int? label = null)
    {
        int n = m.Config.N;
        if (pixels.Length != n) throw new ArgumentException($"{source} has {pixels.Length} pixels but the model has N = {n} nodes.");
        var opts = new SolverOptions(ButcherTableau.Euler, dt, steps, Clip: 10 * m.Config.A).Validate();
        var runner = new SaNodeRunner<float>(m);
        runner.Refresh();
        var xT = new float[n];
        runner.Predict(pixels, 1, opts, xT);
        var patterns = m.Patterns.ToArray();
        int best = SaNodeMetrics.Nearest<float>(xT, patterns, n);
        double a2n = m.Config.A * m.Config.A * n;
        var overlaps = new double[m.Config.K];
        for (int k = 0; k < overlaps.Length; k++)
            for (int i = 0; i < n; i++) overlaps[k] += xT[i] * patterns[k * n + i] / a2n;
        int agree = 0;
        for (int i = 0; i < n; i++) if (Math.Sign(xT[i]) == Math.Sign(patterns[best * n + i])) agree++;
        double sign = (double)agree / n;
        return new SaNodeClassifyResult(source, best, overlaps[best], sign, sign >= 0.95, opts.Steps * opts.Dt,
            overlaps.Select(o => Math.Round(o, 6)).ToArray(), label);
    }
}
