using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Basin.Tensors.IO;

namespace Basin.Stability.Certification;

/// <summary>
/// Writes a <see cref="CertificationResult"/> as <c>certify.csv</c> (one row per image, like the paper's certify.py log:
/// index, label, prediction, count of ĉ_A, p_A lower bound, radius, abstained, correct) and <c>certify.json</c> (the
/// aggregate: settings, clean accuracy, abstain rate, certified accuracy by radius).
/// </summary>
public static class CertificationReport
{
    /// <summary>The CSV header.</summary>
    public const string CsvHeader = "index,label,predicted,clean_prediction,count_a,p_a_lower,radius,abstained,correct";

    /// <summary>The per-image CSV text.</summary>
    public static string Csv(CertificationResult r)
    {
        var sb = new StringBuilder(CsvHeader).Append('\n');
        foreach (var m in r.Images)
            sb.Append(string.Join(',', m.Index, m.Label, m.Predicted, m.CleanPrediction, m.CountA,
                m.PALower.ToString("R", CultureInfo.InvariantCulture), m.Radius.ToString("R", CultureInfo.InvariantCulture),
                m.Abstained ? 1 : 0, m.Correct ? 1 : 0)).Append('\n');
        return sb.ToString();
    }

    /// <summary>The aggregate as a JSON node (the record's snake_case fields, the dataset name and, when given, the attacked side as <c>attacked</c>).</summary>
    public static JsonNode Json(CertificationResult r, string? dataset = null, SmoothedAttackResult? attacked = null)
    {
        var node = JsonNode.Parse(JsonOutput.ToText(r))!;
        if (dataset != null) node["dataset"] = dataset;
        if (attacked != null) node["attacked"] = JsonNode.Parse(JsonOutput.ToText(attacked));
        return node;
    }

    /// <summary>Writes both files into <paramref name="directory"/> (created when missing, each written atomically); returns their paths.</summary>
    public static (string Csv, string Json) Write(CertificationResult r, string directory, string? dataset = null, SmoothedAttackResult? attacked = null)
    {
        Directory.CreateDirectory(directory);
        string csv = Path.Combine(directory, "certify.csv"), json = Path.Combine(directory, "certify.json");
        AtomicFile.WriteAllText(csv, Csv(r));
        JsonOutput.Write(json, Json(r, dataset, attacked));
        return (csv, json);
    }
}
