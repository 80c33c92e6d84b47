using System.CommandLine;
using Basin.Studies.SaNode;
using Spectre.Console;

namespace Basin.Cli.Commands.SaNode;

/// <summary><c>basin sanode stability</c>: the linear-stability certificate of a trained model's planted attractors (<see cref="SaNodeStabilityReport"/>).</summary>
public static class SaNodeStabilityCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var model = CommonOptions.Model("Model file or pretrained:mnist|fashion.");
        var output = new Option<string?>("--out", "-o") { Description = "Write PREFIX-eigenvalues.{svg,png,csv} (λ before/after training) and PREFIX-spectrum.{svg,png,csv}." };
        var json = CommonOptions.Json();
        var cmd = new Command("stability", "Certify that every planted attractor is linearly stable: the paper's bound and the actual Jacobian spectrum.") { model, output, json };
        CommandAction.Set(cmd, (p, _) =>
        {
            var (doc, cert, config) = SaNodeStabilityReport.Run(p.GetValue(model)!, p.GetValue(output));
            double gap = (double)doc["max_gap_spectrum_vs_prediction"]!;
            if (p.GetValue(json)) { JsonPrinter.Print(doc); return 0; }
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
            AnsiConsole.MarkupLine($"All {config.K} planted attractors share this Jacobian (f' is −8|γ|a² at ±a), so the verdict holds for each of them.");
            return 0;
        });
        return cmd;
    }
}
