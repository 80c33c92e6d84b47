namespace Basin.Plotting;

/// <summary>
/// Histogram bins: equal-width edges spanning the finite data, and counts per bin. Bin i is [e_i, e_{i+1}),
/// except the last, which also includes its right edge (as in NumPy). NaN/∞ and values outside the edges are ignored.
/// </summary>
public static class HistogramBinning
{
    /// <summary><paramref name="bins"/> + 1 equal-width edges from the smallest to the largest finite value (a unit-wide range around a constant; [0, 1] when there is no finite value).</summary>
    /// <exception cref="ArgumentException"><paramref name="bins"/> is not positive.</exception>
    public static double[] Edges(ReadOnlySpan<double> data, int bins)
    {
        if (bins <= 0)
        {
            throw new ArgumentException($"The number of bins must be positive, got {bins}.", nameof(bins));
        }

        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (double v in data)
        {
            if (double.IsFinite(v))
            {
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }
        }

        if (min > max)
        {
            (min, max) = (0, 1);
        }
        else if (min == max)
        {
            (min, max) = (min - 0.5, max + 0.5);
        }

        var edges = new double[bins + 1];
        for (int i = 0; i <= bins; i++)
        {
            edges[i] = i == bins ? max : min + ((max - min) * i / bins);
        }

        return edges;
    }

    /// <summary>Counts of <paramref name="data"/> in the bins delimited by <paramref name="edges"/>.</summary>
    /// <exception cref="ArgumentException">Fewer than two edges, or edges not finite and strictly increasing.</exception>
    public static long[] Count(ReadOnlySpan<double> data, ReadOnlySpan<double> edges)
    {
        Validate(edges);
        var counts = new long[edges.Length - 1];
        double first = edges[0], last = edges[^1];
        foreach (double v in data)
        {
            if (!(v >= first && v <= last))
            {
                continue;
            }

            int i = edges.BinarySearch(v);
            int bin = i >= 0 ? Math.Min(i, counts.Length - 1) : ~i - 1;
            counts[bin]++;
        }

        return counts;
    }

    /// <summary>Checks that <paramref name="edges"/> has at least two finite, strictly increasing values.</summary>
    /// <exception cref="ArgumentException">The edges are not valid.</exception>
    public static void Validate(ReadOnlySpan<double> edges)
    {
        if (edges.Length < 2)
        {
            throw new ArgumentException($"Histogram edges need at least two values, got {edges.Length}.", nameof(edges));
        }

        for (int i = 0; i < edges.Length; i++)
        {
            if (!double.IsFinite(edges[i]) || (i > 0 && edges[i] <= edges[i - 1]))
            {
                throw new ArgumentException($"Histogram edges must be finite and strictly increasing (problem at index {i}).", nameof(edges));
            }
        }
    }
}
