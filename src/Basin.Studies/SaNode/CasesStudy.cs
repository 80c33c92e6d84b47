using System.Text.Json.Nodes;
using Basin.Data;
using Basin.Dynamics;
using Basin.Plotting;
using Basin.SaNode;
using Basin.Tensors.IO;

namespace Basin.Studies.SaNode;

/// <summary>
/// The paper's Fig. 7 (Marino et al. 2024) as a library call: integrates the test images to T with Euler and picks one of
/// each kind — A: perfect (sign overlap m⁽ʲ⁾ = 1), B: correct with a few wrong pixels (0.95 ≤ m⁽ʲ⁾ &lt; 1), C: not classified
/// (m⁽ʲ⁾ &lt; 0.95) — drawn as input, output x(T) and target (<c>fig7-cases.{svg,png}</c>, square images only), with every
/// scored image's sign overlap, overlap and nearest attractor in <c>fig7-cases.csv</c> and the counts in <c>fig7-cases.json</c>.
/// </summary>
public static class CasesStudy
{
    /// <summary>Runs the study on <paramref name="data"/> and writes its files into <paramref name="dir"/>; returns the summary.</summary>
    public static JsonObject Run(SaNodeModel<float> m, LabeledImages data, string name, string modelPath, int steps, double dt, string dir,
        CancellationToken cancel = default)
    {
        Directory.CreateDirectory(dir);
        int n = m.Config.N;
        if (data.PixelsPerImage != n) throw new ArgumentException($"Images have {data.PixelsPerImage} pixels, the model N = {n}.");
        var opts = new SolverOptions(ButcherTableau.Euler, dt, steps, Clip: 10 * m.Config.A).Validate();
        Directory.CreateDirectory(dir);
        var runner = new SaNodeRunner<float>(m);
        runner.Refresh();
        var patterns = m.Patterns.ToArray();
        var states = new float[data.Count * n];
        const int batch = 250;
        for (int start = 0; start < data.Count; start += batch)
        {
            cancel.ThrowIfCancellationRequested();
            int b = Math.Min(batch, data.Count - start);
            runner.Predict(data.Pixels.AsSpan(start * n, b * n), b, opts, states.AsSpan(start * n, b * n));
        }
        var csv = new CsvTable("index", "label", "nearest", "sign_overlap", "overlap");
        var sign = new double[data.Count];
        var nearest = new int[data.Count];
        double a = m.Config.A;
        for (int j = 0; j < data.Count; j++)
        {
            var x = states.AsSpan(j * n, n);
            var t = patterns.AsSpan(data.Labels[j] * n, n);
            int agree = 0; double dot = 0;
            for (int i = 0; i < n; i++) { if (Math.Sign(x[i]) == Math.Sign(t[i])) agree++; dot += x[i] * t[i]; }
            sign[j] = (double)agree / n;
            nearest[j] = SaNodeMetrics.Nearest<float>(x, patterns, n);
            csv.AddRow(j, data.Labels[j], nearest[j], sign[j], dot / (n * a * a));
        }
        csv.Save(Path.Combine(dir, "fig7-cases.csv"));
        int caseA = Array.FindIndex(sign, v => v == 1), caseB = Array.FindIndex(sign, v => v >= 0.95 && v < 1), caseC = Array.FindIndex(sign, v => v < 0.95);
        var picked = new[] { ("A", caseA), ("B", caseB), ("C", caseC) }.Where(q => q.Item2 >= 0).ToArray();
        int side = (int)Math.Round(Math.Sqrt(n));
        if (side * side == n && picked.Length > 0)
        {
            var grid = new ImageGrid
            {
                Title = $"{name}, T = {opts.Steps * opts.Dt:G4}: A perfect, B 0.95 ≤ m < 1, C m < 0.95 (Fig. 7)",
                Columns = picked.Length, RowLabels = ["input", "output", "target"],
            };
            float State(float v) => (float)Math.Clamp((v + a) / (2 * a), 0, 1);
            foreach (var (label, j) in picked) grid.Add(data.Image(j), side, side, $"{label}: test {j}, label {data.ClassNames[data.Labels[j]]}");
            foreach (var (_, j) in picked) grid.Add(states.AsSpan(j * n, n).ToArray().Select(State).ToArray(), side, side, $"m = {sign[j]:F3}, nearest {data.ClassNames[nearest[j]]}");
            foreach (var (_, j) in picked) grid.Add(patterns.AsSpan(data.Labels[j] * n, n).ToArray().Select(State).ToArray(), side, side, $"φ({data.Labels[j]})");
            grid.Save(Path.Combine(dir, "fig7-cases"), 300 * picked.Length + 120, 700);
        }
        int perfect = sign.Count(v => v == 1), partial = sign.Count(v => v >= 0.95 && v < 1), failed = sign.Count(v => v < 0.95);
        var doc = new JsonObject
        {
            ["study"] = "cases", ["model"] = modelPath, ["dataset"] = name, ["images"] = data.Count, ["horizon"] = opts.Steps * opts.Dt,
            ["accuracy"] = (double)(perfect + partial) / data.Count, ["perfect"] = perfect, ["partial"] = partial, ["failed"] = failed,
            ["case_a"] = caseA, ["case_b"] = caseB, ["case_c"] = caseC,
        };
        JsonOutput.Write(Path.Combine(dir, "fig7-cases.json"), doc);
        return doc;
    }
}
