using System.Buffers.Binary;
using System.Security.Cryptography;
using Basin.Crypto.Keys;
using Basin.Tensors.IO;

namespace Basin.Crypto.Format;

/// <summary>
/// The Basin ciphertext format, version 1: counter mode over the Feistel cipher with a fresh 128-bit random nonce per
/// message, encrypt-then-MAC per chunk with HMAC-SHA256 under a separately derived key, verified in constant time before a
/// chunk is decrypted. Constant memory for any size.
/// <code>
///   header (40 B): "BASINCT1" | version 1 | rounds | log2(chunk) | 5 zero bytes | key id (8) | nonce (16)
///   chunk i:       length L (4, LE) | flags (1; bit 0 = final) | ciphertext (L) | tag (32)
///   tag_i = HMAC-SHA256(K_mac, header ‖ i (8, LE) ‖ L ‖ flags ‖ ciphertext)
/// </code>
/// The header is bound into every tag; the chunk index stops reordering, the final flag stops truncation at a chunk
/// boundary, and the MAC stops every modification. An empty message is one final chunk of length 0. Block counters run on
/// across chunks (chunk i starts at block i·chunk/16), so no keystream block is used twice under one nonce.
/// </summary>
public static class CipherStream
{
    private static readonly byte[] Magic = "BASINCT1"u8.ToArray();
    private const byte Version = 1;

    /// <summary>Header size in bytes.</summary>
    public const int HeaderSize = 40;

    /// <summary>Tag size in bytes.</summary>
    public const int TagSize = 32;

    /// <summary>Default chunk: 64 KiB.</summary>
    public const int DefaultChunkLog2 = 16;

    /// <summary>Encrypts <paramref name="input"/> to <paramref name="output"/> (a fresh random nonce unless one is given, for test vectors only).</summary>
    public static void Encrypt(CipherKey key, Stream input, Stream output, int chunkLog2 = DefaultChunkLog2, byte[]? nonce = null)
    {
        if (chunkLog2 is < 4 or > 24) throw new ArgumentException("The chunk size must be 2^4 … 2^24 bytes.");
        nonce ??= RandomNumberGenerator.GetBytes(16);
        if (nonce.Length != 16) throw new ArgumentException("The nonce must be 16 bytes.");
        var header = new byte[HeaderSize];
        Magic.CopyTo(header, 0);
        header[8] = Version; header[9] = (byte)key.Rounds; header[10] = (byte)chunkLog2;
        key.KeyId.CopyTo(header, 16);
        nonce.CopyTo(header, 24);
        output.Write(header);
        var cipher = key.MessageCipher(nonce);
        var mac = key.MacKey(nonce);
        int chunk = 1 << chunkLog2;
        var buf = new byte[chunk];
        var next = new byte[chunk];
        int have = ReadFull(input, buf);
        ulong index = 0;
        var meta = new byte[5];
        while (true)
        {
            int nextHave = have == chunk ? ReadFull(input, next) : 0;
            bool final = nextHave == 0;
            var data = buf.AsSpan(0, have);
            cipher.XorKeystream(data, index * (ulong)(chunk / 16));
            BinaryPrimitives.WriteInt32LittleEndian(meta, have);
            meta[4] = (byte)(final ? 1 : 0);
            output.Write(meta);
            output.Write(data);
            output.Write(Tag(mac, header, index, meta, data));
            if (final) break;
            (buf, next) = (next, buf);
            have = nextHave;
            index++;
        }
    }

    /// <summary>
    /// Decrypts; every chunk's tag is checked before its plaintext is written. Throws <see cref="CryptographicException"/>
    /// for a wrong key or any modification, <see cref="InvalidDataException"/> for a file that is not a Basin ciphertext or is
    /// truncated. The output may hold a prefix of verified plaintext when an error is thrown later: <see cref="DecryptFile"/>
    /// writes to a temporary file and publishes nothing unless the whole message verifies.
    /// </summary>
    public static void Decrypt(CipherKey key, Stream input, Stream output)
    {
        var header = new byte[HeaderSize];
        int got = ReadFull(input, header);
        if (got < 8 || !header.AsSpan(0, 8).SequenceEqual(Magic)) throw new InvalidDataException("Not a Basin ciphertext (bad magic).");
        if (got < HeaderSize) throw new InvalidDataException("Truncated ciphertext: the header is incomplete.");
        if (header[8] != Version) throw new InvalidDataException($"Ciphertext version {header[8]} is not supported (expected {Version}).");
        int chunkLog2 = header[10];
        if (chunkLog2 is < 4 or > 24 || header.AsSpan(11, 5).IndexOfAnyExcept((byte)0) >= 0) throw new InvalidDataException("Corrupt ciphertext header.");
        if (!CryptographicOperations.FixedTimeEquals(header.AsSpan(16, 8), key.KeyId))
            throw new CryptographicException("Wrong key: this file was encrypted under a different key.");
        if (header[9] != key.Rounds) throw new CryptographicException($"The header says {header[9]} rounds, the key has {key.Rounds}: file or key modified.");
        var nonce = header.AsSpan(24, 16);
        var cipher = key.MessageCipher(nonce);
        var mac = key.MacKey(nonce);
        int chunk = 1 << chunkLog2;
        var buf = new byte[chunk];
        var tag = new byte[TagSize];
        Span<byte> meta = stackalloc byte[5];
        for (ulong index = 0; ; index++)
        {
            if (ReadFull(input, meta) < 5) throw new InvalidDataException("Truncated ciphertext: the final chunk is missing.");
            int len = BinaryPrimitives.ReadInt32LittleEndian(meta);
            if (len < 0 || len > chunk || (meta[4] & ~1) != 0) throw new CryptographicException($"Authentication failed: chunk {index} has a corrupt length or flags.");
            bool final = meta[4] == 1;
            if (!final && len != chunk) throw new CryptographicException($"Authentication failed: chunk {index} is short but not final.");
            var data = buf.AsSpan(0, len);
            if (ReadFull(input, data) < len || ReadFull(input, tag) < TagSize) throw new InvalidDataException($"Truncated ciphertext inside chunk {index}.");
            if (!CryptographicOperations.FixedTimeEquals(Tag(mac, header, index, meta, data), tag))
                throw new CryptographicException($"Authentication failed at chunk {index}: the file was modified or the key is wrong.");
            cipher.XorKeystream(data, index * (ulong)(chunk / 16));
            output.Write(data);
            if (final)
            {
                if (input.ReadByte() != -1) throw new CryptographicException("Authentication failed: data after the final chunk.");
                return;
            }
        }
    }

    /// <summary>Encrypts file <paramref name="inPath"/> to <paramref name="outPath"/> atomically; refuses to overwrite the input.</summary>
    public static void EncryptFile(CipherKey key, string inPath, string outPath)
    {
        CheckPaths(inPath, outPath);
        using var input = new FileStream(inPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        AtomicFile.Write(outPath, o => Encrypt(key, input, o));
    }

    /// <summary>Decrypts file <paramref name="inPath"/> to <paramref name="outPath"/>; nothing appears at the output unless every chunk verifies.</summary>
    public static void DecryptFile(CipherKey key, string inPath, string outPath)
    {
        CheckPaths(inPath, outPath);
        using var input = new FileStream(inPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        AtomicFile.Write(outPath, o => Decrypt(key, input, o));
    }

    private static void CheckPaths(string inPath, string outPath)
    {
        if (!File.Exists(inPath)) throw new FileNotFoundException($"Input '{inPath}' does not exist.", inPath);
        if (string.Equals(Path.GetFullPath(inPath), Path.GetFullPath(outPath), OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal))
            throw new ArgumentException("The output must differ from the input: the input of an encryption is never overwritten.");
    }

    private static byte[] Tag(byte[] mac, byte[] header, ulong index, ReadOnlySpan<byte> meta, ReadOnlySpan<byte> data)
    {
        Span<byte> idx = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(idx, index);
        using var h = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, mac);
        h.AppendData(header); h.AppendData(idx); h.AppendData(meta); h.AppendData(data);
        return h.GetHashAndReset();
    }

    private static int ReadFull(Stream s, Span<byte> buf)
    {
        int total = 0;
        while (total < buf.Length)
        {
            int n = s.Read(buf[total..]);
            if (n == 0) break;
            total += n;
        }
        return total;
    }
}
