namespace Basin.Data;

/// <summary>Images <c>[Start, Start + Count)</c> of a dataset as double-precision pixels (image after image) and their labels.</summary>
/// <param name="Start">Index of the first image in the dataset.</param>
/// <param name="Pixels">Count × PixelsPerImage values in [0, 1].</param>
/// <param name="Labels">One label per image.</param>
public sealed record ImageBatch(int Start, double[] Pixels, int[] Labels)
{
    /// <summary>Images in the batch.</summary>
    public int Count => Labels.Length;

    /// <summary>Images <c>[start, start + count)</c> of <paramref name="data"/>.</summary>
    public static ImageBatch From(LabeledImages data, int start, int count)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (start < 0 || count < 0 || start + count > data.Count)
            throw new ArgumentOutOfRangeException(nameof(count), $"Images {start}..{start + count} are outside the {data.Count} images of {data.Name}.");
        int d = data.PixelsPerImage;
        var x = new double[count * d];
        var src = data.Pixels.AsSpan(start * d, count * d);
        for (int i = 0; i < x.Length; i++) x[i] = src[i];
        var y = new int[count];
        for (int i = 0; i < count; i++) y[i] = data.Labels[start + i];
        return new ImageBatch(start, x, y);
    }

    /// <summary>The first <paramref name="count"/> images from <paramref name="start"/> in batches of at most <paramref name="batchSize"/>.</summary>
    public static IEnumerable<ImageBatch> Split(LabeledImages data, int start, int count, int batchSize)
    {
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "The batch size must be ≥ 1.");
        for (int s = start; s < start + count; s += batchSize)
            yield return From(data, s, Math.Min(batchSize, start + count - s));
    }

    /// <summary>Image <paramref name="index"/> of <paramref name="data"/> as double-precision pixels.</summary>
    public static double[] Image(LabeledImages data, int index) => From(data, index, 1).Pixels;
}
