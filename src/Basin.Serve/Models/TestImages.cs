using System.Collections.Concurrent;
using Basin.Data;

namespace Basin.Serve.Models;

/// <summary>Test splits from the data cache only (<see cref="DataOptions.AllowFetch"/> false: a request never downloads).</summary>
public static class TestImages
{
    private static readonly ConcurrentDictionary<string, Lazy<LabeledImages?>> Cache = new();

    /// <summary>The test split of <paramref name="dataset"/> when cached and its images have <paramref name="pixels"/> pixels; otherwise null.</summary>
    public static LabeledImages? TryLoad(string dataset, int pixels)
    {
        var name = dataset.Trim().ToLowerInvariant();
        if (!Datasets.Names.Contains(name)) return null;
        var data = Cache.GetOrAdd(name, n => new Lazy<LabeledImages?>(() =>
        {
            try { return Datasets.IsAvailable(n) ? Datasets.Load(n, DataSplit.Test, new DataOptions { AllowFetch = false }) : null; }
            catch (Exception e) when (e is IOException or InvalidDataException or InvalidOperationException) { return null; }
        })).Value;
        return data != null && data.PixelsPerImage == pixels ? data : null;
    }

    /// <summary>The first <paramref name="count"/> images of <paramref name="data"/>.</summary>
    public static LabeledImages First(LabeledImages data, int count)
    {
        int n = Math.Min(count, data.Count), d = data.PixelsPerImage;
        return new LabeledImages(data.Name, data.Pixels.AsSpan(0, n * d).ToArray(), data.Labels.AsSpan(0, n).ToArray(), data.Rows, data.Cols, data.ClassNames);
    }
}
