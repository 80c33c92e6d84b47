using System.Globalization;
using System.Text.Json.Nodes;
using Basin.Plotting;

namespace Basin.Studies.Stability;

/// <summary>One point of a bracket curve: a model's accuracy at a budget, attacked (an upper bound on the true robust accuracy) or certified (a lower bound).</summary>
/// <param name="Model">The model's name as its result states it.</param>
/// <param name="Side"><c>attacked</c> or <c>certified</c>.</param>
/// <param name="Source">What produced it: the attack's name (with its crafting horizons) or <c>smoothing σ=…</c>.</param>
/// <param name="Norm"><c>linf</c> or <c>l2</c>.</param>
/// <param name="Budget">ε or the certified radius (0: clean accuracy).</param>
/// <param name="Accuracy">Share of the images correct within the budget.</param>
/// <param name="Images">Images measured.</param>
public sealed record BracketPoint(string Model, string Side, string Source, string Norm, double Budget, double Accuracy, int Images);

/// <summary>
/// The robustness bracket certified ≤ true ≤ attacked, gathered from the JSON results of <c>basin attack --json</c>
/// (robust accuracy at ε: an upper bound, since a stronger attack can only lower it) and <c>basin certify --json</c>
/// (randomized-smoothing certified accuracy at L2 radius r: a lower bound for the smoothed classifier, Cohen, Rosenfeld
/// &amp; Kolter 2019), written as one CSV and one figure per norm through Basin.Plotting.
/// </summary>
public static class RobustnessBracket
{
    /// <summary>The points of one result file: an attack result (fields <c>norm</c>, <c>eps</c>, <c>robust_accuracy</c>) or a certification (<c>sigma</c>, <c>certified_accuracy</c>).</summary>
    public static IReadOnlyList<BracketPoint> Read(string path)
    {
        JsonNode? n;
        try { n = JsonNode.Parse(File.ReadAllText(path)); }
        catch (System.Text.Json.JsonException e) { throw new InvalidDataException($"{path}: not JSON ({e.Message})."); }
        if (n is not JsonObject o) throw new InvalidDataException($"{path}: not a JSON object.");
        string model = (string?)o["model"] ?? throw new InvalidDataException($"{path}: no 'model'.");
        int count = (int?)o["count"] ?? 0;
        if (o["certified_accuracy"] is JsonArray curve)
        {
            double sigma = (double?)o["sigma"] ?? throw new InvalidDataException($"{path}: a certification without 'sigma'.");
            string source = $"smoothing σ={sigma.ToString("G4", CultureInfo.InvariantCulture)}";
            var points = curve.Select(p => new BracketPoint(model, "certified", source, "l2", (double)p!["radius"]!, (double)p["accuracy"]!, count)).ToList();
            // the smoothed classifier attacked at each radius (basin certify --attack): its upper bound
            if (o["attacked"] is JsonObject a && a["attacked_accuracy"] is JsonArray attacked)
                points.AddRange(attacked.Select(p => new BracketPoint(model, "attacked", $"{source}, {(string?)a["attack"] ?? "attack"}", "l2",
                    (double)p!["radius"]!, (double)p["accuracy"]!, (int?)a["count"] ?? count)));
            return points;
        }
        if (o["robust_accuracy"] is JsonValue ra && o["eps"] is JsonValue eps)
        {
            string attack = (string?)o["attack"] ?? "attack";
            if (o["crafting_horizons"] is JsonArray h) attack += $" crafted at {string.Join(", ", h.Select(x => (string)x!))}";
            string norm = (string?)o["norm"] ?? throw new InvalidDataException($"{path}: an attack result without 'norm'.");
            return [new BracketPoint(model, "attacked", attack, norm, 0, (double)o["clean_accuracy"]!, count),
                new BracketPoint(model, "attacked", attack, norm, (double)eps, (double)ra, count)];
        }
        throw new InvalidDataException($"{path}: neither a 'basin attack --json' budget result nor a 'basin certify --json' result.");
    }

    /// <summary>
    /// A short legend entry: the model without solver details, the side, and the attack or the smoothing σ. One crafting
    /// horizon is named (<c>crafted at T=5.5</c>); several are counted (<c>worst of 3 crafting horizons</c>), so series that
    /// differ only in where they were crafted keep different names.
    /// </summary>
    public static string SeriesName(string model, string side, string source)
    {
        string m = model.Replace(", euler", "", StringComparison.Ordinal).Replace(", f32", "", StringComparison.Ordinal);
        m = System.Text.RegularExpressions.Regex.Replace(m, @" N=\d+| \d+(-\d+)+", "");
        const string at = " crafted at ";
        int crafted = source.IndexOf(at, StringComparison.Ordinal);
        string src = source;
        if (crafted >= 0)
        {
            var horizons = source[(crafted + at.Length)..].Split(", ");
            src = source[..crafted] + (horizons.Length == 1 ? $", crafted at {horizons[0]}" : $", worst of {horizons.Length} crafting horizons");
        }
        return $"{m}: {side} ({src})";
    }

    /// <summary>The points of several results as one set: one point per (model, side, source, norm, budget) — the first given — sorted by those keys.</summary>
    public static IReadOnlyList<BracketPoint> Merge(IEnumerable<BracketPoint> points) =>
        points.DistinctBy(p => (p.Model, p.Side, p.Source, p.Norm, p.Budget))
            .OrderBy(p => p.Model, StringComparer.Ordinal).ThenBy(p => p.Side, StringComparer.Ordinal).ThenBy(p => p.Source, StringComparer.Ordinal)
            .ThenBy(p => p.Norm, StringComparer.Ordinal).ThenBy(p => p.Budget).ToList();

    /// <summary>
    /// Writes <c>PREFIX.csv</c> (every point) and <c>PREFIX-linf.svg/.png</c>, <c>PREFIX-l2.svg/.png</c> (accuracy against
    /// the budget, one series per model and source, attacked solid with circles, certified with squares); returns the paths.
    /// </summary>
    public static IReadOnlyList<string> Write(IEnumerable<BracketPoint> points, string prefix, string title)
    {
        var all = Merge(points);
        if (all.Count == 0) throw new ArgumentException("No points to plot.");
        var dir = Path.GetDirectoryName(Path.GetFullPath(prefix))!;
        Directory.CreateDirectory(dir);
        var files = new List<string>();
        var csv = new CsvTable("model", "side", "source", "norm", "budget", "accuracy", "images");
        foreach (var p in all) csv.AddRow(p.Model, p.Side, p.Source, p.Norm, p.Budget, p.Accuracy, p.Images);
        csv.Save(prefix + ".csv");
        files.Add(prefix + ".csv");
        foreach (var (norm, label) in new[] { ("linf", "L∞"), ("l2", "L2") })
        {
            var sel = all.Where(p => p.Norm == norm).ToList();
            if (sel.Count == 0) continue;
            int series = sel.Select(p => (p.Model, p.Side, p.Source)).Distinct().Count();
            var plot = new LinePlot
            {
                Title = $"{title} ({label})", XLabel = norm == "l2" ? "ε or certified radius r (L2)" : "ε (L∞)", YLabel = "accuracy", YMin = 0, YMax = 1,
                Legend = series > 4 ? LegendPosition.Outside : LegendPosition.Auto,   // more entries than a corner holds without hiding data go outside
            };
            foreach (var g in sel.GroupBy(p => (p.Model, p.Side, p.Source)))
            {
                var s = plot.Add(SeriesName(g.Key.Model, g.Key.Side, g.Key.Source), g.Select(p => p.Budget).ToArray(), g.Select(p => p.Accuracy).ToArray());
                s.Marker = g.Key.Side == "certified" ? MarkerShape.Square : MarkerShape.Circle;
            }
            plot.Save($"{prefix}-{norm}", series > 4 ? 1500 : 1200, 640);
            files.Add($"{prefix}-{norm}.svg");
            files.Add($"{prefix}-{norm}.png");
        }
        return files;
    }
}
