using System.Text.Json.Nodes;
using Basin.Crypto.Evaluation;
using Basin.Tensors.IO;

namespace Basin.Studies.Crypto;

/// <summary>The JSON schema of the crypto evaluation (<c>eval.json</c>, <c>basin crypto eval --json</c>) and of its round sweep.</summary>
public static class CryptoReportJson
{
    /// <summary>One cipher's measurements as a flat object (<c>mb_per_s</c> null where throughput was not measured).</summary>
    public static JsonObject Cipher(CipherReport c) => new()
    {
        ["name"] = c.Name, ["rounds"] = c.Rounds,
        ["sac_max_deviation"] = c.Diffusion.SacMaxDeviation, ["sac_bound"] = c.Diffusion.SacBound,
        ["bic_max_correlation"] = c.Diffusion.BicMaxCorrelation, ["bic_bound"] = c.Diffusion.BicBound,
        ["key_sac_max_deviation"] = c.KeyDiffusion.SacMaxDeviation, ["key_sac_bound"] = c.KeyDiffusion.SacBound,
        ["key_bic_max_correlation"] = c.KeyDiffusion.BicMaxCorrelation, ["key_bic_bound"] = c.KeyDiffusion.BicBound,
        ["nist_passed"] = c.NistPassed, ["nist_total"] = c.NistTotal,
        ["nist_tests"] = new JsonArray((c.NistFamilies ?? []).Select(f => (JsonNode)new JsonObject
        {
            ["name"] = f.Test, ["sub_tests"] = f.SubTests, ["sub_tests_passed"] = f.SubTestsPassed, ["allowed_failures"] = f.AllowedFailures, ["passes"] = f.Passes,
        }).ToArray()),
        ["nist_pass_proportion"] = new JsonObject(c.NistPassProportion.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)JsonValue.Create(kv.Value)))),
        ["distinguisher_accuracy"] = c.Distinguisher.Value, ["distinguisher_ci"] = new JsonArray(c.Distinguisher.Lo, c.Distinguisher.Hi),
        ["known_plaintext_bit_accuracy"] = c.KnownPlaintext.Value, ["known_plaintext_ci"] = new JsonArray(c.KnownPlaintext.Lo, c.KnownPlaintext.Hi),
        ["byte_entropy"] = c.ByteEntropy, ["chi_square"] = JsonOutput.Finite(c.ChiSquare), ["chi_square_p"] = JsonOutput.Finite(c.ChiSquarePValue),
        ["key_sensitivity"] = c.KeySensitivity, ["mb_per_s"] = JsonOutput.Finite(c.MegabytesPerSecond),
        ["passes_all"] = c.PassesAll,
    };

    /// <summary>The whole evaluation, with the dieharder runs (empty when not asked for).</summary>
    public static JsonObject Report(EvaluationReport r, IReadOnlyList<DieharderResult> dieharder) => new()
    {
        ["experimental"] = true,
        ["ciphers"] = new JsonArray(r.Ciphers.Select(c => (JsonNode)Cipher(c)).ToArray()),
        ["round_sweep"] = new JsonArray(r.RoundSweep.Select(c => (JsonNode)Cipher(c)).ToArray()),
        ["margin_rounds"] = r.MarginRounds, ["default_rounds"] = r.DefaultRounds,
        ["image_npcr_fresh_nonce"] = r.ImageFreshNonce.Npcr, ["image_uaci_fresh_nonce"] = r.ImageFreshNonce.Uaci,
        ["image_npcr_same_nonce"] = r.ImageSameNonce.Npcr, ["image_uaci_same_nonce"] = r.ImageSameNonce.Uaci,
        ["throughput_mb_per_s"] = new JsonObject(r.Throughput.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)JsonValue.Create(kv.Value)))),
        ["dieharder"] = new JsonArray(dieharder.Select(d => (JsonNode)Dieharder(d)).ToArray()),
    };

    /// <summary>One dieharder run: generator, summary, counts and every assessment.</summary>
    public static JsonObject Dieharder(DieharderResult d) => new()
    {
        ["generator"] = d.Generator, ["installed"] = d.Installed, ["timed_out"] = d.TimedOut, ["bytes"] = d.BytesFed, ["seconds"] = d.Seconds,
        ["passed"] = d.Passed, ["weak"] = d.Weak, ["failed"] = d.Failed, ["summary"] = d.Summary,
        ["tests"] = new JsonArray(d.Tests.Select(t => (JsonNode)new JsonObject { ["name"] = t.Name, ["ntup"] = t.Ntup, ["p_value"] = t.PValue, ["assessment"] = t.Assessment }).ToArray()),
    };

    /// <summary>The round sweep on its own: <c>{"experimental", "round_sweep": [cipher…], "margin_rounds", "default_rounds"}</c>.</summary>
    public static JsonObject Sweep(RoundSweepResult r) => Sweep(r.Rounds.Select(c => (JsonNode)Cipher(c)), r.DefaultRounds);

    /// <summary>A sweep document from cipher objects (in ascending rounds); the margin is the first with <c>passes_all</c>.</summary>
    public static JsonObject Sweep(IEnumerable<JsonNode> ciphers, int defaultRounds)
    {
        var arr = new JsonArray(ciphers.Select(c => c.DeepClone()).ToArray());
        int? margin = arr.Where(c => (bool)c!["passes_all"]!).Select(c => (int?)(int)c!["rounds"]!).FirstOrDefault();
        return new JsonObject { ["experimental"] = true, ["round_sweep"] = arr, ["margin_rounds"] = margin, ["default_rounds"] = defaultRounds };
    }
}
