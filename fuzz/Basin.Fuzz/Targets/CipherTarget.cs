using System.Security.Cryptography;
using Basin.Crypto.Format;

namespace Basin.Fuzz.Targets;

/// <summary>The ciphertext format, decrypted under the fixed fuzz key (<see cref="CipherStream.Decrypt"/>).</summary>
public sealed class CipherTarget : FuzzTarget
{
    public override string Name => "cipher";
    public override string Description => "CipherStream.Decrypt under tests/fuzz/keys/cipher.key: header, chunk framing, tags";
    public override IReadOnlyList<Type> Rejections => [typeof(InvalidDataException), typeof(CryptographicException)];

    /// <summary>A header may ask for chunks of up to 2²⁴ bytes: one buffer of that size is the format's bounded cost.</summary>
    public override long AllocationPerInputByte => 64;

    public override void Parse(byte[] input)
    {
        using var ms = new MemoryStream(input, writable: false);
        CipherStream.Decrypt(FuzzKeys.CipherKey, ms, Stream.Null);
    }

    public override IEnumerable<(string Name, byte[] Bytes)> Seeds()
    {
        foreach (var (len, log2) in new[] { (0, 4), (5, 4), (40, 4), (100, 6) })
        {
            var plain = new byte[len];
            new Random(len).NextBytes(plain);
            using var o = new MemoryStream();
            CipherStream.Encrypt(FuzzKeys.CipherKey, new MemoryStream(plain), o, log2, nonce: new byte[16]);
            yield return ($"len{len}-chunk{1 << log2}", o.ToArray());
        }
    }
}
