using System.Text.Json.Nodes;
using Basin.Plotting;
using Basin.SaNode.Studies;
using Basin.Tensors.IO;

namespace Basin.Studies.SaNode;

/// <summary>
/// The gradient study's files (<see cref="GradientStudy"/>): <c>gradient.{svg,png}</c> (loss change along ∇L ÷ ε|∇L| per
/// horizon; held-out loss after a sign step on batch A, exact and adjoint-clipped), <c>gradient-linearity.csv</c>,
/// <c>gradient-transfer.csv</c> and <c>summary.json</c>.
/// </summary>
public static class GradientFigures
{
    /// <summary>The largest ε up to which (from the smallest) the ratio stays within 10 % of 1; 0 if even the smallest fails.</summary>
    public static double LargestLinear(GradientLinearity l)
    {
        double best = 0;
        foreach (var i in Enumerable.Range(0, l.Radii.Length).OrderBy(i => l.Radii[i]))
        {
            if (Math.Abs(l.Linearity[i] - 1) > 0.1) break;
            best = l.Radii[i];
        }
        return best;
    }

    /// <summary>Writes the files into <paramref name="dir"/>.</summary>
    public static void Write(string dir, GradientStudyResult r, string source, string modelPath, string dataset, double seconds)
    {
        Directory.CreateDirectory(dir);
        var lin = new LinePlot { Title = "Loss change along ∇L ÷ ε|∇L| (1 = linear)", XLabel = "ε", YLabel = "ratio", LogX = true,
            YMin = Math.Min(0, r.Linearity.Min(l => l.Linearity.Min())), YMax = Math.Max(1.2, r.Linearity.Max(l => l.Linearity.Max()) * 1.05) };
        foreach (var l in r.Linearity) lin.Add($"T = {l.Steps * 0.1:G4}", l.Radii, l.Linearity).Marker = MarkerShape.Circle;
        var tr = new LinePlot { Title = "Held-out loss after a sign step on A", XLabel = "η", YLabel = "relative change", LogX = true };
        foreach (var t in r.Transfer)
            tr.Add($"T = {t.Steps * 0.1:G4}, " + (t.AdjointClip == 0 ? "exact" : $"adjoint cap {t.AdjointClip:G3}"), t.Rates, t.ChangeElsewhere).Marker =
                t.AdjointClip == 0 ? MarkerShape.Circle : MarkerShape.Square;
        var fig = new Figure(1, 2) { Title = $"Training gradients against the horizon: {source}, float64" };
        fig.Add(lin).Add(tr);
        fig.Save(Path.Combine(dir, "gradient"), 1200, 480);
        var csv = new CsvTable("T", "gradient_norm", "epsilon", "linearity");
        foreach (var l in r.Linearity)
            for (int i = 0; i < l.Radii.Length; i++) csv.AddRow(l.Steps * 0.1, l.GradientNorm, l.Radii[i], l.Linearity[i]);
        csv.Save(Path.Combine(dir, "gradient-linearity.csv"));
        var csv2 = new CsvTable("T", "adjoint_clip", "eta", "change_on_a", "change_held_out");
        foreach (var t in r.Transfer)
            for (int i = 0; i < t.Rates.Length; i++) csv2.AddRow(t.Steps * 0.1, t.AdjointClip, t.Rates[i], t.ChangeOnA[i], t.ChangeElsewhere[i]);
        csv2.Save(Path.Combine(dir, "gradient-transfer.csv"));
        var doc = new JsonObject
        {
            ["study"] = "gradient", ["model"] = modelPath, ["dataset"] = dataset, ["batch"] = r.BatchSize, ["held_out_batches"] = r.HeldOutBatches,
            ["horizons"] = new JsonArray(r.Linearity.Select(l => (JsonNode)new JsonObject
            {
                ["T"] = l.Steps * 0.1, ["gradient_norm"] = l.GradientNorm,
                ["largest_linear_epsilon"] = LargestLinear(l),
            }).ToArray()),
            ["seconds"] = Math.Round(seconds, 1),
        };
        JsonOutput.Write(Path.Combine(dir, "summary.json"), doc);
    }
}
