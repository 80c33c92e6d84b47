using System.Text.Json.Nodes;
using Basin.Dfsa.Inputs;
using Basin.Dfsa.Networks;
using Basin.Dfsa.Terms;

namespace Basin.Dfsa.Measurement;

/// <summary>The JSON document of a measurement (<c>basin dfsa measure --json</c>), values rounded to 10⁻⁶, non-finite as null.</summary>
public static class MeasureReportJson
{
    /// <summary>
    /// <c>metrics</c> (term → mean over batches), <c>ci</c> (term → [lo, hi]), <c>skipped</c> (term → reason), Lipschitz
    /// (mean, CI, max), distance correlation, and for bit inputs avalanche and SAC deviation; plus the model's description.
    /// </summary>
    public static JsonObject ToJson(string path, NetworkSpec spec, IReadOnlyDictionary<string, string> meta, InputDistribution input, MeasureReport r)
    {
        var metrics = new JsonObject();
        var ci = new JsonObject();
        foreach (var t in TermCatalogue.All)
            if (r.Metrics.TryGetValue(t.Name, out var e))
            {
                metrics[t.Name] = N(e.Mean);
                ci[t.Name] = new JsonArray(N(e.Lo), N(e.Hi));
            }
        var skipped = new JsonObject();
        foreach (var (k, v) in r.Skipped) skipped[k] = v;
        var doc = new JsonObject
        {
            ["model"] = path,
            ["architecture"] = spec.Architecture.ToString(),
            ["input_dim"] = spec.InputDim,
            ["output_dim"] = spec.OutputDim,
            ["preset"] = meta.GetValueOrDefault("preset"),
            ["input"] = input.Name,
            ["samples"] = r.Samples,
            ["metrics"] = metrics,
            ["ci"] = ci,
            ["skipped"] = skipped,
            ["lipschitz"] = new JsonObject { ["mean"] = N(r.Lipschitz.Mean), ["ci"] = new JsonArray(N(r.Lipschitz.Lo), N(r.Lipschitz.Hi)), ["max"] = N(r.LipschitzMax) },
            ["distance_correlation"] = N(r.DistanceCorrelation.Mean),
            ["distance_correlation_ci"] = new JsonArray(N(r.DistanceCorrelation.Lo), N(r.DistanceCorrelation.Hi)),
        };
        if (r.Avalanche is { } av)
        {
            doc["avalanche"] = N(av.Mean);
            doc["avalanche_ci"] = new JsonArray(N(av.Lo), N(av.Hi));
            doc["sac_deviation"] = N(r.SacDeviation!.Mean);
            doc["sac_max_deviation"] = N(r.SacMaxDeviation ?? double.NaN);
            doc["sac_bound"] = N(r.SacBound ?? double.NaN);
            doc["sac_passed"] = r.SacPassed;
        }
        return doc;
    }

    private static JsonNode? N(double v) => double.IsFinite(v) ? JsonValue.Create(Math.Round(v, 6)) : null;
}
