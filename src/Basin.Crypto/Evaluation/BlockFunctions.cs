using System.Buffers.Binary;
using System.Security.Cryptography;
using Basin.Crypto.Cipher;
using Basin.Crypto.Keys;

namespace Basin.Crypto.Evaluation;

/// <summary>A keyed 128-bit block function under test, with the counter-mode keystream the file format uses.</summary>
public interface IBlockFunction
{
    /// <summary>Short name (<c>basin</c>, <c>aes</c>, <c>weak</c>).</summary>
    string Name { get; }

    /// <summary>Rounds (AES-128: 10).</summary>
    int Rounds { get; }

    /// <summary>E(block) for one 16-byte block.</summary>
    void Encrypt(ReadOnlySpan<byte> block, Span<byte> output);

    /// <summary>The keystream E(c), E(c+1), … (counter blocks 0 ‖ c, little-endian) into <paramref name="output"/>.</summary>
    void Keystream(Span<byte> output, ulong counter);

    /// <summary>The same function under a key differing in one bit (for key sensitivity).</summary>
    IBlockFunction WithKeyBitFlipped(int bit);
}

/// <summary>Basin's Feistel cipher under the per-message keys of a fixed nonce.</summary>
public sealed class BasinBlockFunction(CipherKey key, byte[] nonce, string name = "basin") : IBlockFunction
{
    private readonly FeistelCipher _cipher = key.MessageCipher(nonce);

    /// <inheritdoc/>
    public string Name => name;
    /// <inheritdoc/>
    public int Rounds => key.Rounds;
    /// <inheritdoc/>
    public void Encrypt(ReadOnlySpan<byte> block, Span<byte> output) => _cipher.EncryptBlock(block, output);
    /// <inheritdoc/>
    public void Keystream(Span<byte> output, ulong counter) { output.Clear(); _cipher.XorKeystream(output, counter); }
    /// <inheritdoc/>
    public IBlockFunction WithKeyBitFlipped(int bit) => new BasinBlockFunction(key.WithMasterBitFlipped(bit), nonce, name);
}

/// <summary>AES-128 from .NET (the platform's AES-NI implementation), keystream = AES(0 ‖ counter) as in CTR mode.</summary>
public sealed class AesBlockFunction : IBlockFunction
{
    private readonly byte[] _key;
    private readonly Aes _aes;

    /// <summary>AES under <paramref name="key"/> (16 bytes).</summary>
    public AesBlockFunction(byte[] key)
    {
        _key = (byte[])key.Clone();
        _aes = Aes.Create();
        _aes.Key = _key;
    }

    /// <inheritdoc/>
    public string Name => "aes";
    /// <inheritdoc/>
    public int Rounds => 10;
    /// <inheritdoc/>
    public void Encrypt(ReadOnlySpan<byte> block, Span<byte> output) => _aes.EncryptEcb(block, output, PaddingMode.None);
    /// <inheritdoc/>
    public void Keystream(Span<byte> output, ulong counter)
    {
        int blocks = (output.Length + 15) / 16;
        var ctr = new byte[blocks * 16];
        for (int b = 0; b < blocks; b++) BinaryPrimitives.WriteUInt64LittleEndian(ctr.AsSpan(b * 16 + 8), counter + (ulong)b);
        var ks = new byte[ctr.Length];
        _aes.EncryptEcb(ctr, ks, PaddingMode.None);
        ks.AsSpan(0, output.Length).CopyTo(output);
    }
    /// <inheritdoc/>
    public IBlockFunction WithKeyBitFlipped(int bit)
    {
        var k = (byte[])_key.Clone();
        k[(bit >> 3) % 16] ^= (byte)(1 << (bit & 7));
        return new AesBlockFunction(k);
    }
}
