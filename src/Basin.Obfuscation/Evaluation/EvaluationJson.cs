using System.Globalization;
using System.Text.Json.Nodes;

namespace Basin.Obfuscation.Evaluation;

/// <summary>
/// JSON of the evaluation's pieces and their exact inverse: the partial result of a shard (<see cref="EvaluationPart"/>)
/// and the study result (<see cref="EvaluationReportWriter.ToStudyJson"/>) read back into an <see cref="EvaluationReport"/>.
/// Numbers are written shortest-round-trip, so a part read back holds the same doubles it was written from.
/// </summary>
public static class EvaluationJson
{
    /// <summary>A shard's partial result: header, plain utility (or null), transforms (without plain utility) and recovery samples of the figure.</summary>
    public static JsonObject Part(EvaluationPart p) => new()
    {
        ["train"] = p.Train, ["test"] = p.Test, ["public"] = p.Public, ["d"] = p.Dim,
        ["known_pairs_grid"] = new JsonArray(p.KnownPairGrid.Select(k => (JsonNode?)k).ToArray()),
        ["shown_plain"] = Numbers(p.ShownPlain),
        ["plain_utility"] = p.PlainUtility is null ? null : Dict(p.PlainUtility),
        ["transforms"] = new JsonArray(p.Transforms.Select(t => (JsonNode?)Transform(t)).ToArray()),
        ["recovery_samples"] = Samples(p.Samples, EvaluationReportWriter.RecoveryColumns(p.Dim, p.KnownPairGrid), null),
    };

    /// <summary>Reads a partial result written by <see cref="Part"/>.</summary>
    public static EvaluationPart PartFrom(JsonNode n) => new((int)n["train"]!, (int)n["test"]!, (int)n["public"]!, (int)n["d"]!, Ints(n["known_pairs_grid"]!),
        Doubles(n["shown_plain"]!), n["plain_utility"] is { } pu ? DictFrom(pu) : null,
        n["transforms"]!.AsArray().Select(t => TransformFrom(t!, null)).ToArray(), SamplesFrom(n["recovery_samples"]!));

    /// <summary>Reads a study result (<see cref="EvaluationReportWriter.ToStudyJson"/>) back into a report (run time NaN).</summary>
    public static EvaluationReport ReportFrom(JsonNode n)
    {
        var plain = DictFrom(n["plain_utility"]!);
        return new EvaluationReport((int)n["train"]!, (int)n["test"]!, (int)n["public"]!, (int)n["d"]!, plain,
            n["transforms"]!.AsArray().Select(t => TransformFrom(t!, plain)).ToArray(), SamplesFrom(n["recovery_samples"] ?? new JsonArray()),
            n["shown_plain"] is { } sp ? Doubles(sp) : [], Ints(n["known_pairs_grid"]!), double.NaN);
    }

    /// <summary>One transform as in the report, without <c>plain_utility</c>.</summary>
    public static JsonObject Transform(TransformResult t) => new()
    {
        ["name"] = t.Name, ["kind"] = t.Kind, ["geometry"] = t.Geometry, ["utility"] = Dict(t.Utility),
        ["distance_rank_correlation"] = t.DistanceRankCorrelation, ["round_trip_max_relative_error"] = t.RoundTripMaxRelativeError,
        ["attack"] = new JsonArray(t.Attack.Select(a => (JsonNode?)new JsonObject
        {
            ["attacker"] = a.Attacker, ["known_pairs"] = a.KnownPairs, ["median_relative_error"] = a.MedianRelativeError,
            ["recovered_within_5_percent"] = a.RecoveredWithin5Percent,
        }).ToArray()),
    };

    /// <summary>Reads a transform; its plain utility is <paramref name="plain"/> (or the object's own, or empty).</summary>
    public static TransformResult TransformFrom(JsonNode t, IReadOnlyDictionary<string, double>? plain) => new((string)t["name"]!, (string)t["kind"]!,
        t["geometry"] is { } g ? Number(g) : null, DictFrom(t["utility"]!), plain ?? (t["plain_utility"] is { } p ? DictFrom(p) : new Dictionary<string, double>()),
        Number(t["distance_rank_correlation"]!), t["round_trip_max_relative_error"] is { } rt ? Number(rt) : null,
        t["attack"]!.AsArray().Select(a => new AttackResult((string)a!["attacker"]!, (int)a["known_pairs"]!, Number(a["median_relative_error"]!), Number(a["recovered_within_5_percent"]!))).ToArray());

    /// <summary>Recovery samples restricted to <paramref name="columns"/>; values rounded to <paramref name="digits"/> decimals when given.</summary>
    public static JsonArray Samples(IEnumerable<RecoverySamples> samples, (string Attacker, int K)[] columns, int? digits) =>
        new(samples.Select(s => (JsonNode?)new JsonObject
        {
            ["transform"] = s.Transform, ["width"] = s.Width, ["obfuscated"] = Numbers(s.Obfuscated, digits),
            ["recovered"] = new JsonArray(columns.Where(c => s.Recovered.ContainsKey(c)).Select(c => (JsonNode?)new JsonObject
            {
                ["attacker"] = c.Attacker, ["known_pairs"] = c.K, ["rows"] = Numbers(s.Recovered[c], digits),
            }).ToArray()),
        }).ToArray());

    /// <summary>Reads recovery samples.</summary>
    public static RecoverySamples[] SamplesFrom(JsonNode n) => n.AsArray().Select(s => new RecoverySamples((string)s!["transform"]!, Doubles(s["obfuscated"]!), (int)s["width"]!,
        s["recovered"]!.AsArray().ToDictionary(r => ((string)r!["attacker"]!, (int)r["known_pairs"]!), r => Doubles(r!["rows"]!)))).ToArray();

    /// <summary>A JSON array of numbers, optionally rounded.</summary>
    public static JsonArray Numbers(IEnumerable<double> v, int? digits = null) => new(v.Select(x => (JsonNode?)(digits is int d ? Math.Round(x, d) : x)).ToArray());

    private static JsonObject Dict(IReadOnlyDictionary<string, double> d) => new(d.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value)));

    private static Dictionary<string, double> DictFrom(JsonNode n) => n.AsObject().ToDictionary(kv => kv.Key, kv => Number(kv.Value!));

    private static double[] Doubles(JsonNode n) => n.AsArray().Select(x => Number(x!)).ToArray();

    private static int[] Ints(JsonNode n) => n.AsArray().Select(x => (int)Number(x!)).ToArray();

    /// <summary>A number whether the node was parsed or built in memory (named literals such as NaN as strings).</summary>
    private static double Number(JsonNode n) => n.GetValueKind() == System.Text.Json.JsonValueKind.String
        ? double.Parse((string)n!, CultureInfo.InvariantCulture)
        : double.Parse(n.ToJsonString(), CultureInfo.InvariantCulture);
}
