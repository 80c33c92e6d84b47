using Basin.Crypto.Keys;

namespace Basin.Crypto.Tests.Keys;

public class CipherKeyTests
{
    [Fact]
    public void KeyFileRoundTripsAndCorruptionIsDetected()
    {
        var k = TestKeys.Random(12);
        var b = k.ToBytes();
        Assert.Equal(CipherKey.FileSize, b.Length);
        var back = CipherKey.FromBytes(b);
        Assert.Equal(b, back.ToBytes());
        Assert.Equal(k.KeyId, back.KeyId);
        var rng = new Random(2);
        for (int t = 0; t < 50; t++)
        {
            var m = (byte[])b.Clone();
            m[rng.Next(m.Length)] ^= (byte)(1 << rng.Next(8));
            Assert.Throws<InvalidDataException>(() => CipherKey.FromBytes(m));
        }
        Assert.Throws<InvalidDataException>(() => CipherKey.FromBytes(b.AsSpan(0, 100)));
        Assert.Throws<InvalidDataException>(() => CipherKey.FromBytes("not a key"u8));
    }

    [Fact]
    public void PassphraseGivesTheSameKeyAndTheCsprngDoesNot()
    {
        var a = CipherKey.Generate(4, steps: 0, passphrase: "correct horse battery");
        var b = CipherKey.Generate(4, steps: 0, passphrase: "correct horse battery");
        var c = CipherKey.Generate(4, steps: 0, passphrase: "correct horse battery!");
        Assert.Equal(a.ToBytes(), b.ToBytes());
        Assert.NotEqual(a.KeyId, c.KeyId);
        Assert.NotEqual(CipherKey.Generate(4, 0).KeyId, CipherKey.Generate(4, 0).KeyId);
    }

    [Fact]
    public void TrainedRoundFunctionMovesTheCryptoTermsAndQuantisesToIntegers()
    {
        var before = RoundFunctionTrainer.TrainFloat(5, 0);
        var after = RoundFunctionTrainer.TrainFloat(5, 40);
        Assert.NotEqual(before.StateDict()["mlp.layers.0.weight"].ToArray(), after.StateDict()["mlp.layers.0.weight"].ToArray());
        var q = RoundFunctionTrainer.Quantise(after);
        Assert.Equal(127, q.W1.Max(w => Math.Abs((int)w)));
        Assert.Equal(127, q.W2.Max(w => Math.Abs((int)w)));
    }
}
