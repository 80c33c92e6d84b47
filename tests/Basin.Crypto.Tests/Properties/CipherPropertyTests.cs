using Basin.Crypto.Format;
using CsCheck;

namespace Basin.Crypto.Tests.Properties;

/// <summary>
/// Property tests of the cipher file format (issue 28 §3) with CsCheck: random lengths (chunk boundaries included),
/// chunk sizes, keys and round counts. A failure prints the seed and the shrunk case; rerun one with
/// <c>Check.Sample(..., seed: "…")</c>. The soak runner (<c>bench/Basin.Soak</c>) runs the round trip for millions of cases.
/// </summary>
public sealed class CipherPropertyTests
{
    [Fact]
    public void RoundTripIsIdentity() =>
        CipherProperties.Case.Sample(CipherProperties.RoundTrip, iter: 2000, print: c => c.ToString());

    [Theory]
    [InlineData(0)]
    [InlineData((1 << 16) - 1)]
    [InlineData(1 << 16)]
    [InlineData((1 << 16) + 1)]
    [InlineData((2 << 16) - 1)]
    [InlineData(2 << 16)]
    [InlineData((2 << 16) + 1)]
    public void RoundTripAtTheDefaultChunkBoundaries(int length) =>
        // 0 and 64 KiB ± 1, 128 KiB ± 1 are always covered, not only by chance; keys and rounds random.
        CipherProperties.Case.Select(c => c with { Length = length, ChunkLog2 = CipherStream.DefaultChunkLog2, Rounds = 1 + (c.Rounds - 1) % 16 })
            .Sample(CipherProperties.RoundTrip, iter: 4, print: c => c.ToString());

    [Fact]
    public void EverySampledBitFlipIsRejected() =>
        CipherProperties.SmallCaseWithFlips.Sample((c, flips) => CipherProperties.BitFlipsRejected(c, flips), iter: 1000,
            print: t => $"{t.Item1}; flips {string.Join(' ', t.Item2.Select(f => $"{f.Byte}.{f.Bit}"))}");

    [Fact]
    public void EveryTruncationIsRejected() =>
        CipherProperties.SmallCase.Sample(CipherProperties.TruncationsRejected, iter: 100, print: c => c.ToString());

    [Fact]
    public void KeyFileRoundTripsAndEveryBitFlipIsRejected() =>
        Gen.Select(CipherProperties.SmallCase, Gen.Int[0, 8 * Basin.Crypto.Keys.CipherKey.FileSize - 1].Array[8]).Sample((c, bits) =>
        {
            var key = c.Key();
            var bytes = key.ToBytes();
            var back = Basin.Crypto.Keys.CipherKey.FromBytes(bytes);
            Assert.Equal(bytes, back.ToBytes());
            Assert.Equal(key.KeyId, back.KeyId);
            Assert.Equal(key.Rounds, back.Rounds);
            foreach (int bit in bits)
            {
                bytes[bit >> 3] ^= (byte)(1 << (bit & 7));
                Assert.Throws<InvalidDataException>(() => Basin.Crypto.Keys.CipherKey.FromBytes(bytes));
                bytes[bit >> 3] ^= (byte)(1 << (bit & 7));
            }
            for (int n = 0; n < bytes.Length; n += 97) Assert.Throws<InvalidDataException>(() => Basin.Crypto.Keys.CipherKey.FromBytes(bytes.AsSpan(0, n)));
        }, iter: 500, print: t => $"{t.Item1}; key-file bits {string.Join(' ', t.Item2)}");
}
