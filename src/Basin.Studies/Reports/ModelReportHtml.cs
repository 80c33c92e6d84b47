using System.Globalization;
using System.Net;
using System.Text;
using Basin.Tensors.IO;

namespace Basin.Studies.Reports;

/// <summary>
/// Writes a <see cref="ModelReportResult"/> as one self-contained HTML file: a small embedded style sheet, no script, and
/// every figure (<see cref="ModelReportFigures"/>) inline as an SVG data URI, so the file references nothing outside itself
/// and each figure keeps its own SVG ids. Every string from the model, its metadata or the study files is HTML-escaped;
/// every number shown in a table carries its exact value in a <c>data-value</c> attribute (round-trip format). The markup is
/// well-formed XML after its doctype (every element closed, only XML's entities), so it can be checked by an XML parser.
/// Sections: <c>provenance</c>, <c>accuracy</c>, <c>certificate</c>, <c>horizon</c>, <c>learning-curve</c> (with a
/// checkpoint), <c>examples</c>, <c>robustness</c> (with study files).
/// </summary>
public static class ModelReportHtml
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private const string Style = """
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;max-width:1240px;padding:1.5rem;color:#1d2430;background:#fff;line-height:1.45}
        h1{font-size:1.6rem;margin:.2rem 0}h2{font-size:1.25rem;border-bottom:2px solid #dde3ea;padding-bottom:.2rem;margin-top:2rem}
        nav a{margin-right:1rem;color:#2456a6;text-decoration:none}p.sub{color:#566070;margin:.2rem 0 1rem}
        table{border-collapse:collapse;margin:.6rem 0;font-size:.9rem}th,td{border:1px solid #dde3ea;padding:.25rem .6rem;text-align:left;vertical-align:top}
        th{background:#f3f6f9}td.n{text-align:right;font-variant-numeric:tabular-nums}pre{margin:0;white-space:pre-wrap;word-break:break-all;font-size:.8rem;max-width:900px}
        figure{margin:.8rem 0}figure img{max-width:100%;height:auto;border:1px solid #eef1f4}figcaption{color:#566070;font-size:.85rem}
        .ok{color:#1b7a3a;font-weight:600}.bad{color:#b3261e;font-weight:600}.grid3{display:flex;flex-wrap:wrap;gap:1rem}
        """;

    /// <summary>
    /// Checks before any work that <paramref name="path"/> can be written: not a directory, its directory exists, and a file
    /// can be created there (the atomic write puts its temporary file beside the target). Throws <see cref="IOException"/> or
    /// <see cref="UnauthorizedAccessException"/> naming the path.
    /// </summary>
    public static void CheckWritable(string path)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new ArgumentException("--out is empty.");
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full)) throw new IOException($"--out {path} is a directory; give a file name such as report.html.");
        var dir = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(dir)) throw new IOException($"--out {path}: the directory {dir} does not exist.");
        try { using var _ = new FileStream(Path.Combine(dir, $".basin-report-{Guid.NewGuid():N}.tmp"), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose); }
        catch (UnauthorizedAccessException) { throw new UnauthorizedAccessException($"--out {path}: {dir} is not writable."); }
    }

    /// <summary>Writes the report to <paramref name="path"/> atomically.</summary>
    public static void Save(string path, ModelReportResult r) => AtomicFile.WriteAllText(path, Write(r));

    /// <summary>The report as HTML text.</summary>
    public static string Write(ModelReportResult r)
    {
        var h = new StringBuilder();
        h.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n");
        h.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n");
        h.Append("<title>").Append(E($"Basin report: {r.Model}")).Append("</title>\n<style>").Append(Style).Append("</style>\n</head>\n<body>\n");
        h.Append("<header>\n<h1>SA-nODE model report: <span id=\"model-name\">").Append(E(r.Model)).Append("</span></h1>\n");
        h.Append("<p class=\"sub\">").Append(E($"{r.Dataset} test images, first {r.Evaluation.Count}; N = {r.N} nodes, K = {r.K} attractors; computed in {r.Seconds.ToString("F1", Inv)} s")).Append("</p>\n");
        var sections = new List<(string Id, string Title)> { ("provenance", "Provenance"), ("accuracy", "Accuracy"), ("certificate", "Stability certificate"), ("horizon", "Horizon study") };
        if (r.LearningCurve != null) sections.Add(("learning-curve", "Learning curve"));
        sections.Add(("examples", "Examples"));
        if (r.Robustness.Count > 0) sections.Add(("robustness", "Robustness"));
        h.Append("<nav>");
        foreach (var (id, title) in sections) h.Append("<a href=\"#").Append(id).Append("\">").Append(E(title)).Append("</a>");
        h.Append("</nav>\n</header>\n");
        Provenance(h, r);
        Accuracy(h, r);
        Certificate(h, r);
        Horizon(h, r);
        if (r.LearningCurve != null) LearningCurve(h, r);
        Examples(h, r);
        if (r.Robustness.Count > 0) Robustness(h, r);
        h.Append("<footer><p class=\"sub\">Written by <code>basin report</code>. Definitions: Marino et al. 2024 (SA-nODE, §II.B certificate, §III read-outs, §IV horizon).</p></footer>\n");
        h.Append("</body>\n</html>\n");
        return h.ToString();
    }

    /// <summary>HTML-escapes text (&lt; &gt; &amp; " ').</summary>
    public static string E(string? s) => WebUtility.HtmlEncode(s ?? "");

    private static string R(double v) => double.IsFinite(v) ? v.ToString("R", Inv) : (double.IsNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity");

    private static string Pct(double v) => double.IsFinite(v) ? (100 * v).ToString("F2", Inv) + " %" : "–";

    private static string G(double v) => double.IsFinite(v) ? v.ToString("G4", Inv) : "–";

    private static void Num(StringBuilder h, double v, string shown, string? id = null)
    {
        h.Append("<td class=\"n\"");
        if (id != null) h.Append(" id=\"").Append(id).Append('"');
        h.Append(" data-value=\"").Append(R(v)).Append("\">").Append(E(shown)).Append("</td>");
    }

    private static void Row(StringBuilder h, string label, double v, string shown, string? id = null)
    {
        h.Append("<tr><th>").Append(E(label)).Append("</th>");
        Num(h, v, shown, id);
        h.Append("</tr>\n");
    }

    private static void Verdict(StringBuilder h, string label, bool ok, string id)
    {
        h.Append("<tr><th>").Append(E(label)).Append("</th><td id=\"").Append(id).Append("\" data-value=\"").Append(ok ? "true" : "false").Append("\" class=\"")
            .Append(ok ? "ok\">yes" : "bad\">no").Append("</td></tr>\n");
    }

    private static void Open(StringBuilder h, string id, string title) =>
        h.Append("<section id=\"").Append(id).Append("\">\n<h2>").Append(E(title)).Append("</h2>\n");

    private static void Close(StringBuilder h) => h.Append("</section>\n");

    private static void Figure(StringBuilder h, ReportFigure? f, string caption)
    {
        if (f is null) return;
        var svg = f.ToSvg();
        int start = svg.IndexOf("<svg", StringComparison.Ordinal);
        if (start > 0) svg = svg[start..]; // drop an XML declaration: the data URI is the SVG document itself
        h.Append("<figure id=\"fig-").Append(f.Key).Append("\"><img alt=\"").Append(E(f.Alt)).Append("\" src=\"data:image/svg+xml;base64,")
            .Append(Convert.ToBase64String(Encoding.UTF8.GetBytes(svg))).Append("\" /><figcaption>").Append(E(caption)).Append("</figcaption></figure>\n");
    }

    private static void Provenance(StringBuilder h, ModelReportResult r)
    {
        Open(h, "provenance", "Provenance");
        h.Append("<p>").Append(E($"Model {r.Model} ({Path.GetFileName(r.Path)}): every metadata entry of its safetensors file.")).Append("</p>\n");
        h.Append("<table id=\"provenance-table\"><tr><th>key</th><th>value</th></tr>\n");
        foreach (var (k, v) in r.Provenance) h.Append("<tr><th>").Append(E(k)).Append("</th><td><pre>").Append(E(v)).Append("</pre></td></tr>\n");
        h.Append("</table>\n");
        Close(h);
    }

    private static void Accuracy(StringBuilder h, ModelReportResult r)
    {
        var e = r.Evaluation;
        Open(h, "accuracy", "Accuracy");
        string how = e.Rtol > 0 || e.Atol > 0
            ? $"{e.Solver}, rtol {e.Rtol.ToString("G3", Inv)}, atol {e.Atol.ToString("G3", Inv)}, {e.StepControl} step control"
            : $"{e.Solver}, Δt = {e.Dt.ToString("G4", Inv)}, {e.Steps} steps";
        h.Append("<p>").Append(E($"Each image integrated to T = {G(e.Horizon)} ({how}) as 'basin sanode eval' does. H: share with sign overlap m ≥ {G(e.Threshold)} with the label's attractor.")).Append("</p>\n");
        h.Append("<table id=\"accuracy-table\">\n");
        Row(h, "images", e.Count, e.Count.ToString(Inv), "eval-count");
        Row(h, "H", e.Accuracy, Pct(e.Accuracy), "eval-h");
        Row(h, "nearest-attractor accuracy", e.NearestAccuracy, Pct(e.NearestAccuracy), "eval-nearest");
        Row(h, "perfect (m = 1)", e.Perfect, e.Perfect.ToString(Inv), "eval-perfect");
        Row(h, "mean overlap m_f", e.Overlap, e.Overlap.ToString("F4", Inv), "eval-overlap");
        Row(h, "MSE to the attractor", e.Mse, e.Mse.ToString("G4", Inv), "eval-mse");
        Row(h, "evaluations of F", e.Evaluations, e.Evaluations.ToString(Inv), "eval-evaluations");
        Row(h, "seconds", e.Seconds, e.Seconds.ToString("F1", Inv), "eval-seconds");
        h.Append("</table>\n<table id=\"per-class-table\"><tr><th>class</th><th>images</th><th>H</th><th>nearest attractor</th></tr>\n");
        for (int c = 0; c < e.PerClass.Length; c++)
        {
            var pc = e.PerClass[c];
            h.Append("<tr><th>").Append(E(pc.Class)).Append("</th>");
            Num(h, pc.Count, pc.Count.ToString(Inv));
            Num(h, pc.Accuracy, Pct(pc.Accuracy), $"class-{c}-h");
            Num(h, pc.NearestAccuracy, Pct(pc.NearestAccuracy));
            h.Append("</tr>\n");
        }
        h.Append("</table>\n");
        Figure(h, ModelReportFigures.PerClass(r), "H and nearest-attractor accuracy per class.");
        Close(h);
    }

    private static void Certificate(StringBuilder h, ModelReportResult r)
    {
        var c = r.Certificate;
        Open(h, "certificate", "Stability certificate");
        h.Append("<p>").Append(E("At every planted attractor φ ∈ {±a}ᴺ the Jacobian is J = −8|γ|a² I + βA (Marino et al. 2024, §II.B). " +
            "The attractors are linearly stable when every effective eigenvalue λ_α < 8a²|γ|/β (the paper's bound) and, computed directly, when max Re spec J < 0.")).Append("</p>\n");
        h.Append("<table id=\"certificate-table\">\n");
        Verdict(h, "all planted attractors linearly stable", c.AllAttractorsStable, "cert-stable");
        Verdict(h, "stable by the bound", c.StableByBound, "cert-stable-bound");
        Verdict(h, "stable by the spectrum", c.StableBySpectrum, "cert-stable-spectrum");
        Row(h, "bound 8a²|γ|/β", c.Bound, c.Bound.ToString("F3", Inv), "cert-bound");
        Row(h, "max λ_eff", c.MaxLambdaEffective, c.MaxLambdaEffective.ToString("F3", Inv), "cert-max-lambda");
        Row(h, "max Re spec J", c.MaxRealJacobian, c.MaxRealJacobian.ToString("F4", Inv), "cert-max-re");
        Row(h, "settling time t_s = 1/min|Re spec J|", c.SettlingTime, c.SettlingTime.ToString("G4", Inv), "cert-settling");
        Row(h, "max ‖F(φ⁽ᵏ⁾)‖∞", c.MaxFixedPointResidual, c.MaxFixedPointResidual.ToString("E2", Inv), "cert-residual");
        Row(h, "max gap computed vs predicted spectrum", c.MaxGapSpectrumVsPrediction, c.MaxGapSpectrumVsPrediction.ToString("E2", Inv), "cert-gap");
        Row(h, "γ", c.Gamma, c.Gamma.ToString("G5", Inv), "cert-gamma");
        Row(h, "a", c.A, c.A.ToString("G5", Inv), "cert-a");
        Row(h, "β", c.Beta, c.Beta.ToString("G5", Inv), "cert-beta");
        h.Append("</table>\n");
        Figure(h, ModelReportFigures.Eigenvalues(r), c.InitialLambda is null
            ? "Effective eigenvalues after training (the file has no recipe, so λ at initialisation is not known)."
            : "Effective eigenvalues at initialisation (rebuilt from the recipe's seed) and after training.");
        Figure(h, ModelReportFigures.Spectrum(r), "spec J in the complex plane; computed against predicted real parts.");
        Close(h);
    }

    private static void Horizon(StringBuilder h, ModelReportResult r)
    {
        var x = r.Horizon.Result;
        Open(h, "horizon", "Horizon study");
        h.Append("<p>").Append(E($"One integration of the same {x.Count} images ({r.Horizon.Solver}, Δt = {G(r.Horizon.Dt)}) read at every time t: does the classification hold beyond the training horizon? " +
            "'changed later': images whose nearest attractor at t differs from the one at the last time; 'lost later': of those, the ones right at t.")).Append("</p>\n");
        h.Append("<table id=\"horizon-table\"><tr><th>t</th><th>H</th><th>nearest attractor</th><th>perfect</th><th>m_f</th><th>changed later</th><th>lost later</th></tr>\n");
        for (int i = 0; i < x.Times.Length; i++)
        {
            h.Append("<tr>");
            Num(h, x.Times[i], G(x.Times[i]));
            Num(h, x.Accuracy[i], Pct(x.Accuracy[i]), $"horizon-h-{i}");
            Num(h, x.NearestAccuracy[i], Pct(x.NearestAccuracy[i]));
            Num(h, x.Perfect[i], x.Perfect[i].ToString(Inv));
            Num(h, x.Overlap[i], x.Overlap[i].ToString("F4", Inv));
            Num(h, x.ChangedLater[i], x.ChangedLater[i].ToString(Inv));
            Num(h, x.LostLater[i], x.LostLater[i].ToString(Inv));
            h.Append("</tr>\n");
        }
        h.Append("</table>\n");
        Figure(h, ModelReportFigures.Horizon(r), "Accuracy against integration time (log axis), and images still changing attractor.");
        Close(h);
    }

    private static void LearningCurve(StringBuilder h, ModelReportResult r)
    {
        var c = r.LearningCurve!;
        Open(h, "learning-curve", "Learning curve");
        h.Append("<p>").Append(E($"The training history stored in {Path.GetFileName(c.Checkpoint)}.")).Append("</p>\n<table id=\"learning-table\">\n");
        Row(h, "epochs", c.Epochs, c.Epochs.ToString(Inv), "curve-epochs");
        Row(h, "training time (hours)", c.Hours, c.Hours.ToString("F2", Inv), "curve-hours");
        Row(h, "final loss", c.FinalLoss, c.FinalLoss.ToString("G4", Inv), "curve-loss");
        Row(h, "final training H", c.FinalTrainAccuracy, Pct(c.FinalTrainAccuracy), "curve-train-h");
        if (c.BestValidationAccuracy is { } v) Row(h, "best validation H", v, Pct(v), "curve-best-validation");
        h.Append("</table>\n");
        Figure(h, ModelReportFigures.LearningCurve(r), "Training H (training horizon) and validation H (evaluation horizon) against training time.");
        Close(h);
    }

    private static void Examples(StringBuilder h, ModelReportResult r)
    {
        var e = r.Examples;
        Open(h, "examples", "Examples");
        h.Append("<p>").Append(E($"The images' states at t = {G(e.Time)}: right (m ≥ 0.95 with the label's attractor), wrong (the nearest attractor is another class's), " +
            "unsettled (nearest the label's attractor but m < 0.95). Captions: #index label→nearest attractor, m.")).Append("</p>\n");
        h.Append("<table id=\"examples-table\">\n");
        Row(h, "right", e.Right, e.Right.ToString(Inv), "examples-right");
        Row(h, "wrong", e.Wrong, e.Wrong.ToString(Inv), "examples-wrong");
        Row(h, "unsettled", e.Unsettled, e.Unsettled.ToString(Inv), "examples-unsettled");
        h.Append("</table>\n");
        foreach (var (kind, list) in new[] { ("right", e.RightSamples), ("wrong", e.WrongSamples), ("unsettled", e.UnsettledSamples) })
        {
            if (list.Length == 0) { h.Append("<p id=\"no-").Append(kind).Append("\">").Append(E($"No {kind} image among the {r.Horizon.Result.Count}.")).Append("</p>\n"); continue; }
            Figure(h, ModelReportFigures.Examples(r, kind, list), $"The first {list.Length} {kind} images.");
        }
        Close(h);
    }

    private static void Robustness(StringBuilder h, ModelReportResult r)
    {
        Open(h, "robustness", "Robustness");
        h.Append("<p>").Append(E($"Robust accuracy against the budget ε from {string.Join(", ", r.Studies.Select(Path.GetFileName))}: ε = 0 is the clean accuracy; " +
            "'worst-case' is the per-image worst case over every attack of an accurate-or-stable study.")).Append("</p>\n");
        h.Append("<table id=\"robustness-table\"><tr><th>model</th><th>norm</th><th>attack</th><th>images</th><th>ε → robust accuracy</th></tr>\n");
        for (int i = 0; i < r.Robustness.Count; i++)
        {
            var c = r.Robustness[i];
            h.Append("<tr><td>").Append(E(c.Model)).Append("</td><td>").Append(E(c.Norm)).Append("</td><td>").Append(E(c.Attack)).Append("</td>");
            Num(h, c.Images, c.Images.ToString(Inv));
            h.Append("<td>");
            for (int j = 0; j < c.Epsilons.Length; j++)
                h.Append("<span class=\"pt\" data-eps=\"").Append(R(c.Epsilons[j])).Append("\" data-value=\"").Append(R(c.RobustAccuracy[j])).Append("\" id=\"robust-")
                    .Append(i.ToString(Inv)).Append('-').Append(j.ToString(Inv)).Append("\">").Append(E($"{G(c.Epsilons[j])}: {Pct(c.RobustAccuracy[j])}")).Append("</span>")
                    .Append(j + 1 < c.Epsilons.Length ? "; " : "");
            h.Append("</td></tr>\n");
        }
        h.Append("</table>\n");
        foreach (var f in ModelReportFigures.Robustness(r)) Figure(h, f, f.Alt + ".");
        Close(h);
    }
}
