using System.Text.Json.Nodes;
using Basin.Crypto.Cryptanalysis;
using Basin.Crypto.SideChannel;
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

    /// <summary>dudect results: the threshold and one entry per subject.</summary>
    public static JsonObject Dudect(IEnumerable<DudectResult> results) => new()
    {
        ["threshold"] = DudectResult.Threshold,
        ["subjects"] = new JsonArray(results.Select(r => (JsonNode)new JsonObject
        {
            ["subject"] = r.Subject, ["measurements"] = r.Measurements, ["max_abs_t"] = r.MaxAbsT, ["raw_t"] = r.RawT,
            ["mean_fixed_ns"] = r.MeanFixedNs, ["mean_random_ns"] = r.MeanRandomNs, ["leaks"] = r.Leaks,
        }).ToArray()),
    };

    /// <summary>Clone results by rounds and pairs.</summary>
    public static JsonObject Clones(IEnumerable<CloneResult> results) => new()
    {
        ["experimental"] = true,
        ["clones"] = new JsonArray(results.Select(c => (JsonNode)new JsonObject
        {
            ["rounds"] = c.Rounds, ["pairs"] = c.Pairs, ["bit_accuracy"] = c.BitAccuracy.Value, ["bit_accuracy_ci"] = new JsonArray(c.BitAccuracy.Lo, c.BitAccuracy.Hi),
            ["block_accuracy"] = c.BlockAccuracy.Value, ["left_half_accuracy"] = c.LeftHalfAccuracy,
        }).ToArray()),
    };
}
