namespace Basin.Data.Images;

/// <summary>
/// Prepares any grayscale image the way MNIST's digits were prepared (LeCun, Cortes &amp; Burges, "The MNIST database of
/// handwritten digits": "normalized to fit in a 20x20 pixel box while preserving their aspect ratio … centered in a 28x28
/// image by computing the center of mass of the pixels, and translating the image so as to position this point at the
/// center of the 28x28 field"):
/// <list type="number">
/// <item>grey in [0, 1]; the background level b is the median of the border pixels, and when b &gt; 0.5 (dark ink on
/// light paper) the image is inverted, v ← 1 − v, so that ink is bright on black as in MNIST;</item>
/// <item>contrast stretch v ← clamp((v − b)/(p − b), 0, 1) with p the brightest level (the ink), levels below
/// <see cref="MnistPreparationOptions.NoiseFloor"/> set to 0;</item>
/// <item>crop to the bounding box of the pixels at or above <see cref="MnistPreparationOptions.InkThreshold"/>;</item>
/// <item>scale by s = Box / max(w, h) (aspect kept) and translate so that the centre of mass of the ink lands on the centre
/// (Size/2, Size/2) of the field — both in one area-averaging resampling: each output pixel is the mean of the source
/// (piecewise constant) over its footprint, so the translation is sub-pixel rather than MNIST's whole-pixel shift;</item>
/// <item>the result is rescaled so that its brightest pixel is 1 (MNIST's strokes saturate).</item>
/// </list>
/// Centre of mass is measured in continuous coordinates (pixel i spans [i, i+1)): it is exact up to the ink the field
/// clips, i.e. Σ v·(i + ½)/Σ v = Size/2, index centre of mass Size/2 − ½ = 13.5 for MNIST.
/// </summary>
public static class MnistPreparation
{
    /// <summary>Prepares <paramref name="image"/>; throws <see cref="InvalidDataException"/> when it holds no ink (a blank or uniform image).</summary>
    public static float[] Prepare(GrayImage image, MnistPreparationOptions? options = null)
    {
        var o = (options ?? MnistPreparationOptions.Mnist).Validate();
        int w = image.Width, h = image.Height;
        if (w <= 0 || h <= 0 || image.Pixels.Length != w * h) throw new ArgumentException($"image of {image.Pixels.Length} pixels is not {w}×{h}.");
        var v = new float[w * h];
        for (int i = 0; i < v.Length; i++)
        {
            float p = image.Pixels[i];
            if (!float.IsFinite(p)) throw new InvalidDataException($"pixel {i} is {p}.");
            v[i] = Math.Clamp(p, 0f, 1f);
        }
        double background = Border(v, w, h);
        if (background > 0.5)
        {
            for (int i = 0; i < v.Length; i++) v[i] = 1 - v[i];
            background = 1 - background;
        }
        double ink = v.Max();
        if (ink - background < 0.1) throw new InvalidDataException("the image holds no ink (it is blank or uniform).");
        int x0 = w, x1 = -1, y0 = h, y1 = -1;
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
            {
                int i = y * w + x;
                double s = Math.Clamp((v[i] - background) / (ink - background), 0, 1);
                v[i] = s < o.NoiseFloor ? 0f : (float)s;
                if (s >= o.InkThreshold) { x0 = Math.Min(x0, x); x1 = Math.Max(x1, x); y0 = Math.Min(y0, y); y1 = Math.Max(y1, y); }
            }
        if (x1 < 0) throw new InvalidDataException("the image holds no ink (it is blank or uniform).");
        int cw = x1 - x0 + 1, ch = y1 - y0 + 1;
        double mass = 0, mx = 0, my = 0;
        for (int y = y0; y <= y1; y++)
            for (int x = x0; x <= x1; x++)
            {
                double m = v[y * w + x];
                mass += m; mx += m * (x - x0 + 0.5); my += m * (y - y0 + 0.5);
            }
        mx /= mass; my /= mass;
        double scale = o.Box / (double)Math.Max(cw, ch);
        var wx = Weights(o.Size, cw, scale, mx);
        var wy = Weights(o.Size, ch, scale, my);
        // out = Wy · crop · Wxᵀ, first along rows then along columns.
        var rows = new double[ch * o.Size];
        for (int y = 0; y < ch; y++)
            for (int x = 0; x < cw; x++)
            {
                double c = v[(y + y0) * w + x + x0];
                if (c == 0) continue;
                for (int j = wx.Start[x]; j < wx.Start[x] + wx.W[x].Length; j++) rows[y * o.Size + j] += c * wx.W[x][j - wx.Start[x]];
            }
        var result = new double[o.Size * o.Size];
        for (int y = 0; y < ch; y++)
            for (int i = wy.Start[y]; i < wy.Start[y] + wy.W[y].Length; i++)
            {
                double a = wy.W[y][i - wy.Start[y]];
                for (int j = 0; j < o.Size; j++) result[i * o.Size + j] += a * rows[y * o.Size + j];
            }
        double peak = result.Max();
        var output = new float[result.Length];
        if (peak <= 0) return output;
        for (int i = 0; i < output.Length; i++) output[i] = (float)Math.Clamp(result[i] / peak, 0, 1);
        return output;
    }

    /// <summary>Decodes <paramref name="bytes"/> (<see cref="ImageDecoder"/>) and prepares the image.</summary>
    public static float[] Prepare(ReadOnlySpan<byte> bytes, MnistPreparationOptions? options = null) => Prepare(ImageDecoder.Decode(bytes), options);

    /// <summary>
    /// The area weights of one axis: source pixel j ∈ [0, n) maps to [t(j), t(j+1)) with t(u) = (u − c)·s + Size/2; output
    /// pixel i receives the share of its unit footprint [i, i+1) covered by that image, i.e. weight |[i, i+1) ∩ [t(j), t(j+1))|,
    /// which is the mean of the piecewise-constant source over the footprint.
    /// </summary>
    private static (int[] Start, double[][] W) Weights(int size, int n, double s, double c)
    {
        var start = new int[n];
        var weights = new double[n][];
        for (int j = 0; j < n; j++)
        {
            double a = (j - c) * s + size / 2.0, b = (j + 1 - c) * s + size / 2.0;
            int i0 = Math.Max(0, (int)Math.Floor(a)), i1 = Math.Min(size - 1, (int)Math.Ceiling(b) - 1);
            if (i1 < i0) { start[j] = 0; weights[j] = []; continue; }
            start[j] = i0;
            weights[j] = new double[i1 - i0 + 1];
            for (int i = i0; i <= i1; i++) weights[j][i - i0] = Math.Max(0, Math.Min(b, i + 1) - Math.Max(a, i));
        }
        return (start, weights);
    }

    private static double Border(float[] v, int w, int h)
    {
        var border = new List<float>(2 * (w + h));
        for (int x = 0; x < w; x++) { border.Add(v[x]); if (h > 1) border.Add(v[(h - 1) * w + x]); }
        for (int y = 1; y < h - 1; y++) { border.Add(v[y * w]); if (w > 1) border.Add(v[y * w + w - 1]); }
        border.Sort();
        return border[border.Count / 2];
    }
}
