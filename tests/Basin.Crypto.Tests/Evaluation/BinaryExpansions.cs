using System.Numerics;

namespace Basin.Crypto.Tests.Evaluation;

/// <summary>
/// The first 10⁶ binary digits of e and √2 (integer part included, as in the data files data.e and data.sqrt2 of the
/// NIST statistical test suite), computed exactly with big integers so that SP 800-22 rev. 1a Appendix B's reference
/// p-values can be checked without shipping the files: e by binary splitting of Σ 1/k!, √2 by an integer square root.
/// </summary>
internal static class BinaryExpansions
{
    public const int Bits = 1_000_000;

    private static readonly Lazy<byte[]> E = new(() => ToBits(EScaled(Bits - 2), Bits));
    private static readonly Lazy<byte[]> Sqrt2 = new(() => ToBits(IntegerSqrt(BigInteger.One << (2 * Bits - 1)), Bits));

    /// <summary>ε for e = 10.1011011111100001…₂.</summary>
    public static byte[] EBits => E.Value;

    /// <summary>ε for √2 = 1.0110101000001001…₂.</summary>
    public static byte[] Sqrt2Bits => Sqrt2.Value;

    /// <summary>⌊e·2^f⌋.</summary>
    private static BigInteger EScaled(int f)
    {
        // K with log2(K!) > f + 64 so that the tail Σ_{k>K} 1/k! < 2^−(f+64)
        int k = 1; double log = 0;
        while (log < f + 64) { k++; log += Math.Log2(k); }
        var (p, q) = Split(0, k);
        return ((q + p) << f) / q;    // e = 1 + Σ_{k≥1} 1/k! = (Q + P)/Q
    }

    /// <summary>Binary splitting: Σ_{j=a+1}^{b} 1/((a+1)(a+2)…j) = P(a, b)/Q(a, b), Q(a, b) = (a+1)…b.</summary>
    private static (BigInteger P, BigInteger Q) Split(int a, int b)
    {
        if (b - a == 1) return (BigInteger.One, new BigInteger(b));
        int m = (a + b) / 2;
        var (p1, q1) = Split(a, m);
        var (p2, q2) = Split(m, b);
        return (p1 * q2 + p2, q1 * q2);
    }

    /// <summary>⌊√n⌋ by Newton's iteration from above, started at a power of two ≥ √n with double-precision refinement.</summary>
    private static BigInteger IntegerSqrt(BigInteger n)
    {
        if (n < 4) return n.IsZero ? 0 : 1;
        long bits = (long)n.GetBitLength();
        if (bits <= 100) { var r = new BigInteger(Math.Sqrt((double)n)); while (r * r > n) r--; while ((r + 1) * (r + 1) <= n) r++; return r; }
        // recursive precision doubling: √n ≈ √(n / 4^s)·2^s, then Newton steps at full precision
        long s = (bits - 64) / 4;
        var x = (IntegerSqrt(n >> (int)(2 * s)) + 1) << (int)s;
        while (true)
        {
            var y = (x + n / x) >> 1;
            if (y >= x) break;
            x = y;
        }
        while (x * x > n) x--;
        return x;
    }

    private static byte[] ToBits(BigInteger v, int count)
    {
        if ((long)v.GetBitLength() != count) throw new InvalidOperationException($"expected {count} bits, got {v.GetBitLength()}");
        var bytes = v.ToByteArray(isUnsigned: true, isBigEndian: true);
        var bits = new byte[count];
        int skip = bytes.Length * 8 - count;
        for (int i = 0; i < count; i++)
        {
            int k = i + skip;
            bits[i] = (byte)((bytes[k >> 3] >> (7 - (k & 7))) & 1);
        }
        return bits;
    }
}
