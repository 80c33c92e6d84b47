using Basin.Crypto.Keys;

namespace Basin.Crypto.Cryptanalysis;

/// <summary>What <see cref="CipherAnalysis.Run"/> measures and how hard it looks.</summary>
/// <param name="Samples">Inputs per differential profile and linear bias (2¹⁶: probabilities resolved down to ≈ 2⁻¹⁴).</param>
/// <param name="TwoBitDifferences">Two-bit input differences profiled (of 2 016).</param>
/// <param name="SearchRounds">Rounds the characteristic search goes; beyond them the margin is extrapolated.</param>
/// <param name="Beam">Partial characteristics kept per round.</param>
/// <param name="DistinguisherPairs">Pairs per reduced-round distinguisher (counter-adjacent, related-key).</param>
/// <param name="MaxRounds">Reduced-round table from 1 to this (default: the key's rounds).</param>
/// <param name="Seed">Seed of every sample.</param>
public sealed record CipherAnalysisOptions(int Samples = 1 << 16, int TwoBitDifferences = 128, int SearchRounds = 24, int Beam = 64,
    int DistinguisherPairs = 1 << 16, int MaxRounds = 0, ulong Seed = 1)
{
    /// <summary>Throws <see cref="ArgumentException"/> for values the analysis cannot use.</summary>
    public CipherAnalysisOptions Validate()
    {
        if (Samples < 64) throw new ArgumentException("--samples must be at least 64.");
        if (TwoBitDifferences < 0) throw new ArgumentException("--two-bit must be ≥ 0.");
        if (SearchRounds < 1 || SearchRounds > 256) throw new ArgumentException("--search-rounds must be 1…256.");
        if (Beam < 1) throw new ArgumentException("--beam must be ≥ 1.");
        if (DistinguisherPairs < 16) throw new ArgumentException("--pairs must be at least 16.");
        if (MaxRounds < 0 || MaxRounds > 64) throw new ArgumentException("--max-rounds must be 0…64.");
        return this;
    }
}

/// <summary>One row of the reduced-round table.</summary>
/// <param name="Rounds">Feistel rounds.</param>
/// <param name="BestCharacteristicLog2">log₂ probability of the best characteristic found through that many rounds (NaN past the search).</param>
/// <param name="CounterAdjacent">Counter-adjacent chosen-input distinguisher.</param>
/// <param name="RelatedKey">Master secrets one bit apart (bit 0), same plaintexts.</param>
public sealed record ReducedRoundRow(int Rounds, double BestCharacteristicLog2, BitBias CounterAdjacent, BitBias RelatedKey);

/// <summary>The cryptanalysis of one key's round function and cipher.</summary>
/// <param name="SingleBit">Most likely output difference for each single-bit input difference.</param>
/// <param name="TwoBit">The same for the sampled two-bit differences.</param>
/// <param name="Linear">Largest linear biases the search found, re-measured on fresh inputs.</param>
/// <param name="Characteristics">Best characteristic found per round count 1…SearchRounds.</param>
/// <param name="MarginRounds">Rounds at which the best characteristic falls below 2⁻¹²⁸ (null: none found that costs anything).</param>
/// <param name="MarginExtrapolated">Whether <paramref name="MarginRounds"/> lies beyond the search and was extrapolated.</param>
/// <param name="Table">Reduced-round table.</param>
/// <param name="KeyRounds">Rounds the key uses.</param>
public sealed record CipherAnalysisResult(
    IReadOnlyList<DifferentialTransition> SingleBit, IReadOnlyList<DifferentialTransition> TwoBit, IReadOnlyList<LinearApproximation> Linear,
    IReadOnlyList<Characteristic> Characteristics, int? MarginRounds, bool MarginExtrapolated, IReadOnlyList<ReducedRoundRow> Table, int KeyRounds)
{
    /// <summary>The most probable single- or two-bit differential of the round function.</summary>
    public DifferentialTransition BestDifferential => SingleBit.Concat(TwoBit).MaxBy(t => t.Count)!;
}

/// <summary>
/// Cryptanalysis of the experimental cipher beyond statistical batteries: differential (Biham &amp; Shamir 1991) and linear
/// (Matsui 1993) behaviour of the round function by sampling, the best iterated characteristic a beam search finds through
/// r rounds and the round count where it falls below 2⁻¹²⁸ (the security margin in the cryptographer's sense), and
/// reduced-round chosen-input (counter-adjacent) and related-key distinguishers.
/// </summary>
public static class CipherAnalysis
{
    /// <summary>Runs every analysis on <paramref name="key"/>; <paramref name="progress"/> receives a line per stage.</summary>
    public static CipherAnalysisResult Run(CipherKey key, CipherAnalysisOptions options, Action<string>? progress = null)
    {
        var o = options.Validate();
        var f = key.RoundFunction;
        progress?.Invoke("differential profile: single-bit input differences");
        var single = DifferentialProfile.SingleBitDifferences().Select(d => DifferentialProfile.Estimate(f, d, o.Samples, o.Seed, 1)[0]).ToList();
        progress?.Invoke($"differential profile: {o.TwoBitDifferences} two-bit input differences");
        var twoBitDiffs = DifferentialProfile.TwoBitDifferences(o.TwoBitDifferences, o.Seed);
        var two = twoBitDiffs.Select(d => DifferentialProfile.Estimate(f, d, o.Samples, o.Seed, 1)[0]).ToList();
        progress?.Invoke("linear approximations");
        var linear = LinearProfile.Search(f, o.Samples, o.Seed + 17);
        progress?.Invoke($"characteristic search through {o.SearchRounds} rounds");
        var search = new CharacteristicSearch(f, o.Samples, o.Seed, o.Beam);
        var chars = search.Run(o.SearchRounds, DifferentialProfile.SingleBitDifferences().Concat(twoBitDiffs));
        var margin = CharacteristicSearch.Margin(chars);
        int maxRounds = o.MaxRounds == 0 ? key.Rounds : o.MaxRounds;
        var nonce = new byte[16];
        var related = key.WithMasterBitFlipped(0);
        var table = new List<ReducedRoundRow>();
        for (int r = 1; r <= maxRounds; r++)
        {
            progress?.Invoke($"reduced-round distinguishers: {r} rounds");
            var e = key.WithRounds(r).MessageCipher(nonce);
            var e2 = related.WithRounds(r).MessageCipher(nonce);
            table.Add(new ReducedRoundRow(r, r <= chars.Count ? chars[r - 1].Log2Probability : double.NaN,
                OutputDifferenceBias.CounterAdjacent(e, o.DistinguisherPairs, o.Seed + (ulong)r),
                OutputDifferenceBias.RelatedKey(e, e2, o.DistinguisherPairs, o.Seed + 1000 + (ulong)r)));
        }
        return new CipherAnalysisResult(single, two, linear, chars, margin?.Rounds, margin?.Extrapolated ?? false, table, key.Rounds);
    }
}
