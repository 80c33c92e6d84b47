using System.Numerics;

namespace Basin.Crypto.Evaluation;

/// <summary>Strict avalanche (SAC) and bit independence (BIC) of a block function, with the binomial noise bound.</summary>
/// <param name="SacMaxDeviation">max_ij |P(output bit j flips | input bit i flipped) − ½|.</param>
/// <param name="SacBound">The deviation a perfect cipher exceeds with probability 10⁻³ over all 128×128 cells (Bonferroni, normal
/// approximation of Binomial(N, ½)/N): z·½/√N with z = Φ⁻¹(1 − 10⁻³/(2·128²)).</param>
/// <param name="BicMaxCorrelation">max over input bits i and output pairs j &lt; k of |corr(flip_j, flip_k)|.</param>
/// <param name="BicBound">z/√N with the Bonferroni z over all 128·128·127/2 pairs.</param>
/// <param name="Sac">The inputs×128 matrix of flip probabilities (row = flipped plaintext or key bit).</param>
/// <param name="Samples">N, random inputs per input bit.</param>
public sealed record DiffusionResult(double SacMaxDeviation, double SacBound, double BicMaxCorrelation, double BicBound, double[] Sac, int Samples)
{
    /// <summary>Both within their bounds.</summary>
    public bool Passed => SacMaxDeviation <= SacBound && BicMaxCorrelation <= BicBound;
}

/// <summary>Measures <see cref="DiffusionResult"/> on random plaintexts (Webster &amp; Tavares 1985).</summary>
public static class Diffusion
{
    /// <summary>Flips each of the 128 plaintext bits of <paramref name="samples"/> random blocks.</summary>
    public static DiffusionResult Measure(IBlockFunction f, int samples, ulong seed = 1)
    {
        var rng = new Random((int)(seed & 0x7fffffff));
        int words = (samples + 63) / 64;
        var flips = new ulong[128 * 128 * words];   // [input bit][output bit][sample bits]
        var x = new byte[16]; var y = new byte[16]; var x2 = new byte[16]; var y2 = new byte[16];
        for (int s = 0; s < samples; s++)
        {
            rng.NextBytes(x);
            f.Encrypt(x, y);
            for (int i = 0; i < 128; i++)
            {
                x.CopyTo(x2, 0);
                x2[i >> 3] ^= (byte)(1 << (i & 7));
                f.Encrypt(x2, y2);
                Record(flips, words, i, s, y, y2);
            }
        }
        return Summarise(flips, 128, words, samples);
    }

    /// <summary>
    /// SAC/BIC over key bits: each of <paramref name="keyBits"/> key bits is flipped (<see cref="IBlockFunction.WithKeyBitFlipped"/>)
    /// and the 128 output bits of <paramref name="samples"/> random plaintexts compared (rows of the matrix = key bits).
    /// </summary>
    public static DiffusionResult MeasureKey(IBlockFunction f, int keyBits, int samples, ulong seed = 2)
    {
        var rng = new Random((int)(seed & 0x7fffffff));
        int words = (samples + 63) / 64;
        var flips = new ulong[keyBits * 128 * words];
        var xs = new byte[samples * 16]; rng.NextBytes(xs);
        var ys = new byte[samples * 16];
        for (int s = 0; s < samples; s++) f.Encrypt(xs.AsSpan(s * 16, 16), ys.AsSpan(s * 16, 16));
        var y2 = new byte[16];
        for (int i = 0; i < keyBits; i++)
        {
            var g = f.WithKeyBitFlipped(i);
            for (int s = 0; s < samples; s++)
            {
                g.Encrypt(xs.AsSpan(s * 16, 16), y2);
                Record(flips, words, i, s, ys.AsSpan(s * 16, 16), y2);
            }
        }
        return Summarise(flips, keyBits, words, samples);
    }

    private static void Record(ulong[] flips, int words, int i, int s, ReadOnlySpan<byte> y, ReadOnlySpan<byte> y2)
    {
        for (int j = 0; j < 128; j++)
            if (((y[j >> 3] ^ y2[j >> 3]) >> (j & 7) & 1) != 0) flips[(i * 128 + j) * words + (s >> 6)] |= 1UL << (s & 63);
    }

    private static DiffusionResult Summarise(ulong[] flips, int inputs, int words, int samples)
    {
        var sac = new double[inputs * 128];
        double maxDev = 0;
        for (int c = 0; c < inputs * 128; c++)
        {
            int n = 0;
            for (int w = 0; w < words; w++) n += BitOperations.PopCount(flips[c * words + w]);
            sac[c] = (double)n / samples;
            maxDev = Math.Max(maxDev, Math.Abs(sac[c] - 0.5));
        }
        double maxCorr = 0;
        for (int i = 0; i < inputs; i++)
            for (int j = 0; j < 128; j++)
            {
                double pj = sac[i * 128 + j];
                for (int k = j + 1; k < 128; k++)
                {
                    double pk = sac[i * 128 + k];
                    int both = 0;
                    for (int w = 0; w < words; w++) both += BitOperations.PopCount(flips[(i * 128 + j) * words + w] & flips[(i * 128 + k) * words + w]);
                    double cov = (double)both / samples - pj * pk, den = Math.Sqrt(pj * (1 - pj) * pk * (1 - pk));
                    double corr = den > 0 ? cov / den : 1;
                    maxCorr = Math.Max(maxCorr, Math.Abs(corr));
                }
            }
        double zSac = NormalQuantile(1 - 1e-3 / (2.0 * inputs * 128)), zBic = NormalQuantile(1 - 1e-3 / (2.0 * inputs * 128 * 127 / 2));
        return new DiffusionResult(maxDev, zSac * 0.5 / Math.Sqrt(samples), maxCorr, zBic / Math.Sqrt(samples), sac, samples);
    }

    /// <summary>Φ⁻¹(p).</summary>
    public static double NormalQuantile(double p) => MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, p);
}
