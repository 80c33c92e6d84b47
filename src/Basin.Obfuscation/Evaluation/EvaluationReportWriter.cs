using System.Globalization;
using System.Text.Json.Nodes;
using Basin.Plotting;
using Basin.Tensors.IO;

namespace Basin.Obfuscation.Evaluation;

/// <summary>Writes an <see cref="EvaluationReport"/> as JSON, CSV tables and figures (SVG + PNG).</summary>
public static class EvaluationReportWriter
{
    private static readonly string[] Attackers = ["least_squares", "procrustes", "pca_ica", "learned_inverse"];

    /// <summary>The JSON object of issue 7: <c>transforms</c>, each with <c>name</c>, <c>utility</c>, <c>plain_utility</c>, <c>distance_rank_correlation</c> and <c>attack</c>.</summary>
    public static JsonObject ToJson(EvaluationReport r)
    {
        static JsonObject Dict(IReadOnlyDictionary<string, double> d) => new(d.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value)));
        var arr = new JsonArray();
        foreach (var t in r.Transforms)
            arr.Add(new JsonObject
            {
                ["name"] = t.Name, ["kind"] = t.Kind, ["geometry"] = t.Geometry,
                ["utility"] = Dict(t.Utility), ["plain_utility"] = Dict(t.PlainUtility),
                ["distance_rank_correlation"] = t.DistanceRankCorrelation,
                ["round_trip_max_relative_error"] = t.RoundTripMaxRelativeError,
                ["attack"] = new JsonArray(t.Attack.Select(a => (JsonNode?)new JsonObject
                {
                    ["attacker"] = a.Attacker, ["known_pairs"] = a.KnownPairs, ["median_relative_error"] = a.MedianRelativeError,
                    ["recovered_within_5_percent"] = a.RecoveredWithin5Percent,
                }).ToArray()),
            });
        return new JsonObject
        {
            ["dataset"] = "mnist", ["train"] = r.Train, ["test"] = r.Test, ["public"] = r.Public, ["d"] = r.Dim,
            ["known_pairs_grid"] = new JsonArray(r.KnownPairGrid.Select(k => (JsonNode?)k).ToArray()),
            ["plain_utility"] = Dict(r.PlainUtility), ["seconds"] = JsonOutput.Finite(Math.Round(r.Seconds, 1)), ["transforms"] = arr,
        };
    }

    /// <summary>
    /// The result of the sharded study <c>obfuscation-eval</c>: <see cref="ToJson"/> without the run time (which no two runs
    /// share), plus the shown plain rows and the recoveries the figure draws (rounded to 10⁻⁴), so that the merged result
    /// renders the same report files.
    /// </summary>
    public static JsonObject ToStudyJson(EvaluationReport r)
    {
        var o = ToJson(r);
        o.Remove("seconds");
        o["shown_plain"] = EvaluationJson.Numbers(r.ShownPlain);
        o["recovery_samples"] = EvaluationJson.Samples(r.Samples, RecoveryColumns(r.Dim, r.KnownPairGrid), 4);
        return o;
    }

    /// <summary>Writes report.json, utility.csv, attacks.csv and the figures into <paramref name="dir"/>; returns the files written.</summary>
    public static IReadOnlyList<string> Write(EvaluationReport r, string dir)
    {
        Directory.CreateDirectory(dir);
        var files = new List<string>();
        string P(string name) { var f = Path.Combine(dir, name); files.Add(f); return f; }
        JsonOutput.Write(P("report.json"), ToJson(r));

        var models = r.PlainUtility.Keys.ToArray();
        var util = new CsvTable(["transform", "geometry", "distance_rank_correlation", .. models.Select(m => m + "_accuracy"), .. models.Select(m => m + "_gap_points")]);
        foreach (var t in r.Transforms)
            util.AddRow([t.Name, t.Geometry?.ToString("R", CultureInfo.InvariantCulture) ?? "", F(t.DistanceRankCorrelation),
                .. models.Select(m => F(t.Utility.GetValueOrDefault(m, double.NaN))), .. models.Select(m => F(100 * (r.PlainUtility[m] - t.Utility.GetValueOrDefault(m, double.NaN))))]);
        util.Save(P("utility.csv"));
        var att = new CsvTable("transform", "attacker", "known_pairs", "median_relative_error", "recovered_within_5_percent");
        foreach (var t in r.Transforms)
            foreach (var a in t.Attack) att.AddRow(t.Name, a.Attacker, a.KnownPairs.ToString(CultureInfo.InvariantCulture), F(a.MedianRelativeError), F(a.RecoveredWithin5Percent));
        att.Save(P("attacks.csv"));

        foreach (var (metric, label, file) in new[] { ("median", "median relative error |x^ - x| / |x|", "attack-median-error"), ("within", "share recovered within 5 %", "attack-within-5-percent") })
        {
            var fig = new Figure(2, 2) { Title = $"Known-pair attackers on obfuscated MNIST (d = {r.Dim}, {r.Test} test images): {label} vs known pairs k" };
            foreach (var attacker in Attackers)
            {
                var plot = new LinePlot { Title = attacker.Replace('_', ' '), XLabel = "known pairs k", YLabel = label, YMin = 0 };
                foreach (var t in r.Transforms)
                {
                    var pts = t.Attack.Where(a => a.Attacker == attacker).OrderBy(a => a.KnownPairs).ToArray();
                    if (pts.Length == 0) continue;
                    var s = plot.Add(t.Name, pts.Select(a => (double)a.KnownPairs).ToArray(),
                        pts.Select(a => metric == "median" ? Math.Min(a.MedianRelativeError, 1.5) : a.RecoveredWithin5Percent).ToArray());
                    s.Marker = MarkerShape.Circle;
                }
                fig.Add(plot);
            }
            var basePath = P(file + ".svg")[..^4];
            files.Add(basePath + ".png");
            fig.Save(basePath, 1400, 1000);
        }

        // Trade-off: utility lost (k-NN points) against the error of the best attacker holding d/4 pairs.
        int kq = r.KnownPairGrid.Where(k => k <= r.Dim / 4).DefaultIfEmpty(0).Max();
        var trade = new ScatterPlot { Title = $"Utility vs privacy: k-NN accuracy lost vs best attacker's median error with k = {kq} known pairs", XLabel = "k-NN accuracy lost (points)", YLabel = $"best attacker's median relative error (k = {kq})", YMin = 0 };
        double Best(TransformResult t) => t.Attack.Where(a => a.KnownPairs == kq).Select(a => a.MedianRelativeError).DefaultIfEmpty(double.NaN).Min();
        double Gap(TransformResult t) => 100 * (r.PlainUtility["knn"] - t.Utility["knn"]);
        var ours = r.Transforms.Where(t => t.Kind == "dfsa").OrderBy(t => t.Geometry).ToArray();
        if (ours.Length > 0)
        {
            var s = trade.Add("DFSA transform (geometry weight w)", ours.Select(Gap).ToArray(), ours.Select(Best).ToArray());
            s.ShowLine = true; s.Marker = MarkerShape.Circle; s.MarkerSize = 2;
        }
        foreach (var t in r.Transforms.Where(t => t.Kind != "dfsa"))
        {
            var s = trade.Add(t.Name, [Gap(t)], [Best(t)]);
            s.Marker = MarkerShape.Square; s.MarkerSize = 2;
        }
        var tb = P("tradeoff.svg")[..^4];
        files.Add(tb + ".png");
        trade.Save(tb, 1000, 640);

        // Recoveries: per transform, original | obfuscated | each attacker's recovery at chosen k.
        int shown = r.ShownPlain.Length / r.Dim;
        int side = (int)Math.Round(Math.Sqrt(r.Dim));
        if (shown > 0 && side * side == r.Dim)
        {
            var cols = RecoveryColumns(r.Dim, r.KnownPairGrid);
            static string Short(string a) => a switch { "least_squares" => "least sq.", "procrustes" => "Procrustes", "pca_ica" => "PCA/ICA", "learned_inverse" => "learned", _ => a.Replace('_', ' ') };
            var grid = new ImageGrid
            {
                Title = "What each attacker recovers from k known pairs (first test images)", Columns = 2 + cols.Length, AutoScale = false, ValueMin = 0, ValueMax = 1,
                ColumnLabels = ["plain", "obfuscated", .. cols.Select(c => $"{Short(c.Attacker)} k={c.K}")],
            };
            var rowLabels = new List<string>();
            foreach (var smp in r.Samples)
                for (int i = 0; i < shown; i++)
                {
                    rowLabels.Add(i == 0 ? smp.Transform : "");
                    grid.Add(r.ShownPlain.AsSpan(i * r.Dim, r.Dim), side, side);
                    var obf = Normalise(smp.Obfuscated.AsSpan(i * smp.Width, smp.Width));
                    int os = (int)Math.Ceiling(Math.Sqrt(smp.Width));
                    var padded = new double[os * os];
                    obf.CopyTo(padded, 0);
                    grid.Add(padded, os, os);
                    foreach (var (a, k) in cols)
                    {
                        var rec = smp.Recovered.TryGetValue((a, k), out var v) ? v.AsSpan(i * r.Dim, r.Dim).ToArray() : new double[r.Dim];
                        for (int j = 0; j < rec.Length; j++) rec[j] = Math.Clamp(rec[j], 0, 1);
                        grid.Add(rec, side, side);
                    }
                }
            grid.RowLabels = rowLabels;
            var gb = P("recoveries.svg")[..^4];
            files.Add(gb + ".png");
            grid.Save(gb, 180 * (2 + cols.Length), 150 * rowLabels.Count + 60);
        }
        return files;
    }

    /// <summary>The (attacker, k) recoveries drawn in the recovery figure: three attackers at k = d/4, PCA/ICA at 0, two at k = d (those on the grid).</summary>
    public static (string Attacker, int K)[] RecoveryColumns(int dim, int[] grid) =>
        new (string, int)[] { ("least_squares", dim / 4), ("procrustes", dim / 4), ("pca_ica", 0), ("learned_inverse", dim / 4), ("least_squares", dim), ("learned_inverse", dim) }
            .Where(c => grid.Contains(c.Item2)).ToArray();

    private static double[] Normalise(ReadOnlySpan<double> v)
    {
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        foreach (var x in v) { lo = Math.Min(lo, x); hi = Math.Max(hi, x); }
        var r = new double[v.Length];
        for (int i = 0; i < v.Length; i++) r[i] = hi > lo ? (v[i] - lo) / (hi - lo) : 0.5;
        return r;
    }

    private static string F(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
