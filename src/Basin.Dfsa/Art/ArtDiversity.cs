namespace Basin.Dfsa.Art;

/// <summary>
/// How different images of several seeds are, and how detailed each is.
/// </summary>
/// <param name="Images">Images compared.</param>
/// <param name="PixelDistance">Mean over pairs of the RMS difference of the images box-downscaled to 16×16 RGB (or their own size when smaller) (0: identical, 1: black vs white).</param>
/// <param name="HistogramDistance">Mean over pairs of the total-variation distance ½Σ|p − q| of 4×4×4-bin RGB histograms (0: same colours, 1: disjoint).</param>
/// <param name="MinPixelDistance">The closest pair's downscaled RMS difference (a repeat would give 0).</param>
/// <param name="Detail">Mean over images of the mean absolute difference between horizontally and vertically adjacent pixels (0 for a flat image).</param>
public sealed record ArtDiversityResult(int Images, double PixelDistance, double HistogramDistance, double MinPixelDistance, double Detail)
{
    /// <summary>
    /// Measures <paramref name="images"/>, each row-major RGB in [0, 1] of <paramref name="size"/>×<paramref name="size"/>.
    /// </summary>
    public static ArtDiversityResult Measure(IReadOnlyList<float[]> images, int size)
    {
        if (images.Count < 2) throw new ArgumentException("Diversity needs at least two images.");
        const int bins = 4;
        int small = Math.Min(16, size);
        var thumbs = new List<double[]>();
        var hists = new List<double[]>();
        double detail = 0;
        foreach (var img in images)
        {
            if (img.Length != size * size * 3) throw new ArgumentException($"An image has {img.Length} values, not {size}×{size}×3.");
            var t = new double[small * small * 3];
            var n = new int[small * small];
            var h = new double[bins * bins * bins];
            double d = 0;
            for (int y = 0; y < size; y++)
                for (int x = 0; x < size; x++)
                {
                    int p = (y * size + x) * 3, cell = (y * small / size) * small + x * small / size;
                    n[cell]++;
                    int bin = 0;
                    for (int c = 0; c < 3; c++)
                    {
                        float v = Math.Clamp(img[p + c], 0f, 1f);
                        t[cell * 3 + c] += v;
                        bin = bin * bins + Math.Min(bins - 1, (int)(v * bins));
                        if (x + 1 < size) d += Math.Abs(img[p + 3 + c] - img[p + c]);
                        if (y + 1 < size) d += Math.Abs(img[p + size * 3 + c] - img[p + c]);
                    }
                    h[bin]++;
                }
            for (int i = 0; i < t.Length; i++) t[i] /= Math.Max(1, n[i / 3]);
            for (int i = 0; i < h.Length; i++) h[i] /= size * size;
            thumbs.Add(t);
            hists.Add(h);
            detail += d / (3.0 * 2 * size * Math.Max(1, size - 1));
        }
        double pix = 0, hist = 0, minPix = double.PositiveInfinity;
        int pairs = 0;
        for (int a = 0; a < images.Count; a++)
            for (int b = a + 1; b < images.Count; b++)
            {
                double s = 0, tv = 0;
                for (int i = 0; i < thumbs[a].Length; i++) s += (thumbs[a][i] - thumbs[b][i]) * (thumbs[a][i] - thumbs[b][i]);
                for (int i = 0; i < hists[a].Length; i++) tv += Math.Abs(hists[a][i] - hists[b][i]);
                double rms = Math.Sqrt(s / thumbs[a].Length);
                pix += rms;
                hist += tv / 2;
                minPix = Math.Min(minPix, rms);
                pairs++;
            }
        return new ArtDiversityResult(images.Count, pix / pairs, hist / pairs, minPix, detail / images.Count);
    }
}
