using Basin.Crypto.Keys;
using Basin.Tensors.Sharding;

namespace Basin.Crypto.Evaluation;

/// <summary>Basin's cipher measured at each round count of a sweep, and the randomness margin read from it.</summary>
/// <param name="Rounds">One report per measured round count, ascending.</param>
/// <param name="MarginRounds">The smallest measured round count that passes every test (<see cref="CipherReport.PassesAll"/>), or null.</param>
/// <param name="DefaultRounds">The round count of the evaluated key.</param>
public sealed record RoundSweepResult(IReadOnlyList<CipherReport> Rounds, int? MarginRounds, int DefaultRounds);

/// <summary>
/// The round sweep of the crypto evaluation on its own: <see cref="CryptoEvaluation.MeasureCipher"/> on the key with r
/// rounds for each r of <see cref="EvaluationOptions.RoundSweep"/>. Each round count is an independent work item (its
/// measurement depends only on the key, r and the options), so the sweep can be split with <see cref="Shard"/> and the
/// parts concatenated in shard order to give exactly the unsharded sweep.
/// </summary>
public static class RoundSweep
{
    /// <summary>The round counts measured: those of <paramref name="o"/> within 1…64, distinct and ascending.</summary>
    public static int[] Counts(EvaluationOptions o) => o.RoundSweep.Where(r => r >= 1 && r <= 64).Distinct().Order().ToArray();

    /// <summary>The smallest round count whose report passes every test, or null (the reports in ascending rounds).</summary>
    public static int? Margin(IEnumerable<CipherReport> sweep) => sweep.Where(c => c.PassesAll).Select(c => (int?)c.Rounds).FirstOrDefault();

    /// <summary>
    /// Measures the round counts of <paramref name="shard"/>'s share of <see cref="Counts"/> (all of them for
    /// <see cref="Shard.Whole"/>) with nonce 0; throughput is not measured (NaN). The margin is that of the measured share.
    /// </summary>
    public static RoundSweepResult Run(CipherKey key, EvaluationOptions o, Shard shard, Action<string>? progress = null)
    {
        var counts = Counts(o);
        var (start, length) = shard.Range(counts.Length);
        var reports = new List<CipherReport>();
        for (int i = start; i < start + length; i++)
            reports.Add(CryptoEvaluation.MeasureCipher(new BasinBlockFunction(key.WithRounds(counts[i]), new byte[16]), o, double.NaN, progress));
        return new RoundSweepResult(reports, Margin(reports), key.Rounds);
    }
}
