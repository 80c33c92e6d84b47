using Basin.Cli.Commands;
using System.CommandLine;
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
        var sweep = new Option<bool>("--sweep") { Description = "Table of MSE against T_inv ∈ {0.5, 1, 2, 3.2} and Δt ∈ {1e-2, 1e-3, 1e-4}." };
        var output = new Option<string>("--out") { Description = "Directory for pictures and CSV.", DefaultValueFactory = _ => "basin-invert" };
        var json = CommonOptions.Json();
        var cmd = new Command("invert", "Invert the flow: integrate to T_inv, then dx/dτ = −F(x) back, and compare with the input (float64).")
            { model, dataset, index, count, tInv, dt, solver, sweep, output, json };
        CommandAction.Set(cmd, (p, ct) =>
        {
            var m = SaNodeFile.Load<double>(ModelResolver.Resolve(p.GetValue(model)!));
            var data = DataCommand.Load(p.GetValue(dataset)!, DataSplit.Test);
            int first = p.GetValue(index), c = p.GetValue(count), n = m.Config.N;
            if (c < 1 || first < 0 || first + c > data.Count) throw new ArgumentException($"Images {first}..{first + c - 1} are outside the {data.Count} test images.");
            if (data.PixelsPerImage != n) throw new ArgumentException($"Images have {data.PixelsPerImage} pixels, the model N = {n}.");
            var x0 = new double[c * n];
            for (int b = 0; b < c; b++) { var img = data.Image(first + b); for (int i = 0; i < n; i++) x0[b * n + i] = img[i]; }
            var method = ButcherTableau.Parse(p.GetValue(solver)!);
            var dir = p.GetValue(output)!;
            Directory.CreateDirectory(dir);
            return p.GetValue(sweep) ? Sweep(m, x0, c, method, dir, p.GetValue(json), ct) : Single(m, data, first, x0, c, p.GetValue(tInv), p.GetValue(dt), method, dir, p.GetValue(json), ct);
        });
        return cmd;
    }

    private static int Single(SaNodeModel<double> m, LabeledImages data, int first, double[] x0, int c, double tInv, double dt, ButcherTableau method,
        string dir, bool json, CancellationToken ct)
    {
        var r = Inversion.Run(m, x0, c, tInv, dt, method, snapshots: 6, cancel: ct);
        int n = m.Config.N, side = (int)Math.Round(Math.Sqrt(n));
        if (side * side == n)
        {
            var traj = new ImageGrid { Title = $"Forward to T = {tInv:G3}, then backwards (image {first})", Columns = r.ForwardSnapshots.Count, RowLabels = ["forward", "backward"] };
            foreach (var (t, x) in r.ForwardSnapshots) traj.Add(Normalise(x.AsSpan(0, n)), side, side, $"t={t:G3}");
            foreach (var (t, x) in r.BackwardSnapshots) traj.Add(Normalise(x.AsSpan(0, n)), side, side, $"τ={t:G3}");
            traj.Save(Path.Combine(dir, "inversion-trajectory"), 140 * r.ForwardSnapshots.Count + 120, 360);
            var rec = new ImageGrid { Title = $"Input, recovered, |difference| (MSE {r.Mse[0]:E2})", Columns = 3 };
            rec.Add(r.Input.AsSpan(0, n), side, side, "input");
            rec.Add(r.Recovered.AsSpan(0, n).ToArray().Select(v => Math.Clamp(v, 0, 1)).ToArray(), side, side, "recovered");
            rec.Add(r.Input.Zip(r.Recovered, (a, b) => Math.Min(1, 10 * Math.Abs(a - b))).Take(n).ToArray(), side, side, "10·|diff|");
            rec.Save(Path.Combine(dir, "inversion-recovery"), 560, 260);
        }
        var doc = new JsonObject
        {
            ["t_inv"] = tInv, ["dt"] = dt, ["solver"] = method.Name, ["images"] = c, ["first"] = first,
            ["mse"] = new JsonArray(r.Mse.Select(v => (JsonNode)JsonValue.Create(v)!).ToArray()), ["median_mse"] = Median(r.Mse),
        };
        if (json) { Console.WriteLine(doc.ToJsonString(new JsonSerializerOptions { WriteIndented = true })); return 0; }
        AnsiConsole.MarkupLine($"Inverted {c} image(s) after T_inv = {tInv:G3} ({method.Name}, Δt = {dt:G3}, float64): median MSE(input, recovered) = [bold]{Median(r.Mse):E3}[/]; pictures in {Markup.Escape(dir)}");
        return 0;
    }

    private static int Sweep(SaNodeModel<double> m, double[] x0, int c, ButcherTableau method, string dir, bool json, CancellationToken ct)
    {
        double[] tInvs = [0.5, 1, 2, 3.2], dts = [1e-2, 1e-3, 1e-4];
        var csv = new CsvTable("t_inv", "dt", "median_mse", "max_mse");
        var plot = new LinePlot { Title = $"Inversion error vs T_inv ({method.Name}, float64, {c} image(s))", XLabel = "T_inv", YLabel = "MSE(input, recovered)", LogY = true };
        var results = new JsonArray();
        var table = new Table().AddColumns(new[] { "T_inv" }.Concat(dts.Select(d => $"Δt = {d:G1}")).ToArray());
        var grid = new double[tInvs.Length, dts.Length];
        foreach (var (d, j) in dts.Select((d, j) => (d, j)))
        {
            var ys = new List<double>();
            foreach (var (t, i) in tInvs.Select((t, i) => (t, i)))
            {
                if (!json) Console.Error.WriteLine($"  T_inv = {t}, Δt = {d} …");
                var r = Inversion.Run(m, x0, c, t, d, method, snapshots: 2, cancel: ct);
                double med = Median(r.Mse);
                grid[i, j] = med;
                ys.Add(Math.Max(med, 1e-300));
                csv.AddRow(t, d, med, r.Mse.Max());
                results.Add(new JsonObject { ["t_inv"] = t, ["dt"] = d, ["median_mse"] = med, ["max_mse"] = r.Mse.Max() });
            }
            plot.Add($"Δt = {d:G1}", tInvs, ys.ToArray());
        }
        for (int i = 0; i < tInvs.Length; i++)
            table.AddRow(new[] { tInvs[i].ToString(CultureInfo.InvariantCulture) }.Concat(Enumerable.Range(0, dts.Length).Select(j => grid[i, j].ToString("E2", CultureInfo.InvariantCulture))).ToArray());
        plot.Save(Path.Combine(dir, "inversion-sweep"), 900, 520);
        csv.Save(Path.Combine(dir, "inversion-sweep.csv"));
        if (json) { Console.WriteLine(new JsonObject { ["solver"] = method.Name, ["images"] = c, ["results"] = results }.ToJsonString(new JsonSerializerOptions { WriteIndented = true })); return 0; }
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"median MSE(input, recovered) per T_inv and Δt; plot and CSV in {Markup.Escape(dir)}");
        return 0;
    }

    private static double[] Normalise(ReadOnlySpan<double> x)
    {
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        foreach (var v in x) { lo = Math.Min(lo, v); hi = Math.Max(hi, v); }
        var r = new double[x.Length];
        for (int i = 0; i < x.Length; i++) r[i] = hi > lo ? (x[i] - lo) / (hi - lo) : 0.5;
        return r;
    }

    private static double Median(double[] v)
    {
        var s = v.OrderBy(x => x).ToArray();
        return s.Length % 2 == 1 ? s[s.Length / 2] : 0.5 * (s[s.Length / 2 - 1] + s[s.Length / 2]);
    }
}
