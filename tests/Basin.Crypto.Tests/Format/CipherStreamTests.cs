using System.Security.Cryptography;
using Basin.Crypto.Format;
using Basin.Crypto.Keys;

namespace Basin.Crypto.Tests.Format;

public class CipherStreamTests
{
    private static byte[] Enc(CipherKey k, byte[] p, int chunkLog2 = CipherStream.DefaultChunkLog2, byte[]? nonce = null)
    {
        var o = new MemoryStream();
        CipherStream.Encrypt(k, new MemoryStream(p), o, chunkLog2, nonce);
        return o.ToArray();
    }

    private static byte[] Dec(CipherKey k, byte[] c)
    {
        var o = new MemoryStream();
        CipherStream.Decrypt(k, new MemoryStream(c), o);
        return o.ToArray();
    }

    [Fact]
    public void RoundTripIsBitExactForEveryLengthClass()
    {
        var rng = new Random(11);
        int[] lengths = [0, 1, 15, 16, 17, 255, 65535, 65536, 65537, 3 * 65536 + 5, 3_000_017];
        foreach (int n in lengths)
        {
            var key = TestKeys.Random(rng.Next(1, 17));
            var p = new byte[n];
            rng.NextBytes(p);
            var c = Enc(key, p);
            Assert.Equal(CipherStream.HeaderSize + n + Math.Max(1, (n + 65535) / 65536) * (5 + CipherStream.TagSize), c.Length);
            Assert.Equal(p, Dec(key, c));
        }
    }

    [Fact]
    public void RandomLengthsAndChunkSizesRoundTrip()
    {
        var rng = new Random(12);
        for (int t = 0; t < 40; t++)
        {
            var key = TestKeys.Random(rng.Next(1, 9));
            var p = new byte[rng.Next(0, 5000)];
            rng.NextBytes(p);
            Assert.Equal(p, Dec(key, Enc(key, p, rng.Next(4, 12))));
        }
    }

    [Fact]
    public void EveryFlippedBitOfASmallCiphertextIsRejected()
    {
        var key = TestKeys.Random();
        var c = Enc(key, RandomNumberGenerator.GetBytes(40), chunkLog2: 5);   // two chunks: 32 + 8 bytes
        for (int bit = 0; bit < c.Length * 8; bit++)
        {
            var m = (byte[])c.Clone();
            m[bit >> 3] ^= (byte)(1 << (bit & 7));
            var e = Record.Exception(() => Dec(key, m));
            Assert.True(e is CryptographicException or InvalidDataException, $"bit {bit}: {e?.GetType().Name ?? "accepted"}");
        }
    }

    [Fact]
    public void SampledFlippedBitsOfALargeCiphertextAreRejected()
    {
        var key = TestKeys.Random();
        var c = Enc(key, RandomNumberGenerator.GetBytes(200_000));
        var rng = new Random(5);
        for (int t = 0; t < 300; t++)
        {
            var m = (byte[])c.Clone();
            m[rng.Next(m.Length)] ^= (byte)(1 << rng.Next(8));
            var e = Record.Exception(() => Dec(key, m));
            Assert.True(e is CryptographicException or InvalidDataException);
        }
    }

    [Fact]
    public void EveryTruncationAndAnyAppendedByteIsRejected()
    {
        var key = TestKeys.Random();
        var c = Enc(key, RandomNumberGenerator.GetBytes(100), chunkLog2: 5);
        for (int n = 0; n < c.Length; n++)
        {
            var e = Record.Exception(() => Dec(key, c[..n]));
            Assert.True(e is CryptographicException or InvalidDataException, $"length {n} accepted");
        }
        Assert.Throws<CryptographicException>(() => Dec(key, [.. c, 0]));
    }

    [Fact]
    public void WrongKeyIsRefusedClearly()
    {
        var c = Enc(TestKeys.Random(), [1, 2, 3]);
        var e = Assert.Throws<CryptographicException>(() => Dec(TestKeys.Random(), c));
        Assert.Contains("Wrong key", e.Message);
    }

    [Fact]
    public void EqualBlocksNeverGiveEqualCiphertext()
    {
        var key = TestKeys.Random();
        var p = new byte[16 * 64];   // 64 equal zero blocks
        var c1 = Enc(key, p); var c2 = Enc(key, p);
        var body = c1.AsSpan(CipherStream.HeaderSize + 5, p.Length).ToArray();
        var blocks = Enumerable.Range(0, 64).Select(i => Convert.ToHexString(body, i * 16, 16)).ToHashSet();
        Assert.Equal(64, blocks.Count);
        Assert.NotEqual(c1.AsSpan(CipherStream.HeaderSize).ToArray(), c2.AsSpan(CipherStream.HeaderSize).ToArray());
    }

    [Fact]
    public void FilesAreWrittenAtomicallyAndTheInputIsNeverOverwritten()
    {
        var dir = Directory.CreateTempSubdirectory("basin-crypto").FullName;
        try
        {
            var key = TestKeys.Random();
            string p = Path.Combine(dir, "p"), c = Path.Combine(dir, "c"), d = Path.Combine(dir, "d");
            File.WriteAllBytes(p, RandomNumberGenerator.GetBytes(70_000));
            Assert.Throws<ArgumentException>(() => CipherStream.EncryptFile(key, p, p));
            CipherStream.EncryptFile(key, p, c);
            var bad = File.ReadAllBytes(c); bad[^1] ^= 1; File.WriteAllBytes(c + ".bad", bad);
            Assert.Throws<CryptographicException>(() => CipherStream.DecryptFile(key, c + ".bad", d));
            Assert.False(File.Exists(d));                        // nothing published from a failed decryption
            Assert.Empty(Directory.GetFiles(dir, "*.tmp"));
            CipherStream.DecryptFile(key, c, d);
            Assert.Equal(File.ReadAllBytes(p), File.ReadAllBytes(d));
        }
        finally { Directory.Delete(dir, true); }
    }
}
