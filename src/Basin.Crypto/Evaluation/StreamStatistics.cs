namespace Basin.Crypto.Evaluation;

/// <summary>Byte-level statistics of a ciphertext or keystream, and image diffusion measures.</summary>
public static class StreamStatistics
{
    /// <summary>Shannon entropy of the byte histogram in bits per byte (ideal 8).</summary>
    public static double ByteEntropy(ReadOnlySpan<byte> data)
    {
        var h = Histogram(data);
        double e = 0;
        foreach (var c in h) if (c > 0) { double p = (double)c / data.Length; e -= p * Math.Log2(p); }
        return e;
    }

    /// <summary>χ² of the byte histogram against uniform (255 degrees of freedom) and its p-value.</summary>
    public static (double Chi2, double PValue) ByteChiSquare(ReadOnlySpan<byte> data)
    {
        var h = Histogram(data);
        double expect = data.Length / 256.0, chi = 0;
        foreach (var c in h) chi += (c - expect) * (c - expect) / expect;
        return (chi, MathNet.Numerics.SpecialFunctions.GammaUpperRegularized(255 / 2.0, chi / 2));
    }

    private static long[] Histogram(ReadOnlySpan<byte> data)
    {
        var h = new long[256];
        foreach (var b in data) h[b]++;
        return h;
    }

    /// <summary>
    /// NPCR (share of differing bytes, ideal 99.61 %) and UACI (mean |difference|/255, ideal 33.46 %) between two cipher
    /// images of equal length (Wu, Noonan &amp; Agaian 2011).
    /// </summary>
    public static (double Npcr, double Uaci) NpcrUaci(ReadOnlySpan<byte> c1, ReadOnlySpan<byte> c2)
    {
        if (c1.Length != c2.Length || c1.Length == 0) throw new ArgumentException("NPCR/UACI need two non-empty images of equal size.");
        long diff = 0; double sum = 0;
        for (int i = 0; i < c1.Length; i++)
        {
            if (c1[i] != c2[i]) diff++;
            sum += Math.Abs(c1[i] - c2[i]) / 255.0;
        }
        return ((double)diff / c1.Length, sum / c1.Length);
    }

    /// <summary>Share of differing bits between two equal-length byte strings (ideal ½ for unrelated random strings).</summary>
    public static double BitDifference(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        long d = 0;
        for (int i = 0; i < a.Length; i++) d += System.Numerics.BitOperations.PopCount((uint)(a[i] ^ b[i]));
        return (double)d / (8.0 * a.Length);
    }
}
