using Basin.Dfsa.Art;
using Basin.Generative.Imaging;
using Basin.Plotting;

namespace Basin.Generative.Terrain;

/// <summary>What <see cref="TerrainGenerator"/> makes.</summary>
/// <param name="Seed">Seed of the network.</param>
/// <param name="Size">Heightmap samples per side.</param>
/// <param name="Level">Low (structured, smooth) or high entropy.</param>
/// <param name="Tileable">Integer-frequency features only: the map wraps at its edges.</param>
/// <param name="Steps">Data-free training steps.</param>
public sealed record TerrainOptions(ulong Seed, int Size = 256, EntropyLevel Level = EntropyLevel.Low, bool Tileable = false, int Steps = 100)
{
    /// <summary>Checks the fields.</summary>
    public TerrainOptions Validate()
    {
        if (Size < 16 || Size > 4096) throw new ArgumentException("--size must be within 16…4096.");
        if (Steps < 0 || Steps > 100_000) throw new ArgumentException("--steps must be within 0…100000.");
        return this;
    }
}

/// <summary>A heightmap and its measured character.</summary>
/// <param name="Heights">Row-major heights normalised to [0, 1].</param>
/// <param name="Size">Samples per side.</param>
/// <param name="Roughness">RMS difference of adjacent samples (in height units of the [0, 1] range).</param>
/// <param name="Hurst">Hurst exponent H from the structure function D(ℓ) = E[(h(x + ℓ) − h(x))²] ∝ ℓ^{2H}, ℓ = 1, 2, 4, 8, 16.</param>
/// <param name="SpectralSlope">β = 2H + 2, the slope of the radially averaged power spectrum P(k) ∝ k^{−β} of an isotropic surface.</param>
/// <param name="SeamRatio">RMS step across the wrap seams (last column → first, last row → first) over the RMS step inside: ≈ 1 when tileable.</param>
public sealed record TerrainResult(float[] Heights, int Size, double Roughness, double Hurst, double SpectralSlope, double SeamRatio);

/// <summary>
/// Procedural terrain (white paper §F.2) from a data-free rich CPPN: the height is the mean of its three outputs on
/// the grid over [−1, 1]², rescaled to [0, 1]. A tileable network has integer frequencies only, so h is 2-periodic in
/// u and v and the map's opposite edges meet. Written as a 16-bit greyscale PNG and a hill-shaded colour preview.
/// </summary>
public static class TerrainGenerator
{
    /// <summary>Trains the network and samples the heightmap.</summary>
    public static TerrainResult Generate(TerrainOptions o)
    {
        o.Validate();
        var net = GenerativeField.Train(o.Seed, o.Level, o.Steps, o.Tileable);
        var raw = ArtGenerator.RenderRaw(net, o.Size, o.Size);
        var h = new float[o.Size * o.Size];
        for (int i = 0; i < h.Length; i++) h[i] = (raw[3 * i] + raw[3 * i + 1] + raw[3 * i + 2]) / 3;
        float lo = h.Min(), hi = h.Max(), span = Math.Max(hi - lo, 1e-12f);
        for (int i = 0; i < h.Length; i++) h[i] = (h[i] - lo) / span;
        return Measure(h, o.Size);
    }

    /// <summary>Roughness, Hurst exponent, spectral slope and seam ratio of a square heightmap.</summary>
    public static TerrainResult Measure(float[] h, int n)
    {
        double Structure(int lag, bool wrap)
        {
            double s = 0;
            long c = 0;
            for (int y = 0; y < n; y++)
                for (int x = 0; x < n; x++)
                {
                    if (!wrap && (x + lag >= n || y + lag >= n)) continue;
                    double v = h[y * n + x];
                    double a = h[y * n + (x + lag) % n] - v, b = h[(y + lag) % n * n + x] - v;
                    s += a * a + b * b;
                    c += 2;
                }
            return s / c;
        }
        double inner = Structure(1, false);
        int[] lags = [1, 2, 4, 8, 16];
        var xs = lags.Where(l => l < n / 2).Select(l => Math.Log(l)).ToArray();
        var ys = lags.Where(l => l < n / 2).Select(l => Math.Log(Math.Max(Structure(l, false), 1e-30))).ToArray();
        double mx = xs.Average(), my = ys.Average();
        double slope = xs.Zip(ys).Sum(p => (p.First - mx) * (p.Second - my)) / xs.Sum(x => (x - mx) * (x - mx));
        double hurst = slope / 2;
        double seam = 0;
        for (int i = 0; i < n; i++)
        {
            double a = h[i * n + n - 1] - h[i * n], b = h[(n - 1) * n + i] - h[i];
            seam += a * a + b * b;
        }
        seam /= 2.0 * n;
        return new TerrainResult(h, n, Math.Sqrt(inner), hurst, 2 * hurst + 2, Math.Sqrt(seam / Math.Max(inner, 1e-30)));
    }

    /// <summary>The heightmap as 16-bit greyscale PNG bytes.</summary>
    public static byte[] HeightmapPng(TerrainResult t) =>
        Png16Encoder.Encode(t.Heights.Select(v => (ushort)Math.Round(Math.Clamp(v, 0f, 1f) * 65535)).ToArray(), t.Size, t.Size);

    /// <summary>
    /// Hill-shaded preview: elevation bands (water, sand, grass, rock, snow) times Lambert shading n·l of the surface
    /// normal n ∝ (−∂h/∂x, −∂h/∂y, 1/z) under a light from the north-west at 45°; z exaggerates relief.
    /// </summary>
    public static Rgba32[] Preview(TerrainResult t, double z = 40)
    {
        int n = t.Size;
        var px = new Rgba32[n * n];
        double lx = -Math.Sqrt(0.25), ly = -Math.Sqrt(0.25), lz = Math.Sqrt(0.5);
        for (int y = 0; y < n; y++)
            for (int x = 0; x < n; x++)
            {
                double hv = t.Heights[y * n + x];
                double dx = (t.Heights[y * n + Math.Min(n - 1, x + 1)] - t.Heights[y * n + Math.Max(0, x - 1)]) * z;
                double dy = (t.Heights[Math.Min(n - 1, y + 1) * n + x] - t.Heights[Math.Max(0, y - 1) * n + x]) * z;
                double norm = Math.Sqrt(dx * dx + dy * dy + 1);
                double shade = Math.Clamp((-dx * lx - dy * ly + lz) / norm, 0, 1);
                (double r, double g, double b) = hv switch
                {
                    < 0.3 => (0.15, 0.3, 0.6 + 0.3 * hv),
                    < 0.35 => (0.85, 0.8, 0.55),
                    < 0.65 => (0.25, 0.55, 0.2),
                    < 0.85 => (0.5, 0.45, 0.4),
                    _ => (0.95, 0.95, 0.97),
                };
                double s = hv < 0.3 ? 0.8 : 0.35 + 0.65 * shade;
                px[y * n + x] = Rgba32.FromUnit(r * s, g * s, b * s);
            }
        return px;
    }
}
