using System.Text.Json.Nodes;
using Basin.Crypto.Cryptanalysis;
using Basin.Tensors.IO;

namespace Basin.Studies.Crypto;

/// <summary>The JSON form of <see cref="CipherAnalysisResult"/> (differences and masks as 16-digit hex strings).</summary>
public static class CryptanalysisJson
{
    private static string Hex(ulong v) => v.ToString("x16");

    /// <summary>One differential transition.</summary>
    public static JsonObject Transition(DifferentialTransition t) => new()
    {
        ["input_difference"] = Hex(t.InputDifference), ["output_difference"] = Hex(t.OutputDifference), ["count"] = t.Count, ["samples"] = t.Samples,
        ["probability"] = t.Probability, ["ci"] = new JsonArray(t.Lower, t.Upper), ["log2_probability"] = JsonOutput.Finite(Math.Log2(t.Probability)),
    };

    /// <summary>The whole analysis.</summary>
    public static JsonObject Result(CipherAnalysisResult r) => new()
    {
        ["experimental"] = true,
        ["key_rounds"] = r.KeyRounds,
        ["best_differential"] = Transition(r.BestDifferential),
        ["single_bit"] = new JsonArray(r.SingleBit.Select(t => (JsonNode)Transition(t)).ToArray()),
        ["two_bit"] = new JsonArray(r.TwoBit.Select(t => (JsonNode)Transition(t)).ToArray()),
        ["linear"] = new JsonArray(r.Linear.Select(l => (JsonNode)new JsonObject
        {
            ["input_mask"] = Hex(l.InputMask), ["output_mask"] = Hex(l.OutputMask), ["bias"] = l.Bias, ["std_error"] = l.StdError, ["samples"] = l.Samples,
        }).ToArray()),
        ["characteristics"] = new JsonArray(r.Characteristics.Select(c => (JsonNode)new JsonObject
        {
            ["rounds"] = c.Rounds, ["log2_probability"] = c.Log2Probability,
            ["differences"] = new JsonArray(c.Differences.Select(d => (JsonNode)new JsonArray(Hex(d.L), Hex(d.R))).ToArray()),
        }).ToArray()),
        ["margin_rounds"] = r.MarginRounds, ["margin_extrapolated"] = r.MarginExtrapolated,
        ["reduced_rounds"] = new JsonArray(r.Table.Select(t => (JsonNode)new JsonObject
        {
            ["rounds"] = t.Rounds, ["best_characteristic_log2"] = JsonOutput.Finite(t.BestCharacteristicLog2),
            ["counter_adjacent_max_z"] = t.CounterAdjacent.MaxAbsZ, ["counter_adjacent_distinguishes"] = t.CounterAdjacent.Distinguishes,
            ["related_key_max_z"] = t.RelatedKey.MaxAbsZ, ["related_key_distinguishes"] = t.RelatedKey.Distinguishes, ["pairs"] = t.CounterAdjacent.Pairs,
        }).ToArray()),
    };
}
