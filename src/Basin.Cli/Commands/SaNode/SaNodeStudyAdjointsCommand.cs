using System.CommandLine;
using System.Globalization;
using Basin.Data;
using Basin.SaNode.Studies;
using Basin.Stability.Classifiers;
using Spectre.Console;

namespace Basin.Cli.Commands.SaNode;

/// <summary>
/// <c>basin sanode study adjoints</c>: cost and gradient error of the backsolve and implicit adjoints against the exact
/// discrete adjoint on a trained model (<see cref="AdjointComparison"/>).
/// </summary>
public static class SaNodeStudyAdjointsCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var d = new AdjointComparisonOptions();
        var model = CommonOptions.Model("Model file or pretrained:mnist|fashion.");
        var dataset = CommonOptions.Dataset("Training images: mnist, fashion or letters.", "mnist");
        var count = new Option<int>("--count") { Description = "Training images.", DefaultValueFactory = _ => d.Count };
        var batch = new Option<int>("--batch") { Description = "Images per batch.", DefaultValueFactory = _ => d.Batch };
        var steps = new Option<int>("--steps") { Description = "Euler steps of the training horizon (Δt = --dt).", DefaultValueFactory = _ => d.Steps };
        var dt = new Option<double>("--dt") { Description = "Euler step.", DefaultValueFactory = _ => d.Dt };
        var horizon = new Option<double>("--long-horizon") { Description = "Time to which the attractor is approached for the implicit adjoint.", DefaultValueFactory = _ => d.LongHorizon };
        var json = CommonOptions.Json();
        var cmd = new Command("adjoints", "Gradient error and cost: discrete vs backsolve vs implicit adjoint at the attractor (float64).")
            { model, dataset, count, batch, steps, dt, horizon, json };
        CommandAction.Set(cmd, (p, ct) =>
        {
            var m = ModelFiles.LoadSaNode<double>(ModelFiles.Resolve(p.GetValue(model)!));
            var data = DataCommand.Load(p.GetValue(dataset)!, DataSplit.Train);
            var o = new AdjointComparisonOptions(p.GetValue(count), p.GetValue(batch), p.GetValue(steps), p.GetValue(dt), p.GetValue(horizon));
            bool quiet = p.GetValue(json);
            var r = AdjointComparison.Run(m, data, o, quiet ? null : new SyncProgress<string>(l => Terminal.Note("  " + l)), ct);
            if (quiet) { JsonPrinter.Print(r); return 0; }
            var t = new Table().AddColumns("method", "against discrete at", "seconds", "Jᵀv products", "cosine", "relative L2", "‖∂L/∂(A,γ)‖");
            foreach (var row in r.Rows)
                t.AddRow(row.Method, row.Reference, row.Seconds.ToString("F2", CultureInfo.InvariantCulture), $"{row.VectorJacobianProducts}",
                    row.Finite ? row.Cosine!.Value.ToString("F6", CultureInfo.InvariantCulture) : "diverged", row.Finite ? row.RelativeL2!.Value.ToString("E2", CultureInfo.InvariantCulture) : "",
                    row.Finite ? row.Norm!.Value.ToString("E3", CultureInfo.InvariantCulture) : "NaN/∞");
            AnsiConsole.Write(t);
            AnsiConsole.MarkupLine(string.Format(CultureInfo.InvariantCulture, "{0} images, implicit solve: ≤ {1} BiCGSTAB iterations, residual ≤ {2:E1}", o.Count, r.ImplicitIterations, r.ImplicitResidual));
            return 0;
        });
        return cmd;
    }
}
