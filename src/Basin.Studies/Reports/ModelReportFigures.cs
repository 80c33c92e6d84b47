using Basin.Plotting;
using Basin.Studies.SaNode;

namespace Basin.Studies.Reports;

/// <summary>
/// The figures of a <see cref="ModelReportResult"/>, drawn from its numbers with Basin.Plotting's figure vocabulary: per-class
/// H, the certificate's eigenvalue histogram and spectrum (<see cref="SaNodeStabilityReport"/>), the horizon study
/// (<see cref="HorizonFigures"/>), the learning curve (<see cref="TrainingHistory"/>), the example grids, and robust accuracy
/// against ε per norm.
/// </summary>
public static class ModelReportFigures
{
    /// <summary>Per-class H and nearest-attractor accuracy.</summary>
    public static ReportFigure PerClass(ModelReportResult r)
    {
        var pc = r.Evaluation.PerClass;
        var bars = new BarChart(pc.Select(c => c.Class).ToArray())
        { Title = $"Accuracy per class ({r.Dataset}, first {r.Evaluation.Count} test images, T = {r.Evaluation.Horizon:G4})", XLabel = "class", YLabel = "share" };
        bars.Add("H (m ≥ 0.95)", pc.Select(c => c.Accuracy).ToArray());
        bars.Add("nearest attractor", pc.Select(c => c.NearestAccuracy).ToArray());
        return new ReportFigure("per-class", "bar chart of H and nearest-attractor accuracy per class", bars, 900, 420);
    }

    /// <summary>λ_eff before and after training.</summary>
    public static ReportFigure Eigenvalues(ModelReportResult r) =>
        new("eigenvalues", "histogram of the effective eigenvalues before and after training",
            SaNodeStabilityReport.EigenvalueHistogram(r.Certificate.Detail, r.Certificate.InitialLambda), 900, 460);

    /// <summary>spec J, computed against predicted.</summary>
    public static ReportFigure Spectrum(ModelReportResult r) =>
        new("spectrum", "eigenvalues of the Jacobian at the attractors, and computed against predicted real parts",
            SaNodeStabilityReport.SpectrumFigure(r.Certificate.Detail, r.K, out _), 1200, 460);

    /// <summary>The horizon study.</summary>
    public static ReportFigure Horizon(ModelReportResult r) =>
        new("horizon", "accuracy against integration time and images still changing attractor", HorizonFigures.Build(r.Horizon), 1200, 460);

    /// <summary>The learning curve (null without a checkpoint).</summary>
    public static ReportFigure? LearningCurve(ModelReportResult r) => r.LearningCurve is { } c
        ? new ReportFigure("learning-curve", "training and validation H against training time", c.History.Plot(), 900, 460)
        : null;

    /// <summary>One grid of example images of a kind (null when there is none of that kind).</summary>
    public static ReportFigure? Examples(ModelReportResult r, string kind, IReadOnlyList<ReportExample> examples)
    {
        if (examples.Count == 0) return null;
        var e = r.Examples;
        var grid = new ImageGrid { Title = $"{kind} at t = {e.Time:G4}", Columns = Math.Min(8, examples.Count) };
        foreach (var x in examples)
            grid.Add(x.Pixels, e.Cols, e.Rows, $"#{x.Index} {r.ClassName(x.Label)}→{r.ClassName(x.Nearest)} m={x.SignOverlap:F2}");
        return new ReportFigure("examples-" + kind, $"{kind} test images: index, label → nearest attractor, sign overlap m", grid);
    }

    /// <summary>Robust accuracy against ε, one figure per norm present in the study files.</summary>
    public static IEnumerable<ReportFigure> Robustness(ModelReportResult r)
    {
        foreach (var (norm, label) in new[] { ("linf", "L∞"), ("l2", "L2") })
        {
            var curves = r.Robustness.Where(c => c.Norm == norm).ToList();
            if (curves.Count == 0) continue;
            var plot = new LinePlot { Title = $"Robust accuracy against the {label} budget", XLabel = $"ε ({label})", YLabel = "robust accuracy" };
            foreach (var c in curves)
            {
                var s = plot.Add($"{c.Model} · {c.Attack}", c.Epsilons, c.RobustAccuracy);
                s.Marker = c.Attack == "worst-case" ? MarkerShape.Circle : MarkerShape.Square;
            }
            yield return new ReportFigure("robust-" + norm, $"robust accuracy against the {label} budget per model and attack", plot, 900, 500);
        }
    }
}
