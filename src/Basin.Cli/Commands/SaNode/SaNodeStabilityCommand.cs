using Basin.Cli.Commands;
using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Basin.Plotting;
using Basin.SaNode;
using Basin.SaNode.Analysis;
using Basin.Tensors;
using Basin.Tensors.IO;
using Spectre.Console;

namespace Basin.Cli.Commands.SaNode;

/// <summary><c>basin sanode stability</c>: the linear-stability certificate of a trained model's planted attractors.</summary>
public static class SaNodeStabilityCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var model = CommonOptions.Model("Model file or pretrained:mnist|fashion.");
        var output = new Option<string?>("--out") { Description = "Write PREFIX-eigenvalues.{svg,png,csv} (λ before/after training) and PREFIX-spectrum.{svg,png,csv}." };
        var json = CommonOptions.Json();
        var cmd = new Command("stability", "Certify that every planted attractor is linearly stable: the paper's bound and the actual Jacobian spectrum.") { model, output, json };
        CommandAction.Set(cmd, (p, _) =>
        {
            var path = PretrainedModels.Resolve(p.GetValue(model)!);
            var bundle = SafeTensors.Load(path);
            var m = SaNodeFile.FromBundle<double>(bundle);
            var cert = StabilityCertificate.Compute(m);
            var initial = InitialModel(bundle, m.Config);
            if (p.GetValue(output) is { } prefix) WritePlots(prefix, cert, initial, m.Config.K);
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
            if (p.GetValue(json)) { Console.WriteLine(doc.ToJsonString(new JsonSerializerOptions { WriteIndented = true })); return 0; }
            var t = new Table().AddColumns("quantity", "value");
            t.AddRow("well depth |γ|, minima ±a, β", $"{Math.Abs(cert.Gamma):F4}, ±{cert.A}, {cert.Beta:F5}");
            t.AddRow("bound 8a²|γ|/β (paper §II.B)", $"{cert.Bound:F4}");
            t.AddRow("max effective λ", $"{cert.MaxLambdaEffective:F4} → {(cert.StableByBound ? "[green]below the bound[/]" : "[red]NOT below the bound[/]")}");
            t.AddRow("f'(±a) = −8|γ|a²", $"{cert.ReactionSlope:F4}");
            t.AddRow("max Re spec J, J = −8|γ|a² I + βA", $"{cert.MaxRealJacobian:F5} → {(cert.StableBySpectrum ? "[green]stable[/]" : "[red]UNSTABLE[/]")}");
            t.AddRow("settling time t_s = 1/min|Re spec J|", $"{cert.SettlingTime:F3}");
            t.AddRow("spec J vs −8|γ|a² + β·{λ_eff, 0}", $"max gap {gap:E2}");
            t.AddRow("max ‖F(φ⁽ᵏ⁾)‖∞ (fixed points)", $"{cert.MaxFixedPointResidual:E2}");
            AnsiConsole.Write(t);
            AnsiConsole.MarkupLine($"All {m.Config.K} planted attractors share this Jacobian (f' is −8|γ|a² at ±a), so the verdict holds for each of them.");
            return 0;
        });
        return cmd;
    }

    private static SaNodeModel<double>? InitialModel(TensorBundle bundle, SaNodeConfig config)
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
    private static (double[] Predicted, double[] Computed, double MaxGap) Prediction(StabilityCertificate cert, int k)
    {
        var predicted = cert.LambdaEffective.Concat(Enumerable.Repeat(0.0, k)).Select(l => cert.ReactionSlope + cert.Beta * l).OrderBy(v => v).ToArray();
        var computed = cert.CouplingSpectrum.Select(z => cert.ReactionSlope + cert.Beta * z.Real).OrderBy(v => v).ToArray();
        double gap = predicted.Zip(computed, (p, c) => Math.Abs(p - c)).Max();
        return (predicted, computed, gap);
    }

    private static void WritePlots(string prefix, StabilityCertificate cert, SaNodeModel<double>? initial, int k)
    {
        var hist = new Histogram { Title = $"λ_eff before/after training; bound 8a²|γ|/β = {cert.Bound:F1}", XLabel = "λ", YLabel = "count", Bins = 60 };
        if (initial != null) hist.Add("at initialisation (same seed)", initial.Lambda.ToArray());
        hist.Add("trained", cert.LambdaEffective);
        hist.Save(prefix + "-eigenvalues", 900, 520);
        hist.SaveCsv(prefix + "-eigenvalues.csv");
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
        fig.Save(prefix + "-spectrum", 1300, 520);
        sc.SaveCsv(prefix + "-spectrum.csv");
    }
}
