using Basin.Crypto.Cipher;

namespace Basin.Crypto.Cryptanalysis;

/// <summary>
/// The best differential characteristic a search found through r rounds of the Feistel network: the differences
/// (ΔL, ΔR) entering each round and log₂ of the product of the sampled round-transition probabilities.
/// </summary>
public sealed record Characteristic(int Rounds, double Log2Probability, IReadOnlyList<(ulong L, ulong R)> Differences);

/// <summary>
/// A beam search for iterated differential characteristics of the Feistel rounds (L, R) ← (R, L ⊕ F(R ⊕ k)): a round maps
/// (ΔL, ΔR) to (ΔR, ΔL ⊕ δ) with the probability of ΔR → δ through F (key addition does not change differences; a round
/// with ΔR = 0 costs nothing). Transitions come from <see cref="DifferentialProfile"/> (sampled, cached per input
/// difference); each round keeps the <c>beam</c> most probable partial characteristics. It starts from (0, Δ) and (Δ, 0) for
/// every single-bit and the sampled two-bit Δ. A search finds a lower bound on the best characteristic's probability, not
/// the best one: the cipher is at least this weak, perhaps weaker.
/// </summary>
public sealed class CharacteristicSearch(QuantizedRoundFunction f, int samples, ulong seed, int beam = 64, int branching = 4, int minimumCount = 4)
{
    private readonly Dictionary<ulong, IReadOnlyList<DifferentialTransition>> _cache = [];

    /// <summary>Number of input differences profiled so far.</summary>
    public int ProfiledDifferences => _cache.Count;

    /// <summary>The sampled transitions of <paramref name="delta"/> that were seen at least <c>minimumCount</c> times.</summary>
    public IReadOnlyList<DifferentialTransition> Transitions(ulong delta)
    {
        if (!_cache.TryGetValue(delta, out var t))
            _cache[delta] = t = DifferentialProfile.Estimate(f, delta, samples, seed, branching).Where(x => x.Count >= minimumCount).ToList();
        return t;
    }

    /// <summary>The best characteristic found for every round count 1…<paramref name="maxRounds"/>.</summary>
    public IReadOnlyList<Characteristic> Run(int maxRounds, IEnumerable<ulong> startDifferences, IProgress<int>? progress = null)
    {
        var frontier = new List<(double LogP, List<(ulong L, ulong R)> Path)>();
        foreach (var d in startDifferences.Distinct())
        {
            frontier.Add((0, [(0UL, d)]));
            frontier.Add((0, [(d, 0UL)]));
        }
        var best = new List<Characteristic>();
        for (int r = 1; r <= maxRounds; r++)
        {
            var next = new Dictionary<(ulong, ulong), (double LogP, List<(ulong L, ulong R)> Path)>();
            foreach (var (logP, path) in frontier)
            {
                var (dl, dr) = path[^1];
                if (dr == 0) { Offer(next, (dr, dl), logP, path); continue; }
                foreach (var t in Transitions(dr))
                    Offer(next, (dr, dl ^ t.OutputDifference), logP + Math.Log2(t.Probability), path);
            }
            next.Remove((0UL, 0UL));
            if (next.Count == 0) break;
            frontier = next.Values.OrderByDescending(v => v.LogP).Take(beam).ToList();
            var top = frontier[0];
            best.Add(new Characteristic(r, top.LogP, top.Path));
            progress?.Report(r);
        }
        return best;
    }

    private static void Offer(Dictionary<(ulong, ulong), (double, List<(ulong, ulong)>)> next, (ulong, ulong) state, double logP, List<(ulong, ulong)> path)
    {
        if (next.TryGetValue(state, out var have) && have.Item1 >= logP) return;
        next[state] = (logP, [.. path, state]);
    }

    /// <summary>
    /// The round count at which the best characteristic's probability falls below 2^<paramref name="log2Threshold"/> (−128
    /// for a 128-bit block): read off <paramref name="found"/> when it gets there, otherwise extrapolated from the
    /// cost per round over its last rounds (iterated characteristics repeat, so their cost grows linearly in r).
    /// Returns the rounds and whether the value was extrapolated; null when no round costs anything.
    /// </summary>
    public static (int Rounds, bool Extrapolated)? Margin(IReadOnlyList<Characteristic> found, double log2Threshold = -128)
    {
        foreach (var c in found) if (c.Log2Probability < log2Threshold) return (c.Rounds, false);
        if (found.Count < 4) return null;
        int window = Math.Min(8, found.Count / 2);
        var last = found[^1];
        var earlier = found[^(window + 1)];
        double rate = (last.Log2Probability - earlier.Log2Probability) / (last.Rounds - earlier.Rounds);
        if (rate >= 0) return null;
        return (last.Rounds + (int)Math.Floor((log2Threshold - last.Log2Probability) / rate) + 1, true);   // first r with log₂p < threshold
    }
}
