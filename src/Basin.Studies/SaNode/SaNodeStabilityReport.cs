using System.Text.Json;
using System.Text.Json.Nodes;
using Basin.Plotting;
using Basin.SaNode;
using Basin.SaNode.Analysis;
using Basin.Stability.Classifiers;
using Basin.Tensors;
using Basin.Tensors.IO;

namespace Basin.Studies.SaNode;

/// <summary>
/// The linear-stability certificate of a trained SA-nODE's planted attractors (<see cref="StabilityCertificate"/>, paper
/// §II.B) as a report: the JSON document of <c>basin sanode stability</c> and its plots.
/// </summary>
public static class SaNodeStabilityReport
{
    /// <summary>Computes the certificate of model <paramref name="spec"/> (file or pretrained:NAME); writes the plots when <paramref name="prefix"/> is given.</summary>
    public static (JsonObject Document, StabilityCertificate Certificate, SaNodeConfig Config) Run(string spec, string? prefix = null)
    {
        var path = ModelFiles.Resolve(spec);
        var (bundle, _) = ModelFiles.Open(path);
        var m = SaNodeFile.FromBundle<double>(bundle);
        var cert = StabilityCertificate.Compute(m);
        var initial = InitialModel(bundle, m.Config);
        if (prefix != null) WritePlots(prefix, cert, initial, m.Config.K);
        var (_, _, gap) = Prediction(cert, m.Config.K);
        var doc = new JsonObject
        {
            ["model"] = path, ["n"] = m.Config.N, ["k"] = m.Config.K, ["gamma"] = cert.Gamma, ["a"] = cert.A, ["beta"] = cert.Beta,
            ["bound"] = cert.Bound, ["max_lambda_effective"] = cert.MaxLambdaEffective, ["stable_by_bound"] = cert.StableByBound,
            ["reaction_slope"] = cert.ReactionSlope, ["max_real_jacobian_eigenvalue"] = cert.MaxRealJacobian,
            ["stable_by_spectrum"] = cert.StableBySpectrum, ["settling_time"] = cert.SettlingTime,
            ["max_fixed_point_residual"] = cert.MaxFixedPointResidual,
            ["all_attractors_stable"] = cert.StableByBound && cert.StableBySpectrum,
            ["max_gap_spectrum_vs_prediction"] = gap, ["initial_model_known"] = initial != null,
        };
        return (doc, cert, m.Config);
    }

    /// <summary>The untrained model of the same seed, rebuilt from the recipe in the file's metadata (null when absent).</summary>
    public static SaNodeModel<double>? InitialModel(TensorBundle bundle, SaNodeConfig config)
    {
        if (!bundle.Metadata.TryGetValue("recipe", out var recipe)) return null;
        try
        {
            var options = JsonSerializer.Deserialize<SaNodeTrainOptions>(recipe);
            return options is null ? null : new SaNodeModel<double>(config, new Rng(options.Seed));
        }
        catch (JsonException) { return null; }
    }

    /// <summary>
    /// Largest gap between the computed spectrum of J (real parts, sorted) and the prediction −8|γ|a² + β·spec A with
    /// spec A = {λ_eff} ∪ {0 (K times)}, which holds because A = Φ diag(λ_eff, 0) Φ⁻¹ is diagonalisable by construction.
    /// </summary>
    public static (double[] Predicted, double[] Computed, double MaxGap) Prediction(StabilityCertificate cert, int k)
    {
        var predicted = cert.LambdaEffective.Concat(Enumerable.Repeat(0.0, k)).Select(l => cert.ReactionSlope + cert.Beta * l).OrderBy(v => v).ToArray();
        var computed = cert.CouplingSpectrum.Select(z => cert.ReactionSlope + cert.Beta * z.Real).OrderBy(v => v).ToArray();
        double gap = predicted.Zip(computed, (p, c) => Math.Abs(p - c)).Max();
        return (predicted, computed, gap);
    }

    /// <summary>Writes PREFIX-eigenvalues.{svg,png,csv} (λ before/after training) and PREFIX-spectrum.{svg,png,csv} (spec J, computed vs predicted).</summary>
    public static void WritePlots(string prefix, StabilityCertificate cert, SaNodeModel<double>? initial, int k)
    {
        var hist = EigenvalueHistogram(cert, initial?.Lambda.ToArray());
        hist.Save(prefix + "-eigenvalues", 900, 520);
        hist.SaveCsv(prefix + "-eigenvalues.csv");
        var fig = SpectrumFigure(cert, k, out var sc);
        fig.Save(prefix + "-spectrum", 1300, 520);
        sc.SaveCsv(prefix + "-spectrum.csv");
    }

    /// <summary>Histogram of the effective eigenvalues λ_eff of the trained model, beside <paramref name="initialLambda"/> (λ at initialisation) when known.</summary>
    public static Histogram EigenvalueHistogram(StabilityCertificate cert, double[]? initialLambda)
    {
        var hist = new Histogram { Title = $"λ_eff before/after training; bound 8a²|γ|/β = {cert.Bound:F1}", XLabel = "λ", YLabel = "count", Bins = 60 };
        if (initialLambda != null) hist.Add("at initialisation (same seed)", initialLambda);
        hist.Add("trained", cert.LambdaEffective);
        return hist;
    }

    /// <summary>
    /// spec J in the complex plane beside the computed real parts against the prediction −8|γ|a² + βλ;
    /// <paramref name="spectrum"/> is the first panel (its CSV is the one written beside the figure).
    /// </summary>
    public static Figure SpectrumFigure(StabilityCertificate cert, int k, out ScatterPlot spectrum)
    {
        var sc = new ScatterPlot { Title = $"spec J, J = −8|γ|a² I + βA: max Re = {cert.MaxRealJacobian:F3}", XLabel = "Re", YLabel = "Im" };
        sc.Add("eigenvalues of J", cert.CouplingSpectrum.Select(z => cert.ReactionSlope + cert.Beta * z.Real).ToArray(),
            cert.CouplingSpectrum.Select(z => cert.Beta * z.Imaginary).ToArray());
        var (predicted, computed, gap) = Prediction(cert, k);
        var match = new ScatterPlot { Title = $"computed vs −8|γ|a² + βλ: max gap {gap:E1}", XLabel = "predicted Re (sorted)", YLabel = "computed Re (sorted)" };
        match.Add("eigenvalues", predicted, computed);
        var diag = match.Add("y = x", [predicted[0], predicted[^1]], [predicted[0], predicted[^1]]);
        diag.ShowLine = true; diag.Marker = MarkerShape.None; diag.Color = new Rgba32(120, 120, 120);
        var fig = new Figure(1, 2) { Title = "Jacobian at every planted attractor (f'(±a) = −8|γ|a², so J is the same for all K)" };
        fig.Add(sc).Add(match);
        spectrum = sc;
        return fig;
    }
}
