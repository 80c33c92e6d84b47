using System.Text.Json.Nodes;
using Basin.Crypto.Evaluation;
using Basin.Plotting;
using Basin.Tensors.IO;

namespace Basin.Studies.Crypto;

/// <summary>
/// Writes the crypto evaluation's report files: <c>eval.json</c>, <c>eval.csv</c> (one row per cipher and per swept round
/// count), the SAC heatmaps P(output bit j flips | input or key bit i flipped) of each cipher, and <c>round-margin</c>
/// (SAC deviation, its noise bound, distinguisher advantage and NIST failures against the round count).
/// </summary>
public static class CryptoReportWriter
{
    /// <summary>Writes every file of a whole evaluation into <paramref name="dir"/>; returns the files written.</summary>
    public static IReadOnlyList<string> Write(EvaluationReport r, JsonObject json, string dir)
    {
        Directory.CreateDirectory(dir);
        var files = new List<string>();
        foreach (var c in r.Ciphers)
        {
            var h = new Heatmap(c.Diffusion.Sac, 128, 128) { Title = $"{c.Name} ({c.Rounds} rounds): P(output bit j flips | input bit i flipped)" };
            h.Save(Path.Combine(dir, $"sac-{c.Name}"), 700, 640);
            var hk = new Heatmap(c.KeyDiffusion.Sac, c.KeyDiffusion.Sac.Length / 128, 128) { Title = $"{c.Name} ({c.Rounds} rounds): P(output bit j flips | key bit i flipped)" };
            hk.Save(Path.Combine(dir, $"key-sac-{c.Name}"), 700, 640);
            files.AddRange([Path.Combine(dir, $"sac-{c.Name}.svg"), Path.Combine(dir, $"key-sac-{c.Name}.svg")]);
        }
        var ciphers = json["ciphers"]!.AsArray().Select(c => c!.AsObject());
        files.AddRange(WriteSweep(ciphers, json["round_sweep"]!.AsArray().Select(c => c!.AsObject()), dir));
        string path = Path.Combine(dir, "eval.json");
        JsonOutput.Write(path, json);
        files.Add(path);
        return files;
    }

    /// <summary>
    /// Writes <c>round-margin.svg/png</c> for <paramref name="sweep"/> and <c>eval.csv</c> with the rows of
    /// <paramref name="ciphers"/> then the sweep (named <c>basin-sweep</c>), from the JSON objects of <see cref="CryptoReportJson.Cipher"/>.
    /// </summary>
    public static IReadOnlyList<string> WriteSweep(IEnumerable<JsonObject> ciphers, IEnumerable<JsonObject> sweep, string dir)
    {
        Directory.CreateDirectory(dir);
        var s = sweep.ToArray();
        double D(JsonObject c, string k) => Number(c[k]);
        var x = s.Select(c => D(c, "rounds")).ToArray();
        var plot = new LinePlot { Title = "Basin cipher by round count: the randomness margin", XLabel = "rounds", YLabel = "value" };
        plot.Add("SAC max deviation", x, s.Select(c => D(c, "sac_max_deviation")).ToArray()).Marker = MarkerShape.Circle;
        plot.Add("SAC noise bound", x, s.Select(c => D(c, "sac_bound")).ToArray());
        plot.Add("distinguisher accuracy - 0.5", x, s.Select(c => D(c, "distinguisher_accuracy") - 0.5).ToArray()).Marker = MarkerShape.Square;
        plot.Add("NIST failed share", x, s.Select(c => 1 - D(c, "nist_passed") / D(c, "nist_total")).ToArray()).Marker = MarkerShape.TriangleUp;
        plot.Save(Path.Combine(dir, "round-margin"), 900, 540);
        var csv = new CsvTable("cipher", "rounds", "sac_max_deviation", "sac_bound", "bic_max_correlation", "bic_bound", "key_sac_max_deviation", "key_bic_max_correlation", "nist_passed", "nist_total",
            "distinguisher_accuracy", "distinguisher_lo", "distinguisher_hi", "known_plaintext_bit_accuracy", "byte_entropy", "chi_square_p", "key_sensitivity", "mb_per_s");
        foreach (var (c, name) in ciphers.Select(c => (c, (string)c["name"]!)).Concat(s.Select(c => (c, "basin-sweep"))))
            csv.AddRow(name, (int)c["rounds"]!, D(c, "sac_max_deviation"), D(c, "sac_bound"), D(c, "bic_max_correlation"), D(c, "bic_bound"), D(c, "key_sac_max_deviation"),
                D(c, "key_bic_max_correlation"), (int)c["nist_passed"]!, (int)c["nist_total"]!, D(c, "distinguisher_accuracy"), Number(c["distinguisher_ci"]![0]),
                Number(c["distinguisher_ci"]![1]), D(c, "known_plaintext_bit_accuracy"), D(c, "byte_entropy"), D(c, "chi_square_p"), D(c, "key_sensitivity"),
                c["mb_per_s"] is null ? null : D(c, "mb_per_s"));
        string csvPath = Path.Combine(dir, "eval.csv");
        csv.Save(csvPath);
        return [Path.Combine(dir, "round-margin.svg"), Path.Combine(dir, "round-margin.png"), csvPath];
    }

    /// <summary>A JSON number as a double (whether built in memory or parsed), NaN for null.</summary>
    private static double Number(JsonNode? v) => v is null ? double.NaN : double.Parse(v.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture);
}
