using System.Buffers.Binary;

namespace Basin.Crypto.Cipher;

/// <summary>
/// A 128-bit block cipher: a balanced Feistel network whose round function is the data-free trained, integer-deployed
/// <see cref="QuantizedRoundFunction"/>, keyed by per-round 64-bit keys and 128-bit pre/post whitening:
/// <code>
///   (L, R) ← (L, R) ⊕ w_pre;   round i: (L, R) ← (R, L ⊕ F(R ⊕ k_i));   (L, R) ← (L, R) ⊕ w_post
/// </code>
/// Invertible by construction whatever F is (round i⁻¹: (L, R) ← (R ⊕ F(L ⊕ k_i), L)), so decryption is exact.
/// EXPERIMENTAL: no cryptanalysis beyond the measurements of <c>basin crypto eval</c> backs it.
/// </summary>
public sealed class FeistelCipher
{
    private readonly QuantizedRoundFunction _f;
    private readonly ulong[] _k;
    private readonly ulong _wl0, _wr0, _wl1, _wr1;
    private readonly bool _tables;
    private readonly RoundFunctionPath _path = RoundFunctionPaths.Deployed;

    /// <summary>Creates the cipher from a round function, one key per round and four whitening words.</summary>
    public FeistelCipher(QuantizedRoundFunction f, ReadOnlySpan<ulong> roundKeys, ulong wl0 = 0, ulong wr0 = 0, ulong wl1 = 0, ulong wr1 = 0)
    {
        if (roundKeys.Length < 1) throw new ArgumentException("A Feistel cipher needs at least one round.");
        _f = f;
        _k = roundKeys.ToArray();
        (_wl0, _wr0, _wl1, _wr1) = (wl0, wr0, wl1, wr1);
    }

    private FeistelCipher(FeistelCipher c, bool tables, RoundFunctionPath path) : this(c._f, c._k, c._wl0, c._wr0, c._wl1, c._wr1)
        => (_tables, _path) = (tables, path);

    /// <summary>
    /// The same cipher evaluating its round function by the nibble tables (<see cref="QuantizedRoundFunction.EvaluateTables"/>):
    /// identical output, secret-dependent memory accesses. For benchmarks and timing-leak tests only.
    /// </summary>
    public FeistelCipher WithTableEvaluation() => new(this, tables: true, _path);

    /// <summary>
    /// The same cipher evaluating its round function by the constant-time <paramref name="path"/> (identical output; for
    /// tests and measurements of each path).
    /// </summary>
    /// <exception cref="PlatformNotSupportedException">This CPU lacks the instructions of <paramref name="path"/>.</exception>
    public FeistelCipher WithPath(RoundFunctionPath path) => RoundFunctionPaths.IsSupported(path)
        ? new(this, tables: false, path)
        : throw new PlatformNotSupportedException($"This CPU cannot run the {RoundFunctionPaths.Name(path)} round-function path.");

    /// <summary>The constant-time path the round function is evaluated by (unless <see cref="WithTableEvaluation"/> chose the tables).</summary>
    public RoundFunctionPath Path => _path;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private ulong F(ulong x) => _tables ? _f.EvaluateTables(x) : _f.Evaluate(x, _path);   // public settings, not secrets

    /// <summary>Builds the cipher from <paramref name="material"/>: 8 bytes per round key, then 32 bytes of whitening.</summary>
    public static FeistelCipher FromKeyMaterial(QuantizedRoundFunction f, int rounds, ReadOnlySpan<byte> material)
    {
        if (material.Length < 8 * rounds + 32) throw new ArgumentException($"{rounds} rounds need {8 * rounds + 32} bytes of key material.");
        var k = new ulong[rounds];
        for (int i = 0; i < rounds; i++) k[i] = BinaryPrimitives.ReadUInt64LittleEndian(material.Slice(8 * i, 8));
        var w = material.Slice(8 * rounds, 32);
        return new FeistelCipher(f, k, BinaryPrimitives.ReadUInt64LittleEndian(w), BinaryPrimitives.ReadUInt64LittleEndian(w[8..]),
            BinaryPrimitives.ReadUInt64LittleEndian(w[16..]), BinaryPrimitives.ReadUInt64LittleEndian(w[24..]));
    }

    /// <summary>Number of rounds.</summary>
    public int Rounds => _k.Length;

    /// <summary>Encrypts one block in place.</summary>
    public void Encrypt(ref ulong l, ref ulong r)
    {
        l ^= _wl0; r ^= _wr0;
        for (int i = 0; i < _k.Length; i++)
        {
            ulong t = l ^ F(r ^ _k[i]);
            l = r; r = t;
        }
        l ^= _wl1; r ^= _wr1;
    }

    /// <summary>Decrypts one block in place (the exact inverse of <see cref="Encrypt"/>).</summary>
    public void Decrypt(ref ulong l, ref ulong r)
    {
        l ^= _wl1; r ^= _wr1;
        for (int i = _k.Length - 1; i >= 0; i--)
        {
            ulong t = r ^ F(l ^ _k[i]);
            r = l; l = t;
        }
        l ^= _wl0; r ^= _wr0;
    }

    /// <summary>Encrypts a 16-byte block (little-endian halves L = bytes 0–7, R = bytes 8–15).</summary>
    public void EncryptBlock(ReadOnlySpan<byte> input, Span<byte> output)
    {
        ulong l = BinaryPrimitives.ReadUInt64LittleEndian(input), r = BinaryPrimitives.ReadUInt64LittleEndian(input[8..]);
        Encrypt(ref l, ref r);
        BinaryPrimitives.WriteUInt64LittleEndian(output, l);
        BinaryPrimitives.WriteUInt64LittleEndian(output[8..], r);
    }

    /// <summary>Decrypts a 16-byte block.</summary>
    public void DecryptBlock(ReadOnlySpan<byte> input, Span<byte> output)
    {
        ulong l = BinaryPrimitives.ReadUInt64LittleEndian(input), r = BinaryPrimitives.ReadUInt64LittleEndian(input[8..]);
        Decrypt(ref l, ref r);
        BinaryPrimitives.WriteUInt64LittleEndian(output, l);
        BinaryPrimitives.WriteUInt64LittleEndian(output[8..], r);
    }

    /// <summary>
    /// XORs the counter-mode keystream E(0 ‖ c), E(0 ‖ c+1), … into <paramref name="data"/> (encryption and decryption are
    /// the same operation); <paramref name="counter"/> is the index of the first 16-byte block. Long spans are split between
    /// the cores (blocks are independent).
    /// </summary>
    public void XorKeystream(Span<byte> data, ulong counter)
    {
        int blocks = (data.Length + 15) / 16;
        if (blocks >= 4096 && Environment.ProcessorCount > 1)
        {
            unsafe
            {
                fixed (byte* p = data)
                {
                    nint ptr = (nint)p; int len = data.Length;
                    int parts = Math.Min(Environment.ProcessorCount, 8);
                    int per = (blocks + parts - 1) / parts;
                    Parallel.For(0, parts, part =>
                    {
                        int b0 = part * per, b1 = Math.Min(blocks, b0 + per);
                        if (b0 >= b1) return;
                        int start = b0 * 16, end = Math.Min(len, b1 * 16);
                        XorRange(new Span<byte>((byte*)ptr + start, end - start), counter + (ulong)b0);
                    });
                }
            }
            return;
        }
        XorRange(data, counter);
    }

    /// <summary>
    /// Four independent blocks through the rounds together (counter mode's blocks are independent): the round functions of
    /// the four are evaluated by one <see cref="QuantizedRoundFunction.Evaluate4(ref ulong, ref ulong, ref ulong, ref ulong, RoundFunctionPath)"/>
    /// per round. Each block gets exactly the bits of <see cref="Encrypt"/>.
    /// </summary>
    internal void Encrypt4(ref ulong l0, ref ulong r0, ref ulong l1, ref ulong r1, ref ulong l2, ref ulong r2, ref ulong l3, ref ulong r3)
    {
        l0 ^= _wl0; r0 ^= _wr0; l1 ^= _wl0; r1 ^= _wr0; l2 ^= _wl0; r2 ^= _wr0; l3 ^= _wl0; r3 ^= _wr0;
        for (int i = 0; i < _k.Length; i++)
        {
            ulong k = _k[i];
            ulong f0 = r0 ^ k, f1 = r1 ^ k, f2 = r2 ^ k, f3 = r3 ^ k;
            if (_tables) { f0 = _f.EvaluateTables(f0); f1 = _f.EvaluateTables(f1); f2 = _f.EvaluateTables(f2); f3 = _f.EvaluateTables(f3); }
            else _f.Evaluate4(ref f0, ref f1, ref f2, ref f3, _path);
            ulong t0 = l0 ^ f0, t1 = l1 ^ f1, t2 = l2 ^ f2, t3 = l3 ^ f3;
            l0 = r0; r0 = t0; l1 = r1; r1 = t1; l2 = r2; r2 = t2; l3 = r3; r3 = t3;
        }
        l0 ^= _wl1; r0 ^= _wr1; l1 ^= _wl1; r1 ^= _wr1; l2 ^= _wl1; r2 ^= _wr1; l3 ^= _wl1; r3 ^= _wr1;
    }

    private static void Xor16(Span<byte> d, ulong l, ulong r)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(d, BinaryPrimitives.ReadUInt64LittleEndian(d) ^ l);
        BinaryPrimitives.WriteUInt64LittleEndian(d[8..], BinaryPrimitives.ReadUInt64LittleEndian(d[8..]) ^ r);
    }

    private void XorRange(Span<byte> data, ulong counter)
    {
        Span<byte> ks = stackalloc byte[16];
        int quads = data.Length / 64;
        for (int q = 0; q < quads; q++, counter += 4)
        {
            ulong l0 = 0, r0 = counter, l1 = 0, r1 = counter + 1, l2 = 0, r2 = counter + 2, l3 = 0, r3 = counter + 3;
            Encrypt4(ref l0, ref r0, ref l1, ref r1, ref l2, ref r2, ref l3, ref r3);
            var d = data.Slice(q * 64, 64);
            Xor16(d, l0, r0); Xor16(d[16..], l1, r1); Xor16(d[32..], l2, r2); Xor16(d[48..], l3, r3);
        }
        for (int off = quads * 64; off < data.Length; off += 16, counter++)
        {
            ulong l = 0, r = counter;
            Encrypt(ref l, ref r);
            int n = Math.Min(16, data.Length - off);
            if (n == 16) Xor16(data.Slice(off, 16), l, r);
            else
            {
                BinaryPrimitives.WriteUInt64LittleEndian(ks, l);
                BinaryPrimitives.WriteUInt64LittleEndian(ks[8..], r);
                for (int i = 0; i < n; i++) data[off + i] ^= ks[i];
            }
        }
    }
}
