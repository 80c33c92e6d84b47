using Basin.Crypto.Evaluation;
using Basin.Crypto.Keys;

namespace Basin.Crypto.Tests.Evaluation;

public class HarnessTests
{
    [Fact]
    public void DiffusionCatchesTheWeakCipherAndPassesAes()
    {
        var key = TestKeys.Random(16);
        var weak = Diffusion.Measure(new BasinBlockFunction(key.WithRounds(1), new byte[16], "weak"), 256);
        Assert.False(weak.Passed);
        Assert.True(weak.SacMaxDeviation > 0.4);   // one Feistel round leaves the left half's bits untouched: P(flip) = 0 or 1
        var aes = Diffusion.Measure(new AesBlockFunction(new byte[16]), 256);
        Assert.True(aes.Passed, $"AES SAC {aes.SacMaxDeviation} (bound {aes.SacBound}), BIC {aes.BicMaxCorrelation} (bound {aes.BicBound})");
    }

    [Fact]
    public void KeyAvalancheOfAesPassesAndOfAKeyIgnoringFunctionFails()
    {
        var aes = Diffusion.MeasureKey(new AesBlockFunction(new byte[16]), 128, 256);
        Assert.True(aes.Passed, $"AES key SAC {aes.SacMaxDeviation} (bound {aes.SacBound})");
        var basin = Diffusion.MeasureKey(new BasinBlockFunction(TestKeys.Random(8), new byte[16]), 256, 128);
        Assert.True(basin.Passed, $"Basin key SAC {basin.SacMaxDeviation} (bound {basin.SacBound})");
        var constant = Diffusion.MeasureKey(new KeyIgnoring(), 16, 128);
        Assert.False(constant.Passed);
    }

    private sealed class KeyIgnoring : IBlockFunction
    {
        private readonly AesBlockFunction _aes = new(new byte[16]);
        public string Name => "key-ignoring";
        public int Rounds => 10;
        public void Encrypt(ReadOnlySpan<byte> block, Span<byte> output) => _aes.Encrypt(block, output);
        public void Keystream(Span<byte> output, ulong counter) => _aes.Keystream(output, counter);
        public IBlockFunction WithKeyBitFlipped(int bit) => this;
    }

    [Fact]
    public void LearnedDistinguisherBreaksTwoRoundsButNotAes()
    {
        var key = TestKeys.Random(16);
        var two = LearnedAttacks.Distinguisher(new BasinBlockFunction(key.WithRounds(2), new byte[16]), 3000, 2000, 4);
        Assert.True(two.Lo > 0.6, $"2-round accuracy {two.Value} ({two.Lo}–{two.Hi})");
        var aes = LearnedAttacks.Distinguisher(new AesBlockFunction(new byte[16]), 3000, 2000, 4);
        Assert.True(aes.Lo < 0.5 && aes.Hi > 0.47, $"AES accuracy {aes.Value} ({aes.Lo}–{aes.Hi})");
    }

    [Fact]
    public void KnownPlaintextAttackerLearnsTheOneRoundCipher()
    {
        var key = TestKeys.Random(16);
        var one = LearnedAttacks.KnownPlaintext(new BasinBlockFunction(key.WithRounds(1), new byte[16]), 3000, 1000, 30);
        Assert.True(one.Value > 0.7, $"1-round bit accuracy {one.Value}");   // half of the plaintext is copied to the output
    }

    [Fact]
    public void StreamStatisticsHaveTheirIdealValuesOnUniformData()
    {
        var u = Enumerable.Range(0, 256 * 64).Select(i => (byte)i).ToArray();
        Assert.Equal(8.0, StreamStatistics.ByteEntropy(u), 9);
        Assert.Equal(0.0, StreamStatistics.ByteChiSquare(u).Chi2, 9);
        var (npcr, uaci) = StreamStatistics.NpcrUaci(new byte[] { 0, 0, 255, 7 }, new byte[] { 0, 255, 0, 7 });
        Assert.Equal(0.5, npcr, 12);
        Assert.Equal(0.5, uaci, 12);
    }
}
