using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Basin.Data;
using Basin.Dynamics;
using Basin.Plotting;
using Basin.SaNode;
using Basin.SaNode.Studies;
using Basin.Tensors.IO;
using Spectre.Console;

namespace Basin.Cli.Commands.SaNode;

/// <summary>
/// <c>basin sanode study horizon</c>: H, nearest-attractor accuracy, m_f and MSE read out at several times t of one
/// integration, and how many samples still change attractor after each t (<see cref="HorizonStudy"/>): whether a model's
/// classification holds beyond its training horizon, as the paper's §IV claims for its models.
/// </summary>
public static class SaNodeStudyHorizonCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var model = CommonOptions.Model("Model file or pretrained:mnist|fashion.");
        var dataset = CommonOptions.Dataset("Test images: mnist, fashion or letters.", "mnist");
        var times = new Option<string>("--times") { Description = "Read-out times t, comma-separated (the last is the horizon).", DefaultValueFactory = _ => "1,2,3,4,5.5,7.5,10,15,20,30,40,60,80,120" };
        var count = new Option<int>("--count") { Description = "Score only the first N test images (0 = all).", DefaultValueFactory = _ => 0 };
        var dt = new Option<double>("--dt") { Description = "Step size Δt.", DefaultValueFactory = _ => 0.1 };
        var solver = new Option<string>("--solver") { Description = "euler, heun or rk4.", DefaultValueFactory = _ => "euler" };
        solver.AcceptOnlyFromAmong("euler", "heun", "rk4");
        var output = new Option<string>("--out") { Description = "Output directory.", DefaultValueFactory = _ => "basin-study" };
        var cmd = new Command("horizon", "Accuracy against integration time t: does the classification hold beyond the training horizon? (plot, CSV, summary.json)")
            { model, dataset, times, count, dt, solver, output };
        CommandAction.Set(cmd, (p, ct) =>
        {
            var path = PretrainedModels.Resolve(p.GetValue(model)!);
            var m = SaNodeFile.Load<float>(path);
            var name = p.GetValue(dataset)!;
            var data = DataCommand.Load(name, DataSplit.Test);
            if (p.GetValue(count) < 0) throw new ArgumentException("--count must be ≥ 0.");
            if (p.GetValue(count) > 0) data = data.Take(Math.Min(p.GetValue(count), data.Count));
            var ts = ParseTimes(p.GetValue(times)!);
            var dir = p.GetValue(output)!;
            Directory.CreateDirectory(dir);
            var runner = new SaNodeRunner<float>(m);
            var sw = System.Diagnostics.Stopwatch.StartNew();
            HorizonStudyResult r = null!;
            var method = ButcherTableau.Parse(p.GetValue(solver)!);
            if (Console.IsErrorRedirected)
                r = HorizonStudy.Run(runner, data, method, p.GetValue(dt), ts, cancel: ct);
            else
                AnsiConsole.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                    .Start(ctx =>
                    {
                        var task = ctx.AddTask($"integrating {data.Count} images to t = {ts.Max():G4}", maxValue: data.Count);
                        r = HorizonStudy.Run(runner, data, method, p.GetValue(dt), ts, progress: new SyncProgress<int>(d => task.Value = d), cancel: ct);
                    });
            double seconds = sw.Elapsed.TotalSeconds;
            Write(dir, r, $"{name} test[0..{data.Count}), {Path.GetFileName(path)}", path, name, p.GetValue(dt), method.Name, seconds);
            var table = new Table().AddColumns("t", "H", "perfect", "nearest", "m_f", "MSE", "change later", "right → wrong later");
            for (int i = 0; i < r.Times.Length; i++)
                table.AddRow($"{r.Times[i]:G4}", $"{r.Accuracy[i]:P2}", $"{r.Perfect[i]}", $"{r.NearestAccuracy[i]:P2}", $"{r.Overlap[i]:F4}",
                    $"{r.Mse[i]:E2}", $"{r.ChangedLater[i]}", $"{r.LostLater[i]}");
            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine(string.Format(CultureInfo.InvariantCulture, "{0} images, {1:F0} s. Plot, CSV and summary.json in {2}", r.Count, seconds, Markup.Escape(dir)));
            return 0;
        });
        return cmd;
    }

    /// <summary>Parses "1,2,5.5" into times; rejects empty, non-numeric and non-positive entries.</summary>
    public static double[] ParseTimes(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0) throw new ArgumentException("--times: give at least one time, e.g. 5.5,20,120.");
        return parts.Select(s => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v > 0 && double.IsFinite(v)
            ? v : throw new ArgumentException($"--times: '{s}' is not a positive number.")).ToArray();
    }

    private static void Write(string dir, HorizonStudyResult r, string source, string modelPath, string dataset, double dt, string solver, double seconds)
    {
        double xmin = r.Times[0], xmax = r.Times[^1];
        var acc = new LinePlot { Title = "Accuracy at time t", XLabel = "t", YLabel = "share of test images", LogX = true, XMin = xmin, XMax = xmax };
        acc.Add("H (m ≥ 0.95)", r.Times, r.Accuracy).Marker = MarkerShape.Circle;
        acc.Add("nearest attractor", r.Times, r.NearestAccuracy).Marker = MarkerShape.Square;
        acc.Add("perfect (m = 1)", r.Times, r.Perfect.Select(v => (double)v / r.Count).ToArray()).Marker = MarkerShape.TriangleUp;
        // Log scale for the counts; times with a zero count are left out of that series.
        var late = new LinePlot { Title = $"Images changing attractor between t and {xmax:G4}", XLabel = "t", YLabel = "images", LogX = true, LogY = true, XMin = xmin, XMax = xmax };
        (double[] X, double[] Y) Positive(int[] v) => (r.Times.Where((_, i) => v[i] > 0).ToArray(), v.Where(c => c > 0).Select(c => (double)c).ToArray());
        var (cx, cy) = Positive(r.ChangedLater);
        var (lx, ly) = Positive(r.LostLater);
        if (cx.Length == 0) late.Title = $"No image changes attractor after t = {xmin:G4}";
        if (cx.Length > 0) late.Add("nearest attractor changes", cx, cy).Marker = MarkerShape.Circle;
        if (lx.Length > 0) late.Add("right at t, wrong at the end", lx, ly).Marker = MarkerShape.Square;
        var fig = new Figure(1, 2) { Title = $"Classification against integration time: {source} ({solver}, Δt = {dt:G3})" };
        fig.Add(acc).Add(late);
        fig.Save(Path.Combine(dir, "horizon"), 1200, 480);
        var csv = new CsvTable("t", "accuracy", "perfect", "nearest_accuracy", "overlap", "mse", "changed_later", "lost_later");
        for (int i = 0; i < r.Times.Length; i++)
            csv.AddRow(r.Times[i], r.Accuracy[i], r.Perfect[i], r.NearestAccuracy[i], r.Overlap[i], r.Mse[i], r.ChangedLater[i], r.LostLater[i]);
        csv.Save(Path.Combine(dir, "horizon.csv"));
        int best = Array.IndexOf(r.NearestAccuracy, r.NearestAccuracy.Max());
        var doc = new JsonObject
        {
            ["study"] = "horizon", ["model"] = modelPath, ["dataset"] = dataset, ["images"] = r.Count, ["dt"] = dt, ["solver"] = solver,
            ["final_time"] = r.Times[^1], ["final_accuracy"] = r.Accuracy[^1], ["final_nearest_accuracy"] = r.NearestAccuracy[^1],
            ["best_nearest_time"] = r.Times[best], ["best_nearest_accuracy"] = r.NearestAccuracy[best],
            ["lost_after_best"] = r.LostLater[best], ["seconds"] = Math.Round(seconds, 1),
        };
        AtomicFile.WriteAllText(Path.Combine(dir, "summary.json"), doc.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }
}
