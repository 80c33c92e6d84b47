using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Basin.Crypto.Cipher;
using Basin.Tensors.IO;

namespace Basin.Crypto.Keys;

/// <summary>
/// A Basin cipher key: a 256-bit master secret (from the operating system's CSPRNG, or PBKDF2-SHA256 of a passphrase),
/// the round count, and the round function — the data-free "attractor" network trained from a seed derived from the
/// master secret (so a passphrase reproduces the same key), quantised to integers. Everything message-specific (round
/// keys, whitening, MAC key) is derived from the master secret by HKDF-SHA256 with the message's nonce as salt.
/// <para>File layout (8 522 bytes, written atomically, mode 0600 on Unix): "BASINKEY" | version 1 | rounds | master (32) |
/// W1 (4 096 int8) | B1 (64 int16) | W2 (4 096 int8) | B2 (64 int16) | HMAC-SHA256(master, all preceding bytes) (32).</para>
/// </summary>
public sealed class CipherKey
{
    private static readonly byte[] Magic = "BASINKEY"u8.ToArray();
    private const int Version = 1;

    /// <summary>Size of a key file in bytes.</summary>
    public const int FileSize = 8 + 1 + 1 + 32 + 4096 + 128 + 4096 + 128 + 32;

    /// <summary>PBKDF2 iterations for passphrases (OWASP 2023 guidance for PBKDF2-HMAC-SHA256).</summary>
    public const int PassphraseIterations = 600_000;

    private readonly byte[] _master;

    /// <summary>Creates a key from its parts.</summary>
    public CipherKey(byte[] master, int rounds, QuantizedRoundFunction roundFunction)
    {
        if (master.Length != 32) throw new ArgumentException("The master secret must be 32 bytes.");
        if (rounds is < 1 or > 64) throw new ArgumentException($"Rounds must lie in 1…64, got {rounds}.");
        _master = (byte[])master.Clone();
        Rounds = rounds;
        RoundFunction = roundFunction;
    }

    /// <summary>The same key with another round count (for the randomness margin: the harness measures every round count).</summary>
    public CipherKey WithRounds(int rounds) => new(_master, rounds, RoundFunction);

    /// <summary>The same round count and round function under a master secret with bit <paramref name="bit"/> flipped (key sensitivity).</summary>
    public CipherKey WithMasterBitFlipped(int bit)
    {
        var m = (byte[])_master.Clone();
        m[(bit >> 3) % 32] ^= (byte)(1 << (bit & 7));
        return new CipherKey(m, Rounds, RoundFunction);
    }

    /// <summary>Feistel rounds.</summary>
    public int Rounds { get; }

    /// <summary>The deployed round function.</summary>
    public QuantizedRoundFunction RoundFunction { get; }

    /// <summary>8-byte public identifier HMAC(master, "key id"), stored in ciphertext headers to refuse a wrong key early.</summary>
    public byte[] KeyId => Derive("basin.crypto.v1 key id", 8, []);

    /// <summary>Generates a key: fresh CSPRNG master secret (or PBKDF2 of <paramref name="passphrase"/> with a fixed, public salt
    /// and <see cref="PassphraseIterations"/>), round function trained for <paramref name="steps"/> Adam steps.</summary>
    public static CipherKey Generate(int rounds = 16, int steps = 300, string? passphrase = null, Action<int>? progress = null)
    {
        var master = passphrase is null
            ? RandomNumberGenerator.GetBytes(32)
            : Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(passphrase), "basin.crypto.v1 passphrase"u8.ToArray(), PassphraseIterations, HashAlgorithmName.SHA256, 32);
        ulong seed = BinaryPrimitives.ReadUInt64LittleEndian(HKDF.DeriveKey(HashAlgorithmName.SHA256, master, 8, [], "basin.crypto.v1 network seed"u8.ToArray()));
        return new CipherKey(master, rounds, RoundFunctionTrainer.Train(seed, steps, progress));
    }

    /// <summary>HKDF-SHA256(master, salt, info) of <paramref name="length"/> bytes.</summary>
    public byte[] Derive(string info, int length, ReadOnlySpan<byte> salt) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, _master, length, salt.ToArray(), Encoding.ASCII.GetBytes(info));

    /// <summary>The per-message cipher: round keys and whitening from HKDF with the nonce as salt.</summary>
    public FeistelCipher MessageCipher(ReadOnlySpan<byte> nonce) =>
        FeistelCipher.FromKeyMaterial(RoundFunction, Rounds, Derive("basin.crypto.v1 round keys", 8 * Rounds + 32, nonce));

    /// <summary>The per-message HMAC-SHA256 key (independent of the cipher's key material).</summary>
    public byte[] MacKey(ReadOnlySpan<byte> nonce) => Derive("basin.crypto.v1 hmac", 32, nonce);

    /// <summary>Serialises the key (see the class remarks for the layout).</summary>
    public byte[] ToBytes()
    {
        var b = new byte[FileSize];
        int o = 0;
        Magic.CopyTo(b, 0); o += 8;
        b[o++] = Version; b[o++] = (byte)Rounds;
        _master.CopyTo(b, o); o += 32;
        foreach (var w in RoundFunction.W1) b[o++] = (byte)w;
        foreach (var v in RoundFunction.B1) { BinaryPrimitives.WriteInt16LittleEndian(b.AsSpan(o), v); o += 2; }
        foreach (var w in RoundFunction.W2) b[o++] = (byte)w;
        foreach (var v in RoundFunction.B2) { BinaryPrimitives.WriteInt16LittleEndian(b.AsSpan(o), v); o += 2; }
        HMACSHA256.HashData(_master, b.AsSpan(0, o)).CopyTo(b, o);
        return b;
    }

    /// <summary>Parses a key file's bytes; corrupt, truncated or tampered files raise <see cref="InvalidDataException"/>.</summary>
    public static CipherKey FromBytes(ReadOnlySpan<byte> b, string source = "<key>")
    {
        if (b.Length < 8 || !b[..8].SequenceEqual(Magic)) throw new InvalidDataException($"{source}: not a Basin cipher key (bad magic).");
        if (b.Length != FileSize) throw new InvalidDataException($"{source}: a key file has {FileSize} bytes, this one {b.Length} (truncated or corrupt).");
        if (b[8] != Version) throw new InvalidDataException($"{source}: key version {b[8]} is not supported (expected {Version}).");
        int rounds = b[9];
        var master = b.Slice(10, 32).ToArray();
        int macAt = FileSize - 32;
        if (!CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(master, b[..macAt]), b[macAt..]))
            throw new InvalidDataException($"{source}: key file integrity check failed (corrupt or modified).");
        int o = 42;
        var w1 = new sbyte[4096]; for (int i = 0; i < 4096; i++) w1[i] = (sbyte)b[o++];
        var b1 = new short[64]; for (int i = 0; i < 64; i++, o += 2) b1[i] = BinaryPrimitives.ReadInt16LittleEndian(b[o..]);
        var w2 = new sbyte[4096]; for (int i = 0; i < 4096; i++) w2[i] = (sbyte)b[o++];
        var b2 = new short[64]; for (int i = 0; i < 64; i++, o += 2) b2[i] = BinaryPrimitives.ReadInt16LittleEndian(b[o..]);
        try { return new CipherKey(master, rounds, new QuantizedRoundFunction(w1, b1, w2, b2)); }
        catch (ArgumentException e) { throw new InvalidDataException($"{source}: {e.Message}"); }
    }

    /// <summary>Writes the key atomically (temp file + rename), readable by the owner only on Unix.</summary>
    public void Save(string path)
    {
        AtomicFile.WriteAllBytes(path, ToBytes());
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    /// <summary>Reads a key file.</summary>
    public static CipherKey Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Key file '{path}' does not exist.", path);
        return FromBytes(File.ReadAllBytes(path), path);
    }
}
