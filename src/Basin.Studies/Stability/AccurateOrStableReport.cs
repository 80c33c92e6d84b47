using Basin.Plotting;
using Basin.Stability;
using Basin.Tensors.IO;

namespace Basin.Studies.Stability;

/// <summary>
/// The accurate-or-stable report: <c>accurate-or-stable.csv</c> (one row per model), <c>curves.csv</c> (robust accuracy per
/// model, norm, budget and attack), <c>accurate-or-stable.json</c> (the whole result), the worst-case curves
/// <c>robust-linf</c>/<c>robust-l2</c>, the CDF of minimal L2 distances, the histogram of input-gradient norms, and
/// <c>examples-MODEL</c> (SVG and PNG each).
/// </summary>
public static class AccurateOrStableReport
{
    /// <summary>Worst-case robust accuracy at budget <paramref name="eps"/> (NaN when it is not one of the budgets).</summary>
    public static double At(NormCurves c, double eps) { int i = Array.IndexOf(c.Epsilons, eps); return i < 0 ? double.NaN : c.WorstCase[i]; }

    /// <summary>A file-name-safe form of a model name.</summary>
    public static string Slug(string name) => new string(name.ToLowerInvariant().Select(ch => char.IsLetterOrDigit(ch) ? ch : '-').ToArray()).Trim('-').Replace("--", "-");

    /// <summary>Writes every file into <paramref name="dir"/>; returns the files written.</summary>
    public static IReadOnlyList<string> Write(AccurateOrStableResult result, string dir)
    {
        Directory.CreateDirectory(dir);
        var files = new List<string>();
        string F(string name) { var p = Path.Combine(dir, name); files.Add(p); return p; }
        Tables(result, F("accurate-or-stable.csv"), F("curves.csv"));
        JsonOutput.Write(F("accurate-or-stable.json"), AccurateOrStableStudy.ToJson(result));
        Figures(result, dir, files);
        foreach (var r in result.Models)
            files.AddRange(AdversarialExampleFigure.Save(Path.Combine(dir, "examples-" + Slug(r.Model)), r.Examples, $"{r.Model}, minimal L2 (white-box)"));
        return files;
    }

    private static void Tables(AccurateOrStableResult result, string tablePath, string curvesPath)
    {
        var table = new CsvTable("model", "count", "clean_accuracy", "worst_linf_0.1", "worst_l2_1", "median_min_l2", "median_min_l2_low", "median_min_l2_high",
            "median_min_l2_whitebox", "median_min_l2_decision_only", "median_min_linf", "median_min_linf_low", "median_min_linf_high", "median_grad_norm",
            "median_lipschitz", "checks_passed", "masking_suspected");
        var curves = new CsvTable("model", "norm", "eps", "attack", "images", "robust_accuracy");
        foreach (var r in result.Models)
        {
            table.AddRow(r.Model, r.Count, r.CleanAccuracy, At(r.LInf, 0.1), At(r.L2, 1), r.MinimalL2.Median, r.MinimalL2.Low, r.MinimalL2.High,
                r.MinimalL2WhiteBox.Median, r.MinimalL2DecisionOnly.Median, r.MinimalLInf.Median, r.MinimalLInf.Low, r.MinimalLInf.High, r.MedianGradientNorm,
                r.MedianLipschitz, $"{r.Checks.Count(c => c.Passed)}/{r.Checks.Count}", r.MaskingSuspected ? 1 : 0);
            foreach (var nc in new[] { r.LInf, r.L2 })
            {
                for (int e = 0; e < nc.Epsilons.Length; e++)
                {
                    curves.AddRow(r.Model, nc.Norm, nc.Epsilons[e], "worst-case", r.Count, nc.WorstCase[e]);
                    foreach (var a in nc.Attacks) curves.AddRow(r.Model, nc.Norm, nc.Epsilons[e], a.Attack, a.Images, a.RobustAccuracy[e]);
                }
                for (int e = 0; e < nc.ExtendedEpsilons.Length; e++) curves.AddRow(r.Model, nc.Norm, nc.ExtendedEpsilons[e], "worst-case (extended, PGD)", r.Count, nc.ExtendedWorstCase[e]);
            }
        }
        table.Save(tablePath);
        curves.Save(curvesPath);
    }

    private static void Figures(AccurateOrStableResult result, string dir, List<string> files)
    {
        string dataset = result.Dataset;
        int n = result.Count;
        void Saved(string name) { files.Add(Path.Combine(dir, name + ".svg")); files.Add(Path.Combine(dir, name + ".png")); }
        foreach (var (norm, label) in new[] { ("linf", "L∞"), ("l2", "L2") })
        {
            var plot = new LinePlot { Title = $"Worst-case robust accuracy vs {label} budget ({dataset}, first {n} test images)", XLabel = $"ε ({label})", YLabel = "robust accuracy" };
            foreach (var r in result.Models)
            {
                var nc = norm == "linf" ? r.LInf : r.L2;
                plot.Add(r.Model, new[] { 0.0 }.Concat(nc.Epsilons).Concat(nc.ExtendedEpsilons).ToArray(),
                    new[] { r.CleanAccuracy }.Concat(nc.WorstCase).Concat(nc.ExtendedWorstCase).ToArray()).Marker = MarkerShape.Circle;
            }
            plot.Save(Path.Combine(dir, $"robust-{norm}"), 900, 540);
            Saved($"robust-{norm}");
        }
        var cdf = new LinePlot { Title = $"Share of test images flipped within L2 distance r (minimal-L2 attacks, {dataset})", XLabel = "r (L2)", YLabel = "share of images flipped" };
        foreach (var r in result.Models)
        {
            var v = r.MinimalL2.Values.Where(double.IsFinite).OrderBy(z => z).ToArray();
            if (v.Length > 0) cdf.Add(r.Model, v, v.Select((_, i) => (i + 1.0) / r.Count).ToArray());
        }
        if (cdf.Series.Count > 0) { cdf.Save(Path.Combine(dir, "minimal-l2-cdf"), 900, 540); Saved("minimal-l2-cdf"); }
        var hist = new Histogram { Title = $"Input-gradient norms log₁₀ ‖∇ₓ CE‖₂ at the clean test images ({dataset})", XLabel = "log₁₀ ‖∇ₓ CE‖₂", YLabel = "images", Bins = 40 };
        foreach (var r in result.Models)
        {
            var g = r.GradientNorms.Where(z => z > 0).Select(Math.Log10).ToArray();
            if (g.Length > 0) hist.Add(r.Model, g);
        }
        if (hist.Series.Count > 0) { hist.Save(Path.Combine(dir, "gradient-norms"), 900, 540); Saved("gradient-norms"); }
    }
}
