using System.Security.Cryptography;
using Basin.Crypto.Cipher;

namespace Basin.Crypto.Tests.Cipher;

public class FeistelCipherTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(16)]
    public void DecryptInvertsEncryptExactly(int rounds)
    {
        var rng = new Random(rounds);
        var f = TestKeys.RandomFunction(rng);
        var c = FeistelCipher.FromKeyMaterial(f, rounds, RandomNumberGenerator.GetBytes(8 * rounds + 32));
        var x = new byte[16]; var y = new byte[16]; var z = new byte[16];
        for (int i = 0; i < 500; i++)
        {
            rng.NextBytes(x);
            c.EncryptBlock(x, y);
            c.DecryptBlock(y, z);
            Assert.Equal(x, z);
        }
    }

    [Fact]
    public void KeystreamIsItsOwnInverseAndParallelEqualsSerial()
    {
        var key = TestKeys.Random(6);
        var c = key.MessageCipher(new byte[16]);
        var data = RandomNumberGenerator.GetBytes(200_003);
        var copy = (byte[])data.Clone();
        c.XorKeystream(copy, 5);                 // parallel path (≥ 4096 blocks)
        var serial = (byte[])data.Clone();
        for (int off = 0; off < serial.Length; off += 1024)   // serial path, 64 blocks at a time
            c.XorKeystream(serial.AsSpan(off, Math.Min(1024, serial.Length - off)), 5 + (ulong)(off / 16));
        Assert.Equal(serial, copy);
        Assert.NotEqual(data, copy);
        c.XorKeystream(copy, 5);
        Assert.Equal(data, copy);
    }
}
