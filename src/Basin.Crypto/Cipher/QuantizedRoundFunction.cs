using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Basin.Crypto.Cipher;

/// <summary>
/// The deployed round function: a binarised two-layer network on 64 bits, evaluated in integer arithmetic only, so every
/// machine computes the same bits.
/// <code>
///   s = 2b − 1 ∈ {−1, +1}⁶⁴ (the input bits),   h_j = [ Σ_i W1[j,i] s_i + b1[j] &gt; 0 ],   y_o = [ Σ_j W2[o,j] (2h_j − 1) + b2[o] &gt; 0 ]
/// </code>
/// W1, W2 are int8 (the float weights of the data-free network, scaled by 127/max|W| per layer and rounded), b1, b2 int16
/// on the same scale, accumulators int16 (|Σ| ≤ 64·127 + 32767 fits because biases are clamped to ±8 000). The sign is
/// the "table activation" (a two-entry table).
/// <para>
/// <see cref="Evaluate"/> is constant time: its memory accesses and branches depend on neither key nor data. With s = 2x − 1
/// for x ∈ {0, 1}⁶⁴, each accumulator is c_j + 2 Σ_i W[j,i] x_i with c_j = b_j − Σ_i W[j,i]; the sums are unsigned-byte ×
/// signed-byte dot products (<c>vpdpbusd</c>, AVX-VNNI: eight rows per instruction, four inputs per lane) whose byte operand
/// holds the input bits spread to bytes by a multiplication, and whose weight operand is loaded from fixed addresses. Without
/// AVX-VNNI a portable loop adds W[j,i] masked by −x_i. <see cref="EvaluateTables"/> keeps the earlier nibble-table
/// evaluation (for each of the 16 nibbles of the input and each of its 16 values, the partial sums of all 64 rows): faster
/// per call on some CPUs but its table addresses depend on the secret input, a cache-timing channel.
/// </para>
/// </summary>
public sealed class QuantizedRoundFunction
{
    /// <summary>Width of input, hidden and output (bits).</summary>
    public const int Width = 64;

    private readonly short[] _t1;   // [16 nibbles][16 values][64 rows]
    private readonly short[] _t2;
    private readonly sbyte[] _v1;   // [8 row groups][16 quads][8 rows][4 inputs]: the VNNI operand layout
    private readonly sbyte[] _v2;
    private readonly int[] _c1;     // b_j − Σ_i W[j,i]
    private readonly int[] _c2;

    /// <summary>Builds the tables from int8 weights (row-major [out, in] = [64, 64]) and int16 biases.</summary>
    public QuantizedRoundFunction(sbyte[] w1, short[] b1, sbyte[] w2, short[] b2)
    {
        if (w1.Length != Width * Width || w2.Length != Width * Width || b1.Length != Width || b2.Length != Width)
            throw new ArgumentException("A round function needs two 64×64 int8 weight matrices and two 64-entry int16 biases.");
        if (b1.Concat(b2).Any(b => Math.Abs((int)b) > 8000)) throw new ArgumentException("Round-function biases must lie in ±8000.");
        W1 = (sbyte[])w1.Clone(); W2 = (sbyte[])w2.Clone(); B1 = (short[])b1.Clone(); B2 = (short[])b2.Clone();
        _t1 = Tables(W1, B1);
        _t2 = Tables(W2, B2);
        (_v1, _c1) = VnniLayout(W1, B1);
        (_v2, _c2) = VnniLayout(W2, B2);
    }

    /// <summary>The weights in <c>vpdpbusd</c> order (group g, quad q, lane ℓ = row 8g + ℓ, byte k = input 4q + k) and c_j = b_j − Σ_i W[j,i].</summary>
    private static (sbyte[] V, int[] C) VnniLayout(sbyte[] w, short[] b)
    {
        var v = new sbyte[Width * Width];
        var c = new int[Width];
        for (int row = 0; row < Width; row++)
        {
            int g = row / 8, lane = row % 8, sum = 0;
            for (int i = 0; i < Width; i++)
            {
                v[((g * 16 + i / 4) * 8 + lane) * 4 + i % 4] = w[row * Width + i];
                sum += w[row * Width + i];
            }
            c[row] = b[row] - sum;
        }
        return (v, c);
    }

    /// <summary>First-layer weights [64 hidden × 64 in].</summary>
    public sbyte[] W1 { get; }
    /// <summary>First-layer biases.</summary>
    public short[] B1 { get; }
    /// <summary>Second-layer weights [64 out × 64 hidden].</summary>
    public sbyte[] W2 { get; }
    /// <summary>Second-layer biases.</summary>
    public short[] B2 { get; }

    /// <summary>
    /// Partial-sum tables: entry [q][v][row] = Σ over the 4 bits i of nibble q of W[row, 4q+i]·(2·bit_i(v) − 1), and the
    /// bias is folded into nibble 0 so the sum of the 16 looked-up vectors is exactly the accumulator.
    /// </summary>
    private static short[] Tables(sbyte[] w, short[] b)
    {
        var t = new short[16 * 16 * Width];
        for (int q = 0; q < 16; q++)
            for (int v = 0; v < 16; v++)
                for (int row = 0; row < Width; row++)
                {
                    int s = q == 0 ? b[row] : 0;
                    for (int i = 0; i < 4; i++) s += w[row * Width + 4 * q + i] * (((v >> i) & 1) * 2 - 1);
                    t[(q * 16 + v) * Width + row] = (short)s;
                }
        return t;
    }

    /// <summary>y = F(x) in constant time (AVX-VNNI where available, else the portable masked sums).</summary>
    public ulong Evaluate(ulong x) => AvxVnni.IsSupported
        ? LayerVnni(_v2, _c2, LayerVnni(_v1, _c1, x))
        : LayerMasked(W2, _c2, LayerMasked(W1, _c1, x));

    /// <summary>y = F(x) in constant time without AVX-VNNI (the fallback of <see cref="Evaluate"/>; for tests on any CPU).</summary>
    public ulong EvaluatePortable(ulong x) => LayerMasked(W2, _c2, LayerMasked(W1, _c1, x));

    /// <summary>y = F(x) by the nibble tables (SIMD where available): secret-dependent table addresses, not constant time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong EvaluateTables(ulong x) => Layer(_t2, Layer(_t1, x));

    /// <summary>
    /// One layer by AVX-VNNI: for each quad q of inputs, the four bits (x ≫ 4q) &amp; 15 spread to the bytes of a 32-bit word
    /// by n·0x204081 &amp; 0x01010101 (no carries: the shifted copies occupy disjoint bits), broadcast, and multiplied into eight
    /// accumulators of eight rows each. Fixed addresses, no branches.
    /// </summary>
    private static ulong LayerVnni(sbyte[] v, int[] c, ulong x)
    {
        ref sbyte w0 = ref MemoryMarshal.GetArrayDataReference(v);
        // two accumulators per row group (even and odd quads): sixteen dependency chains of eight instead of eight of sixteen
        Vector256<int> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
        Vector256<int> b0 = default, b1 = default, b2 = default, b3 = default, b4 = default, b5 = default, b6 = default, b7 = default;
        for (int q = 0; q < 16; q += 2)
        {
            var xa = Vector256.Create((int)(((uint)(x >> (4 * q)) & 15u) * 0x204081u & 0x01010101u)).AsByte();
            var xb = Vector256.Create((int)(((uint)(x >> (4 * q + 4)) & 15u) * 0x204081u & 0x01010101u)).AsByte();
            nuint o = (nuint)(q * 32);
            a0 = AvxVnni.MultiplyWideningAndAdd(a0, xa, Vector256.LoadUnsafe(ref w0, o));
            b0 = AvxVnni.MultiplyWideningAndAdd(b0, xb, Vector256.LoadUnsafe(ref w0, o + 32));
            a1 = AvxVnni.MultiplyWideningAndAdd(a1, xa, Vector256.LoadUnsafe(ref w0, o + 512));
            b1 = AvxVnni.MultiplyWideningAndAdd(b1, xb, Vector256.LoadUnsafe(ref w0, o + 544));
            a2 = AvxVnni.MultiplyWideningAndAdd(a2, xa, Vector256.LoadUnsafe(ref w0, o + 1024));
            b2 = AvxVnni.MultiplyWideningAndAdd(b2, xb, Vector256.LoadUnsafe(ref w0, o + 1056));
            a3 = AvxVnni.MultiplyWideningAndAdd(a3, xa, Vector256.LoadUnsafe(ref w0, o + 1536));
            b3 = AvxVnni.MultiplyWideningAndAdd(b3, xb, Vector256.LoadUnsafe(ref w0, o + 1568));
            a4 = AvxVnni.MultiplyWideningAndAdd(a4, xa, Vector256.LoadUnsafe(ref w0, o + 2048));
            b4 = AvxVnni.MultiplyWideningAndAdd(b4, xb, Vector256.LoadUnsafe(ref w0, o + 2080));
            a5 = AvxVnni.MultiplyWideningAndAdd(a5, xa, Vector256.LoadUnsafe(ref w0, o + 2560));
            b5 = AvxVnni.MultiplyWideningAndAdd(b5, xb, Vector256.LoadUnsafe(ref w0, o + 2592));
            a6 = AvxVnni.MultiplyWideningAndAdd(a6, xa, Vector256.LoadUnsafe(ref w0, o + 3072));
            b6 = AvxVnni.MultiplyWideningAndAdd(b6, xb, Vector256.LoadUnsafe(ref w0, o + 3104));
            a7 = AvxVnni.MultiplyWideningAndAdd(a7, xa, Vector256.LoadUnsafe(ref w0, o + 3584));
            b7 = AvxVnni.MultiplyWideningAndAdd(b7, xb, Vector256.LoadUnsafe(ref w0, o + 3616));
        }
        ref int c0 = ref MemoryMarshal.GetArrayDataReference(c);
        return Signs(a0 + b0, ref c0, 0) | Signs(a1 + b1, ref c0, 8) | Signs(a2 + b2, ref c0, 16) | Signs(a3 + b3, ref c0, 24)
             | Signs(a4 + b4, ref c0, 32) | Signs(a5 + b5, ref c0, 40) | Signs(a6 + b6, ref c0, 48) | Signs(a7 + b7, ref c0, 56);
    }

    /// <summary>Bits [2a + c &gt; 0] of rows <paramref name="row"/>…+7, shifted into place.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Signs(Vector256<int> a, ref int c0, int row) =>
        (ulong)Vector256.GreaterThan(a + a + Vector256.LoadUnsafe(ref c0, (nuint)row), Vector256<int>.Zero).ExtractMostSignificantBits() << row;

    /// <summary>One layer without SIMD, in constant time: acc_j = c_j + 2 Σ_i (W[j,i] &amp; −x_i); sign by shifting, no branch.</summary>
    private static ulong LayerMasked(sbyte[] w, int[] c, ulong x)
    {
        ulong y = 0;
        for (int row = 0; row < Width; row++)
        {
            int acc = c[row];
            for (int i = 0; i < Width; i++) acc += 2 * (w[row * Width + i] & -(int)((x >> i) & 1));
            y |= (ulong)((uint)(-acc) >> 31) << row;   // 1 exactly when acc > 0 (|acc| < 2³¹)
        }
        return y;
    }

    /// <summary>y = F(x) by the defining integer sums, one multiply at a time (the reference the tables are tested against).</summary>
    public ulong EvaluateReference(ulong x)
    {
        ulong h = 0, y = 0;
        for (int j = 0; j < Width; j++)
        {
            int acc = B1[j];
            for (int i = 0; i < Width; i++) acc += W1[j * Width + i] * ((int)((x >> i) & 1) * 2 - 1);
            if (acc > 0) h |= 1UL << j;
        }
        for (int o = 0; o < Width; o++)
        {
            int acc = B2[o];
            for (int j = 0; j < Width; j++) acc += W2[o * Width + j] * ((int)((h >> j) & 1) * 2 - 1);
            if (acc > 0) y |= 1UL << o;
        }
        return y;
    }

    private static ulong Layer(short[] t, ulong x)
    {
        ref short t0 = ref t[0];
        if (Vector512.IsHardwareAccelerated)
        {
            Vector512<short> a = Vector512<short>.Zero, b = Vector512<short>.Zero;
            for (int q = 0; q < 16; q++)
            {
                int off = (q * 16 + (int)((x >> (4 * q)) & 15)) * Width;
                a += Vector512.LoadUnsafe(ref t0, (nuint)off);
                b += Vector512.LoadUnsafe(ref t0, (nuint)(off + 32));
            }
            ulong lo = Vector512.GreaterThan(a, Vector512<short>.Zero).ExtractMostSignificantBits();
            ulong hi = Vector512.GreaterThan(b, Vector512<short>.Zero).ExtractMostSignificantBits();
            return lo | (hi << 32);
        }
        if (Vector256.IsHardwareAccelerated)
        {
            Vector256<short> a = default, b = default, c = default, d = default;
            for (int q = 0; q < 16; q++)
            {
                int off = (q * 16 + (int)((x >> (4 * q)) & 15)) * Width;
                a += Vector256.LoadUnsafe(ref t0, (nuint)off);
                b += Vector256.LoadUnsafe(ref t0, (nuint)(off + 16));
                c += Vector256.LoadUnsafe(ref t0, (nuint)(off + 32));
                d += Vector256.LoadUnsafe(ref t0, (nuint)(off + 48));
            }
            ulong r = Vector256.GreaterThan(a, Vector256<short>.Zero).ExtractMostSignificantBits();
            r |= (ulong)Vector256.GreaterThan(b, Vector256<short>.Zero).ExtractMostSignificantBits() << 16;
            r |= (ulong)Vector256.GreaterThan(c, Vector256<short>.Zero).ExtractMostSignificantBits() << 32;
            r |= (ulong)Vector256.GreaterThan(d, Vector256<short>.Zero).ExtractMostSignificantBits() << 48;
            return r;
        }
        return LayerScalar(t, x);
    }

    /// <summary>The table evaluation without SIMD (also the fallback).</summary>
    internal static ulong LayerScalar(short[] t, ulong x)
    {
        Span<int> acc = stackalloc int[Width];
        for (int q = 0; q < 16; q++)
        {
            int off = (q * 16 + (int)((x >> (4 * q)) & 15)) * Width;
            for (int r = 0; r < Width; r++) acc[r] += t[off + r];
        }
        ulong y = 0;
        for (int r = 0; r < Width; r++) if (acc[r] > 0) y |= 1UL << r;
        return y;
    }

    /// <summary>y = F(x) with the scalar table path (for tests of the SIMD table path).</summary>
    public ulong EvaluateScalar(ulong x) => LayerScalar(_t2, LayerScalar(_t1, x));
}
