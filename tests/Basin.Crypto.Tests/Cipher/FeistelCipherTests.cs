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

    [Fact]
    public void TheKeystreamOfEveryPathAndOfTheTablesIsTheBlockFunctionOfTheCounter()
    {
        var key = TestKeys.Random(5);
        var c = key.MessageCipher(new byte[16]);
        var data = RandomNumberGenerator.GetBytes(16 * 11 + 7);   // two batches of four blocks, three single blocks and a partial one
        var expected = (byte[])data.Clone();
        for (int b = 0; b * 16 < data.Length; b++)
        {
            ulong l = 0, r = 9 + (ulong)b;
            c.Encrypt(ref l, ref r);
            var ks = new byte[16];
            System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(ks, l);
            System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(ks.AsSpan(8), r);
            for (int i = 0; i < 16 && 16 * b + i < data.Length; i++) expected[16 * b + i] ^= ks[i];
        }
        var ciphers = RoundFunctionPaths.All.Where(RoundFunctionPaths.IsSupported).Select(c.WithPath).Append(c.WithTableEvaluation()).Append(c);
        foreach (var cipher in ciphers)
        {
            var got = (byte[])data.Clone();
            cipher.XorKeystream(got, 9);
            Assert.Equal(expected, got);
        }
        Assert.Equal(RoundFunctionPaths.Deployed, c.Path);
    }
}
