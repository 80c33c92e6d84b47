using System.CommandLine;
using System.Globalization;
using Basin.Data;
using Basin.Dynamics;
using Basin.Stability.Classifiers;
using Basin.Studies.SaNode;
using Spectre.Console;

namespace Basin.Cli.Commands.SaNode;

/// <summary><c>basin sanode invert</c>: recover an input by integrating the flow backwards (paper Appendix B, Fig. 9–12; <see cref="InversionStudy"/>).</summary>
public static class SaNodeInvertCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var model = CommonOptions.Model("Model file or pretrained:mnist|fashion.");
        var dataset = CommonOptions.Dataset("mnist, fashion or letters (test split).", "mnist");
        var index = new Option<int>("--index") { Description = "First test image.", DefaultValueFactory = _ => 0 };
        var count = new Option<int>("--count") { Description = "Images inverted together.", DefaultValueFactory = _ => 1 };
        var tInv = new Option<double>("--t-inv") { Description = "Forward time T_inv before inverting (paper: 3.2 for an MNIST digit).", DefaultValueFactory = _ => 3.2 };
        var dt = new Option<double>("--dt") { Description = "Step size (paper: down to 1e-4).", DefaultValueFactory = _ => 1e-3 };
        var solver = CommonOptions.Solver("rk4");
        var sweep = new Option<bool>("--sweep") { Description = "Table and plot of the MSE against T_inv and Δt (grids from --t-invs and --dts)." };
        var tInvs = CommonOptions.DoubleList("--t-invs", "T_inv values of --sweep, comma-separated.", [0.5, 1, 2, 3.2], positiveAscending: false);
        var dts = CommonOptions.DoubleList("--dts", "Δt values of --sweep, comma-separated.", [1e-2, 1e-3, 1e-4], positiveAscending: false);
        var output = CommonOptions.Out("Directory for pictures and CSV.", "basin-invert");
        var json = CommonOptions.Json();
        var rtol = CommonOptions.Rtol();
        var atol = CommonOptions.Atol();
        var maxSteps = CommonOptions.MaxSteps(100_000);
        var cmd = new Command("invert", "Invert the flow: integrate to T_inv, then dx/dτ = −F(x) back, and compare with the input (float64).")
            { model, dataset, index, count, tInv, dt, solver, sweep, tInvs, dts, output, json, rtol, atol, maxSteps };
        CommandAction.Set(cmd, (p, ct) =>
        {
            var m = ModelFiles.LoadSaNode<double>(p.GetValue(model)!);
            var data = DataCommand.Load(p.GetValue(dataset)!, DataSplit.Test);
            var method = ButcherTableau.Parse(p.GetValue(solver)!);
            var dir = p.GetValue(output)!;
            bool quiet = p.GetValue(json);
            int first = p.GetValue(index), c = p.GetValue(count);
            bool adaptive = p.GetValue(rtol) > 0 || p.GetValue(atol) > 0;
            if (p.GetValue(sweep))
            {
                if (adaptive) throw new ArgumentException("--sweep runs fixed steps over --dts; drop --rtol/--atol.");
                double[] ts = Positive(p.GetValue(tInvs)!, "--t-invs"), ds = Positive(p.GetValue(dts)!, "--dts");
                var s = InversionStudy.Sweep(m, data, first, c, method, ts, ds, dir, quiet ? null : new SyncProgress<string>(l => Terminal.Note("  " + l)), ct);
                if (quiet) { JsonPrinter.Print(s); return 0; }
                var table = new Table().AddColumns(new[] { "T_inv" }.Concat(ds.Select(d => $"Δt = {d:G2}")).ToArray());
                foreach (var t in ts)
                    table.AddRow(new[] { t.ToString(CultureInfo.InvariantCulture) }.Concat(ds.Select(d => s.Results.First(r => r.TInv == t && r.Dt == d).MedianMse.ToString("E2", CultureInfo.InvariantCulture))).ToArray());
                AnsiConsole.Write(table);
                AnsiConsole.MarkupLine($"median MSE(input, recovered) per T_inv and Δt; plot and CSV in {Markup.Escape(dir)}");
                return 0;
            }
            var r = InversionStudy.Single(m, data, first, c, p.GetValue(tInv), p.GetValue(dt), method, dir, ct, p.GetValue(rtol), p.GetValue(atol), p.GetValue(maxSteps));
            if (quiet) { JsonPrinter.Print(r); return 0; }
            string how = adaptive ? $"{r.Solver}, rtol {r.Rtol:G3}, atol {r.Atol:G3}, {r.StepsTaken} steps, {r.RejectedSteps} rejected" : $"{r.Solver}, Δt = {r.Dt:G3}";
            AnsiConsole.MarkupLine($"Inverted {c} image(s) after T_inv = {r.TInv:G3} ({how}, {r.Evaluations} evaluations of F, float64, {r.Seconds:F1} s): " +
                $"median MSE(input, recovered) = [bold]{r.MedianMse:E3}[/], max |difference| {r.MaxAbsDifference:E2}; pictures and CSV in {Markup.Escape(dir)}");
            return 0;
        });
        return cmd;
    }

    private static double[] Positive(double[] v, string option) =>
        v.All(x => x > 0) ? v : throw new ArgumentException($"{option}: every value must be positive ({string.Join(",", v)}).");
}
