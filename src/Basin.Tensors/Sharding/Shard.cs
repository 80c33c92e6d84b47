using System.Globalization;

namespace Basin.Tensors.Sharding;

/// <summary>
/// Shard K of N of a study's work items (images, rounds, settings): item i belongs to shard ⌊i·N/total⌋ + 1, so the N
/// shards are contiguous, disjoint, cover every item and differ in size by at most one. A study run with
/// <c>--shard K/N</c> writes a partial result; <c>basin merge</c> combines the N partials into exactly the result of the
/// unsharded run.
/// </summary>
/// <param name="Index">K, 1-based.</param>
/// <param name="Count">N ≥ 1.</param>
public readonly record struct Shard(int Index, int Count)
{
    /// <summary>The whole work: shard 1 of 1.</summary>
    public static Shard Whole => new(1, 1);

    /// <summary>Whether this is the whole work.</summary>
    public bool IsWhole => Count == 1;

    /// <summary>Parses "K/N" with 1 ≤ K ≤ N; throws <see cref="ArgumentException"/> with the accepted form otherwise.</summary>
    public static Shard Parse(string text)
    {
        var parts = (text ?? "").Split('/');
        if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int k)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n >= 1 && k >= 1 && k <= n)
            return new Shard(k, n);
        throw new ArgumentException($"--shard '{text}': expected K/N with 1 ≤ K ≤ N, e.g. 1/4.");
    }

    /// <summary>The first item and the number of items of this shard among <paramref name="total"/>.</summary>
    public (int Start, int Length) Range(int total)
    {
        if (total < 0) throw new ArgumentOutOfRangeException(nameof(total));
        int start = (int)((long)(Index - 1) * total / Count), end = (int)((long)Index * total / Count);
        return (start, end - start);
    }

    /// <summary>"K/N".</summary>
    public override string ToString() => $"{Index}/{Count}";
}
