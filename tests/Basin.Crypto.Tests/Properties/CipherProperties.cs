using System.Security.Cryptography;
using Basin.Crypto.Format;
using Basin.Crypto.Keys;
using CsCheck;

namespace Basin.Crypto.Tests.Properties;

/// <summary>
/// One generated cipher case: a message of <paramref name="Length"/> bytes filled from <paramref name="DataSeed"/>, a key
/// (32-byte master, <paramref name="Rounds"/> rounds, a random round function from <paramref name="FunctionSeed"/>) and a
/// chunk of 2^<paramref name="ChunkLog2"/> bytes. Shrinking acts on these numbers, so a failure prints a short message,
/// a small chunk and few rounds.
/// </summary>
public sealed record CipherCase(int Length, int ChunkLog2, int Rounds, byte[] Master, int FunctionSeed, int DataSeed)
{
    public byte[] Plaintext()
    {
        var p = new byte[Length];
        new Random(DataSeed).NextBytes(p);
        return p;
    }

    public CipherKey Key() => new(Master, Rounds, TestKeys.RandomFunction(new Random(FunctionSeed)));

    public byte[] Encrypt(CipherKey key, byte[] plaintext)
    {
        var ct = new MemoryStream();
        CipherStream.Encrypt(key, new MemoryStream(plaintext), ct, ChunkLog2);
        return ct.ToArray();
    }

    public override string ToString() =>
        $"length {Length}, chunk 2^{ChunkLog2} ({Length / (1 << ChunkLog2)} full chunks + {Length % (1 << ChunkLog2)} B), rounds {Rounds}, " +
        $"master {Convert.ToHexString(Master)}, function seed {FunctionSeed}, data seed {DataSeed}";
}

/// <summary>
/// The cipher file format's properties, shared by the unit tests (a few thousand cases) and the soak runner
/// (<c>bench/Basin.Soak</c>, millions): generators and the checks, which throw on a violation so CsCheck shrinks.
/// </summary>
public static class CipherProperties
{
    /// <summary>
    /// Message lengths: mostly short (0 … 4 KiB), a fifth exactly at k·chunk − 1, k·chunk, k·chunk + 1 (k = 0 … 4), one in
    /// twenty large (up to 320 KiB, with the default 64 KiB chunk, including 64 KiB ± 1 boundaries). Rounds 1 … 64; messages
    /// over 16 KiB take 1 … 16 rounds (the round count and the length act independently, and long messages at 64 rounds
    /// would only slow the run).
    /// </summary>
    public static readonly Gen<CipherCase> Case =
        Gen.Frequency(
            (15, from log2 in Gen.Int[4, 16] from len in Gen.Int[0, 4096] select (len, log2)),
            (4, from log2 in Gen.Int[4, 12] from k in Gen.Int[0, 4] from d in Gen.Int[-1, 1] select (Math.Max(0, (k << log2) + d), log2)),
            (1, Gen.OneOf(
                from len in Gen.Int[0, 320 << 10] select (len, CipherStream.DefaultChunkLog2),
                from k in Gen.Int[1, 4] from d in Gen.Int[-1, 1] select ((k << 16) + d, CipherStream.DefaultChunkLog2))))
        .SelectMany(lc =>
            from rounds in Gen.Int[1, lc.Item1 > 16 << 10 ? 16 : 64]
            from master in Gen.Byte.Array[32]
            from fs in Gen.Int
            from ds in Gen.Int
            select new CipherCase(lc.Item1, lc.Item2, rounds, master, fs, ds));

    /// <summary>decrypt(encrypt(p)) = p, the ciphertext has the format's exact size, and a different nonce changes it.</summary>
    public static void RoundTrip(CipherCase c)
    {
        var key = c.Key();
        var p = c.Plaintext();
        var ct = c.Encrypt(key, p);
        long expected = ExpectedLength(c);
        if (ct.Length != expected) throw new Exception($"ciphertext is {ct.Length} bytes, the format says {expected}");
        var back = new MemoryStream();
        CipherStream.Decrypt(key, new MemoryStream(ct), back);
        if (!back.ToArray().AsSpan().SequenceEqual(p)) throw new Exception("decrypt(encrypt(p)) != p");
    }

    /// <summary>Ciphertext size by the format: header + max(1, ⌈L/chunk⌉) × (5-byte length and flags + tag) + L.</summary>
    public static int ExpectedLength(CipherCase c)
    {
        int chunk = 1 << c.ChunkLog2;
        int chunks = Math.Max(1, (c.Length + chunk - 1) / chunk);
        return CipherStream.HeaderSize + chunks * (5 + CipherStream.TagSize) + c.Length;
    }

    /// <summary>True when <paramref name="e"/> is one of the format's own rejections.</summary>
    public static bool IsFormatRejection(Exception e) => e is CryptographicException or InvalidDataException;

    /// <summary>Decrypting <paramref name="ct"/> must fail with the format's own exception; <paramref name="what"/> names the alteration.</summary>
    public static void MustReject(CipherKey key, byte[] ct, string what)
    {
        try
        {
            CipherStream.Decrypt(key, new MemoryStream(ct), Stream.Null);
        }
        catch (Exception e) when (IsFormatRejection(e))
        {
            return;
        }
        catch (Exception e)
        {
            throw new Exception($"{what}: rejected with {e.GetType().Name} ({e.Message}), not the format's CryptographicException/InvalidDataException");
        }
        throw new Exception($"{what}: accepted");
    }

    /// <summary>Byte positions to flip in a ciphertext of <paramref name="length"/> bytes: header, the final tag, the first chunk's length and flags, anywhere.</summary>
    public static Gen<(int Byte, int Bit)[]> FlipPositions(int length) =>
        Gen.Select(Gen.Int[0, CipherStream.HeaderSize - 1], Gen.Int[length - CipherStream.TagSize, length - 1],
                   Gen.Int[CipherStream.HeaderSize, CipherStream.HeaderSize + 4], Gen.Int[0, length - 1].Array[5])
           .SelectMany((h, t, m, any) =>
           {
               var at = new[] { h, t, m }.Concat(any).ToArray();
               return Gen.Int[0, 7].Array[at.Length].Select(bits => at.Zip(bits).ToArray());
           });

    /// <summary>A small case and the bit flips to try on its ciphertext.</summary>
    public static Gen<(CipherCase, (int Byte, int Bit)[])> SmallCaseWithFlips =>
        SmallCase.SelectMany(c => FlipPositions(ExpectedLength(c)).Select(f => (c, f)));

    /// <summary>Short messages with small chunks (many chunks per message), for the tamper properties.</summary>
    public static readonly Gen<CipherCase> SmallCase =
        from log2 in Gen.Int[4, 8]
        from len in Gen.OneOf(Gen.Int[0, 300], from k in Gen.Int[0, 4] from d in Gen.Int[-1, 1] select Math.Max(0, (k << log2) + d))
        from rounds in Gen.Int[1, 64]
        from master in Gen.Byte.Array[32]
        from fs in Gen.Int
        from ds in Gen.Int
        select new CipherCase(len, log2, rounds, master, fs, ds);

    /// <summary>Every single-bit flip at the given (byte, bit) positions is rejected.</summary>
    public static void BitFlipsRejected(CipherCase c, (int Byte, int Bit)[] flips)
    {
        var key = c.Key();
        var ct = c.Encrypt(key, c.Plaintext());
        foreach (var (pos, bit) in flips)
        {
            int at = Math.Clamp(pos, 0, ct.Length - 1);
            ct[at] ^= (byte)(1 << bit);
            MustReject(key, ct, $"bit {bit} of byte {at} of {ct.Length} flipped");
            ct[at] ^= (byte)(1 << bit);
        }
    }

    /// <summary>Every proper prefix of the ciphertext (all of them, lengths 0 … n − 1) is rejected.</summary>
    public static void TruncationsRejected(CipherCase c)
    {
        var key = c.Key();
        var ct = c.Encrypt(key, c.Plaintext());
        for (int n = 0; n < ct.Length; n++) MustReject(key, ct[..n], $"truncated to {n} of {ct.Length} bytes");
    }
}
