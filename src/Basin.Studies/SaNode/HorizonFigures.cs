using System.Text.Json.Nodes;
using Basin.Plotting;
using Basin.Tensors.IO;

namespace Basin.Studies.SaNode;

/// <summary>
/// The horizon study's files: <c>horizon.svg/.png</c> (H, nearest-attractor accuracy and perfect share against t on a log
/// axis; images whose nearest attractor still changes between t and the horizon), <c>horizon.csv</c> and <c>summary.json</c>.
/// </summary>
public static class HorizonFigures
{
    /// <summary>Writes the files into <paramref name="dir"/> (created if needed); returns their paths.</summary>
    public static IReadOnlyList<string> Write(string dir, HorizonReport report, double? seconds = null)
    {
        Directory.CreateDirectory(dir);
        var r = report.Result;
        var fig = Build(report);
        fig.Save(Path.Combine(dir, "horizon"), 1200, 480);
        var csv = new CsvTable("t", "accuracy", "perfect", "nearest_accuracy", "overlap", "mse", "changed_later", "lost_later");
        for (int i = 0; i < r.Times.Length; i++)
            csv.AddRow(r.Times[i], r.Accuracy[i], r.Perfect[i], r.NearestAccuracy[i], r.Overlap[i], r.Mse[i], r.ChangedLater[i], r.LostLater[i]);
        csv.Save(Path.Combine(dir, "horizon.csv"));
        JsonOutput.Write(Path.Combine(dir, "summary.json"), Summary(report, seconds));
        return new[] { "horizon.svg", "horizon.png", "horizon.csv", "summary.json" }.Select(f => Path.Combine(dir, f)).ToArray();
    }

    /// <summary>The figure: H, nearest-attractor accuracy and perfect share against t (log axis); images still changing attractor after t.</summary>
    public static Figure Build(HorizonReport report)
    {
        var r = report.Result;
        string source = $"{report.Dataset} test[0..{r.Count}), {Path.GetFileName(report.Model)}";
        double xmin = r.Times[0], xmax = r.Times[^1];
        var acc = new LinePlot { Title = "Accuracy at time t", XLabel = "t", YLabel = "share of test images", LogX = true, XMin = xmin, XMax = xmax };
        acc.Add("H (m ≥ 0.95)", r.Times, r.Accuracy).Marker = MarkerShape.Circle;
        acc.Add("nearest attractor", r.Times, r.NearestAccuracy).Marker = MarkerShape.Square;
        acc.Add("perfect (m = 1)", r.Times, r.Perfect.Select(v => (double)v / Math.Max(1, r.Count)).ToArray()).Marker = MarkerShape.TriangleUp;
        // Log scale for the counts; times with a zero count are left out of that series.
        var late = new LinePlot { Title = $"Images changing attractor between t and {xmax:G4}", XLabel = "t", YLabel = "images", LogX = true, LogY = true, XMin = xmin, XMax = xmax };
        (double[] X, double[] Y) Positive(int[] v) => (r.Times.Where((_, i) => v[i] > 0).ToArray(), v.Where(c => c > 0).Select(c => (double)c).ToArray());
        var (cx, cy) = Positive(r.ChangedLater);
        var (lx, ly) = Positive(r.LostLater);
        if (cx.Length == 0) late.Title = $"No image changes attractor after t = {xmin:G4}";
        if (cx.Length > 0) late.Add("nearest attractor changes", cx, cy).Marker = MarkerShape.Circle;
        if (lx.Length > 0) late.Add("right at t, wrong at the end", lx, ly).Marker = MarkerShape.Square;
        var fig = new Figure(1, 2) { Title = $"Classification against integration time: {source} ({report.Solver}, {(report.Rtol + report.Atol > 0 ? $"rtol {report.Rtol:G3}, atol {report.Atol:G3}" : $"Δt = {report.Dt:G3}")})" };
        fig.Add(acc).Add(late);
        return fig;
    }

    /// <summary>The summary: final and best nearest-attractor accuracy, and how many right images are lost after the best time.</summary>
    public static JsonObject Summary(HorizonReport report, double? seconds = null)
    {
        var r = report.Result;
        int best = Array.IndexOf(r.NearestAccuracy, r.NearestAccuracy.Max());
        var doc = new JsonObject
        {
            ["study"] = "horizon", ["model"] = report.Model, ["dataset"] = report.Dataset, ["images"] = r.Count, ["dt"] = report.Dt, ["solver"] = report.Solver,
            ["rtol"] = report.Rtol, ["atol"] = report.Atol, ["row_evaluations"] = report.RowEvaluations,
            ["final_time"] = r.Times[^1], ["final_accuracy"] = r.Accuracy[^1], ["final_nearest_accuracy"] = r.NearestAccuracy[^1],
            ["best_nearest_time"] = r.Times[best], ["best_nearest_accuracy"] = r.NearestAccuracy[best], ["lost_after_best"] = r.LostLater[best],
        };
        if (seconds is double s) doc["seconds"] = Math.Round(s, 1);
        return doc;
    }
}
