using Basin.Data;
using Basin.Dynamics;
using Basin.SaNode;
using Basin.SaNode.Analysis;
using Basin.Tensors;
using Basin.Tensors.Statistics;

namespace Basin.Stability;

/// <summary>What <see cref="AttractorStability"/> computes.</summary>
/// <param name="Attractors">Attractors to start next to (at most K).</param>
/// <param name="Exponents">Number p of Lyapunov exponents.</param>
/// <param name="Time">Integration time of each orbit (RK4).</param>
/// <param name="Dt">RK4 step.</param>
/// <param name="LipschitzCount">Test images at which ‖∂x(T)/∂x(0)‖₂ is estimated (0 = skip).</param>
/// <param name="LipschitzSteps">Euler steps of Δt = 0.1 of the flow map for the Lipschitz estimate.</param>
public sealed record AttractorStabilityOptions(int Attractors = 3, int Exponents = 3, double Time = 20, double Dt = 0.01, int LipschitzCount = 8, int LipschitzSteps = 55);

/// <summary>The exponents of the orbit started next to one attractor.</summary>
/// <param name="Attractor">The attractor's index.</param>
/// <param name="Exponents">The p largest finite-time Lyapunov exponents.</param>
/// <param name="RelativeErrorVsPrediction">|λ₁ − max Re spec J| / |max Re spec J|.</param>
public sealed record AttractorExponents(int Attractor, double[] Exponents, double RelativeErrorVsPrediction);

/// <summary>Local Lipschitz constants of the flow map (or of a network) at a set of points.</summary>
/// <param name="Horizon">Integration horizon T of the flow map (null for a network).</param>
/// <param name="Images">Points measured.</param>
/// <param name="Median">Median (<see cref="Summary.Median(IEnumerable{double})"/>).</param>
/// <param name="Max">Largest value.</param>
/// <param name="Values">Every value.</param>
public sealed record LipschitzSummary(double? Horizon, int Images, double Median, double Max, double[] Values)
{
    /// <summary>The summary of <paramref name="values"/>, or null when there are none.</summary>
    public static LipschitzSummary? Of(IReadOnlyList<double> values, double? horizon) =>
        values.Count == 0 ? null : new LipschitzSummary(horizon, values.Count, Summary.Median(values), values.Max(), values.ToArray());
}

/// <summary>The outcome of <see cref="AttractorStability.Run"/>.</summary>
/// <param name="Model">The model file.</param>
/// <param name="Kind">"sanode".</param>
/// <param name="Time">Integration time.</param>
/// <param name="Dt">RK4 step.</param>
/// <param name="LargestLyapunovExponent">The largest λ₁ over the attractors.</param>
/// <param name="LinearPrediction">max Re spec(−8|γ|a² I + βA), the linear-stability prediction.</param>
/// <param name="MaxRelativeError">Largest relative error of λ₁ against the prediction.</param>
/// <param name="NearAttractors">Per attractor, its exponents.</param>
/// <param name="AttractorsStable">Whether the certificate proves the attractors stable (bound and spectrum).</param>
/// <param name="SettlingTime">The certificate's settling time.</param>
/// <param name="Lipschitz">Local Lipschitz constants ‖∂x(T)/∂x(0)‖₂ at test images, if asked for.</param>
public sealed record AttractorStabilityResult(string Model, string Kind, double Time, double Dt, double LargestLyapunovExponent, double LinearPrediction,
    double MaxRelativeError, List<AttractorExponents> NearAttractors, bool AttractorsStable, double SettlingTime, LipschitzSummary? Lipschitz);

/// <summary>
/// Stability of an SA-nODE near its planted attractors: finite-time Lyapunov exponents (Benettin et al. 1980, QR
/// re-orthonormalisation; <see cref="Lyapunov"/>) of orbits started at φ(k) + 10⁻³ noise, against the linear-stability
/// prediction max Re spec(−8|γ|a² I + βA) and the attractor certificate (<see cref="StabilityCertificate"/>), plus local
/// Lipschitz constants of the flow map x(0) ↦ x(T) at test images (<see cref="FlowLipschitz"/>).
/// </summary>
public static class AttractorStability
{
    /// <summary>Runs the analysis; <paramref name="data"/> (pixels = N) is needed only when Lipschitz constants are asked for.</summary>
    public static AttractorStabilityResult Run(string model, SaNodeModel<double> m, LabeledImages? data, AttractorStabilityOptions o, CancellationToken cancel = default)
    {
        var cert = StabilityCertificate.Compute(m);
        int count = Math.Clamp(o.Attractors, 1, m.Config.K);
        int steps = (int)Math.Round(o.Time / o.Dt);
        var field = new SaNodeTangentField(m);
        var rng = new Rng(11);
        var rows = new List<AttractorExponents>();
        for (int k = 0; k < count; k++)
        {
            cancel.ThrowIfCancellationRequested();
            var x0 = m.Patterns.Row(k).ToArray();
            for (int i = 0; i < x0.Length; i++) x0[i] += 1e-3 * rng.NextNormal();
            var r = Lyapunov.Compute(field, x0, o.Exponents, o.Dt, steps);
            rows.Add(new AttractorExponents(k, r.Exponents, Math.Abs(r.Exponents[0] - cert.MaxRealJacobian) / Math.Abs(cert.MaxRealJacobian)));
        }
        var lips = new List<double>();
        if (o.LipschitzCount > 0)
        {
            if (data is null) throw new ArgumentException("Lipschitz estimates need test images.");
            if (data.PixelsPerImage != m.Config.N) throw new ArgumentException($"'{data.Name}' images have {data.PixelsPerImage} pixels, the model N = {m.Config.N}.");
            var runner = new SaNodeRunner<double>(m);
            var opts = new SolverOptions(ButcherTableau.Euler, 0.1, o.LipschitzSteps, Clip: 10 * m.Config.A);
            for (int i = 0; i < Math.Min(o.LipschitzCount, data.Count); i++)
            {
                cancel.ThrowIfCancellationRequested();
                lips.Add(FlowLipschitz.SpectralNorm(runner, ImageBatch.Image(data, i), opts));
            }
        }
        return new AttractorStabilityResult(model, "sanode", o.Time, o.Dt, rows.Max(r => r.Exponents[0]), cert.MaxRealJacobian, rows.Max(r => r.RelativeErrorVsPrediction),
            rows, cert.StableByBound && cert.StableBySpectrum, cert.SettlingTime, LipschitzSummary.Of(lips, o.LipschitzSteps * 0.1));
    }
}
