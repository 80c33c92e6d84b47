namespace Basin.Data;

/// <summary>
/// Random elastic displacement fields (Simard, Steinkraus &amp; Platt 2003, §2): every pixel gets a displacement drawn
/// uniformly from [−1, 1] per axis, the two fields are smoothed by a normalised Gaussian of standard deviation σ
/// pixels, and then multiplied by the intensity α (pixels). Small σ gives nearly random, large σ nearly affine
/// motion; the paper's σ = 4, α = 34 on 29×29 digits gives ≈ 1.4 px RMS of smooth, local distortion.
/// </summary>
public static class ElasticField
{
    [ThreadStatic] private static float[]? _tmp;
    [ThreadStatic] private static (double Sigma, float[] Kernel)? _kernel;

    /// <summary>
    /// Fills <paramref name="dx"/> and <paramref name="dy"/> (each rows×cols, row-major) with α·(G_σ ∗ U[−1,1]), drawing
    /// 2·rows·cols uniforms from <paramref name="random"/> (all of dx's first). The Gaussian is truncated at
    /// ⌈3σ⌉, normalised to sum 1, and applied separably with zero padding outside the image.
    /// </summary>
    public static void Generate(Span<float> dx, Span<float> dy, int rows, int cols, double alpha, double sigma, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        int len = rows * cols;
        if (dx.Length < len || dy.Length < len) throw new ArgumentException($"displacement fields must hold {rows}×{cols} = {len} values.");
        if (!(sigma > 0) || !double.IsFinite(sigma)) throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "sigma must be positive and finite.");
        // One kernel per σ and thread: a training epoch asks for the same one for every image.
        if (_kernel is not { } cached || cached.Sigma != sigma) _kernel = cached = (sigma, Kernel(sigma));
        if (_tmp is null || _tmp.Length < len) _tmp = new float[len];
        var tmp = _tmp.AsSpan(0, len);
        for (int f = 0; f < 2; f++)
        {
            var dst = f == 0 ? dx[..len] : dy[..len];
            for (int i = 0; i < len; i++) dst[i] = (float)(2 * random.NextDouble() - 1);
            Smooth(dst, tmp, dst, rows, cols, cached.Kernel);   // in place: the row pass has read dst before the column pass writes it
            for (int i = 0; i < len; i++) dst[i] = (float)(alpha * dst[i]);
        }
    }

    /// <summary>The normalised Gaussian of standard deviation <paramref name="sigma"/>, truncated at radius ⌈3σ⌉.</summary>
    public static float[] Kernel(double sigma)
    {
        int r = Math.Max(1, (int)Math.Ceiling(3 * sigma));
        var k = new float[2 * r + 1];
        double sum = 0;
        for (int i = -r; i <= r; i++) sum += Math.Exp(-0.5 * i * i / (sigma * sigma));
        for (int i = -r; i <= r; i++) k[i + r] = (float)(Math.Exp(-0.5 * i * i / (sigma * sigma)) / sum);
        return k;
    }

    /// <summary>
    /// Separable convolution of <paramref name="src"/> with <paramref name="kernel"/> along rows (into
    /// <paramref name="tmp"/>), then columns (into <paramref name="dst"/>), zero padding; <paramref name="dst"/> may be
    /// <paramref name="src"/>.
    /// </summary>
    public static void Smooth(ReadOnlySpan<float> src, Span<float> tmp, Span<float> dst, int rows, int cols, ReadOnlySpan<float> kernel)
    {
        int r = kernel.Length / 2;
        for (int y = 0; y < rows; y++)
            for (int x = 0; x < cols; x++)
            {
                float s = 0;
                int lo = Math.Max(-r, -x), hi = Math.Min(r, cols - 1 - x);
                for (int j = lo; j <= hi; j++) s += kernel[j + r] * src[y * cols + x + j];
                tmp[y * cols + x] = s;
            }
        for (int y = 0; y < rows; y++)
            for (int x = 0; x < cols; x++)
            {
                float s = 0;
                int lo = Math.Max(-r, -y), hi = Math.Min(r, rows - 1 - y);
                for (int j = lo; j <= hi; j++) s += kernel[j + r] * tmp[(y + j) * cols + x];
                dst[y * cols + x] = s;
            }
    }
}
