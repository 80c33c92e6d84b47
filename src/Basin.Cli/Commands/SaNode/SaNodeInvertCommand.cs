using Basin.Cli.Commands;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Basin.Data;
using Basin.Dynamics;
using Basin.Plotting;
using Basin.SaNode;
using Basin.SaNode.Analysis;
using Spectre.Console;

namespace Basin.Cli.Commands.SaNode;

/// <summary><c>basin sanode invert</c>: recover an input by integrating the flow backwards (paper Appendix B, Fig. 9–12).</summary>
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
        var solver = new Option<string>("--solver") { Description = "euler, heun or rk4.", DefaultValueFactory = _ => "rk4" };
        solver.AcceptOnlyFromAmong("euler", "heun", "rk4");
        var sweep = new Option<bool>("--sweep") { Description = "Table and plot of the MSE against T_inv and Δt (grids from --t-invs and --dts)." };
        var tInvs = new Option<string>("--t-invs") { Description = "T_inv values of --sweep, comma-separated.", DefaultValueFactory = _ => "0.5,1,2,3.2" };
        var dts = new Option<string>("--dts") { Description = "Δt values of --sweep, comma-separated.", DefaultValueFactory = _ => "1e-2,1e-3,1e-4" };
        var output = new Option<string>("--out") { Description = "Directory for pictures and CSV.", DefaultValueFactory = _ => "basin-invert" };
        var json = CommonOptions.Json();
        var cmd = new Command("invert", "Invert the flow: integrate to T_inv, then dx/dτ = −F(x) back, and compare with the input (float64).")
            { model, dataset, index, count, tInv, dt, solver, sweep, tInvs, dts, output, json };
        CommandAction.Set(cmd, (p, ct) =>
        {
            var m = SaNodeFile.Load<double>(PretrainedModels.Resolve(p.GetValue(model)!));
            var data = DataCommand.Load(p.GetValue(dataset)!, DataSplit.Test);
            int first = p.GetValue(index), c = p.GetValue(count), n = m.Config.N;
            if (c < 1 || first < 0 || first + c > data.Count) throw new ArgumentException($"Images {first}..{first + c - 1} are outside the {data.Count} test images.");
            if (data.PixelsPerImage != n) throw new ArgumentException($"Images have {data.PixelsPerImage} pixels, the model N = {n}.");
            var x0 = new double[c * n];
            for (int b = 0; b < c; b++) { var img = data.Image(first + b); for (int i = 0; i < n; i++) x0[b * n + i] = img[i]; }
            var method = ButcherTableau.Parse(p.GetValue(solver)!);
            var dir = p.GetValue(output)!;
            Directory.CreateDirectory(dir);
            return p.GetValue(sweep)
                ? Sweep(m, x0, c, method, ParseList(p.GetValue(tInvs)!, "--t-invs"), ParseList(p.GetValue(dts)!, "--dts"), dir, p.GetValue(json), ct)
                : Single(m, data, first, x0, c, p.GetValue(tInv), p.GetValue(dt), method, dir, p.GetValue(json), ct);
        });
        return cmd;
    }

    private static int Single(SaNodeModel<double> m, LabeledImages data, int first, double[] x0, int c, double tInv, double dt, ButcherTableau method,
        string dir, bool json, CancellationToken ct)
    {
        var sw = Stopwatch.StartNew();
        var r = Inversion.Run(m, x0, c, tInv, dt, method, snapshots: InversionFigures.TrajectoryPoints, cancel: ct);
        double seconds = sw.Elapsed.TotalSeconds;
        int n = m.Config.N;
        string label = data.ClassNames[data.Labels[first]];
        var files = InversionFigures.Write(dir, m, r, first, label, tInv, dt, method);
        double maxDiff = 0;
        for (int i = 0; i < r.Input.Length; i++) maxDiff = Math.Max(maxDiff, Math.Abs(r.Input[i] - r.Recovered[i]));
        var final = r.Final.AsSpan(0, n).ToArray().Select(v => (float)v).ToArray();
        int cls = SaNodeMetrics.Nearest<float>(final, m.Patterns.ToArray().Select(v => (float)v).ToArray(), n);
        var doc = new JsonObject
        {
            ["t_inv"] = tInv, ["dt"] = dt, ["solver"] = method.Name, ["images"] = c, ["first"] = first, ["label"] = label,
            ["nearest_attractor_at_t_inv"] = cls,
            ["mse"] = new JsonArray(r.Mse.Select(v => (JsonNode)JsonValue.Create(v)!).ToArray()), ["median_mse"] = Median(r.Mse),
            ["max_abs_difference"] = maxDiff, ["steps_each_way"] = (int)Math.Round(tInv / dt), ["seconds"] = Math.Round(seconds, 2),
            ["files"] = new JsonArray(files.Select(f => (JsonNode)JsonValue.Create(f)!).ToArray()),
        };
        if (json) { Console.WriteLine(doc.ToJsonString(new JsonSerializerOptions { WriteIndented = true })); return 0; }
        AnsiConsole.MarkupLine($"Inverted {c} image(s) after T_inv = {tInv:G3} ({method.Name}, Δt = {dt:G3}, float64, {seconds:F1} s): " +
            $"median MSE(input, recovered) = [bold]{Median(r.Mse):E3}[/], max |difference| {maxDiff:E2}; pictures and CSV in {Markup.Escape(dir)}");
        return 0;
    }

    private static int Sweep(SaNodeModel<double> m, double[] x0, int c, ButcherTableau method, double[] tInvs, double[] dts, string dir, bool json,
        CancellationToken ct)
    {
        var csv = new CsvTable("t_inv", "dt", "median_mse", "max_mse", "seconds");
        var results = new JsonArray();
        var grid = new double[tInvs.Length, dts.Length];
        for (int j = 0; j < dts.Length; j++)
            for (int i = 0; i < tInvs.Length; i++)
            {
                if (!json) Console.Error.WriteLine($"  T_inv = {tInvs[i]}, Δt = {dts[j]} …");
                var sw = Stopwatch.StartNew();
                var r = Inversion.Run(m, x0, c, tInvs[i], dts[j], method, snapshots: 2, cancel: ct);
                double med = Median(r.Mse), secs = sw.Elapsed.TotalSeconds;
                grid[i, j] = med;
                csv.AddRow(tInvs[i], dts[j], med, r.Mse.Max(), Math.Round(secs, 3));
                results.Add(new JsonObject { ["t_inv"] = tInvs[i], ["dt"] = dts[j], ["median_mse"] = med, ["max_mse"] = r.Mse.Max(), ["seconds"] = Math.Round(secs, 3) });
            }
        var byT = new LinePlot { Title = "MSE(input, recovered) vs T_inv", XLabel = "T_inv", YLabel = "MSE", LogY = true };
        for (int j = 0; j < dts.Length; j++)
            byT.Add($"Δt = {dts[j]:G2}", tInvs, Enumerable.Range(0, tInvs.Length).Select(i => Floor(grid[i, j])).ToArray()).Marker = MarkerShape.Circle;
        var byDt = new LinePlot { Title = "MSE(input, recovered) vs Δt", XLabel = "Δt", YLabel = "MSE", LogX = true, LogY = true };
        for (int i = 0; i < tInvs.Length; i++)
            byDt.Add($"T_inv = {tInvs[i]:G3}", dts, Enumerable.Range(0, dts.Length).Select(j => Floor(grid[i, j])).ToArray()).Marker = MarkerShape.Square;
        var fig = new Figure(1, 2) { Title = $"Inverting the flow (Appendix B): {method.Name}, float64, {c} image(s)" };
        fig.Add(byT).Add(byDt);
        fig.Save(Path.Combine(dir, "inversion-sweep"), 1200, 500);
        csv.Save(Path.Combine(dir, "inversion-sweep.csv"));
        if (json) { Console.WriteLine(new JsonObject { ["solver"] = method.Name, ["images"] = c, ["results"] = results }.ToJsonString(new JsonSerializerOptions { WriteIndented = true })); return 0; }
        var table = new Table().AddColumns(new[] { "T_inv" }.Concat(dts.Select(d => $"Δt = {d:G2}")).ToArray());
        for (int i = 0; i < tInvs.Length; i++)
            table.AddRow(new[] { tInvs[i].ToString(CultureInfo.InvariantCulture) }.Concat(Enumerable.Range(0, dts.Length).Select(j => grid[i, j].ToString("E2", CultureInfo.InvariantCulture))).ToArray());
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"median MSE(input, recovered) per T_inv and Δt; plot and CSV in {Markup.Escape(dir)}");
        return 0;
    }

    /// <summary>Comma-separated positive numbers.</summary>
    internal static double[] ParseList(string text, string option)
    {
        var parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var values = new double[parts.Length];
        for (int i = 0; i < parts.Length; i++)
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || !(values[i] > 0) || !double.IsFinite(values[i]))
                throw new ArgumentException($"{option}: '{parts[i]}' is not a positive number.");
        return values.Length > 0 ? values : throw new ArgumentException($"{option} is empty.");
    }

    private static double Floor(double mse) => Math.Max(mse, 1e-32);

    internal static double Median(double[] v)
    {
        var s = v.OrderBy(x => x).ToArray();
        return s.Length % 2 == 1 ? s[s.Length / 2] : 0.5 * (s[s.Length / 2 - 1] + s[s.Length / 2]);
    }
}
