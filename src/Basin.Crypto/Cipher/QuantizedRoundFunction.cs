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
/// <see cref="Evaluate(ulong)"/> is constant time: its memory accesses and branches depend on neither key nor data. With
/// s = 2x − 1 for x ∈ {0, 1}⁶⁴, each accumulator is c_j + 2 Σ_i W[j,i] x_i with c_j = b_j − Σ_i W[j,i]; the sums are
/// formed by one of the paths of <see cref="RoundFunctionPath"/> — unsigned-byte × signed-byte dot products
/// (<c>vpdpbusd</c> on AVX-VNNI, <c>vpmaddubsw</c> on AVX-512BW or AVX2) whose byte operand holds the input bits spread to
/// bytes by a multiplication and whose weight operand is loaded from fixed addresses, or bit-plane population counts, or
/// masked scalar additions — all tested equal to the defining sums. <see cref="Evaluate4(ref ulong, ref ulong, ref ulong, ref ulong)"/> evaluates four independent
/// inputs in one pass over the weights (counter mode's blocks are independent). <see cref="EvaluateTables"/> keeps the
/// earlier nibble-table evaluation (for each of the 16 nibbles of the input and each of its 16 values, the partial sums of
/// all 64 rows): its table addresses depend on the secret input, a cache-timing channel (dudect sees it).
/// </para>
/// </summary>
public sealed class QuantizedRoundFunction
{
    /// <summary>Width of input, hidden and output (bits).</summary>
    public const int Width = 64;

    private readonly short[] _t1;   // [16 nibbles][16 values][64 rows]
    private readonly short[] _t2;
    private readonly sbyte[] _v1;   // [8 row groups][16 quads][8 rows][4 inputs]: 256-bit operand layout (AVX-VNNI, AVX2)
    private readonly sbyte[] _v2;
    private readonly sbyte[] _z1;   // [4 row groups][16 quads][16 rows][4 inputs]: 512-bit operand layout (AVX-512BW)
    private readonly sbyte[] _z2;
    private readonly ulong[] _p1;   // [8 bit planes][64 rows]
    private readonly ulong[] _p2;
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
        (_v1, _v2) = (RoundFunctionKernels.QuadLayout(W1, 8), RoundFunctionKernels.QuadLayout(W2, 8));
        (_z1, _z2) = (RoundFunctionKernels.QuadLayout(W1, 16), RoundFunctionKernels.QuadLayout(W2, 16));
        (_p1, _p2) = (RoundFunctionKernels.BitPlanes(W1), RoundFunctionKernels.BitPlanes(W2));
        (_c1, _c2) = (Offsets(W1, B1), Offsets(W2, B2));
    }

    /// <summary>c_j = b_j − Σ_i W[j,i], so that the accumulator of row j is c_j + 2 Σ_i W[j,i] x_i for s = 2x − 1.</summary>
    private static int[] Offsets(sbyte[] w, short[] b)
    {
        var c = new int[Width];
        for (int row = 0; row < Width; row++)
        {
            int sum = 0;
            for (int i = 0; i < Width; i++) sum += w[row * Width + i];
            c[row] = b[row] - sum;
        }
        return c;
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

    /// <summary>y = F(x) in constant time, by <see cref="RoundFunctionPaths.Deployed"/> (a process-wide constant, so the JIT keeps one branch).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong Evaluate(ulong x) => Evaluate(x, RoundFunctionPaths.Deployed);

    /// <summary>y = F(x) in constant time by the given path (for tests and measurements of each path).</summary>
    /// <exception cref="PlatformNotSupportedException">This CPU lacks the instructions of <paramref name="path"/>.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong Evaluate(ulong x, RoundFunctionPath path) => path switch
    {
        RoundFunctionPath.Avx512BW when Avx512BW.IsSupported => RoundFunctionKernels.Avx512Madd(_z2, _c2, RoundFunctionKernels.Avx512Madd(_z1, _c1, x)),
        RoundFunctionPath.AvxVnni256 when AvxVnni.IsSupported => RoundFunctionKernels.Vnni256(_v2, _c2, RoundFunctionKernels.Vnni256(_v1, _c1, x)),
        RoundFunctionPath.Avx2 when Avx2.IsSupported => RoundFunctionKernels.Avx2Madd(_v2, _c2, RoundFunctionKernels.Avx2Madd(_v1, _c1, x)),
        RoundFunctionPath.BitPlane => RoundFunctionKernels.BitPlane(_p2, _c2, RoundFunctionKernels.BitPlane(_p1, _c1, x)),
        RoundFunctionPath.Portable => EvaluatePortable(x),
        _ => throw new PlatformNotSupportedException($"This CPU cannot run the {RoundFunctionPaths.Name(path)} round-function path."),
    };

    /// <summary>
    /// Four independent evaluations at once, in place (x_b ← F(x_b)), by the deployed path: on AVX-512BW one pass over the
    /// weights serves all four inputs; elsewhere four calls of <see cref="Evaluate(ulong)"/>. Constant time like them.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Evaluate4(ref ulong x0, ref ulong x1, ref ulong x2, ref ulong x3) => Evaluate4(ref x0, ref x1, ref x2, ref x3, RoundFunctionPaths.Deployed);

    /// <summary>Four independent evaluations at once by the given path (AVX-512BW batched; any other path one call per input).</summary>
    public void Evaluate4(ref ulong x0, ref ulong x1, ref ulong x2, ref ulong x3, RoundFunctionPath path)
    {
        if (path == RoundFunctionPath.Avx512BW && Avx512BW.IsSupported)
        {
            RoundFunctionKernels.Avx512Madd4(_z1, _c1, ref x0, ref x1, ref x2, ref x3);
            RoundFunctionKernels.Avx512Madd4(_z2, _c2, ref x0, ref x1, ref x2, ref x3);
            return;
        }
        x0 = Evaluate(x0, path); x1 = Evaluate(x1, path); x2 = Evaluate(x2, path); x3 = Evaluate(x3, path);
    }

    /// <summary>y = F(x) in constant time by scalar masked additions (<see cref="RoundFunctionPath.Portable"/>; any CPU).</summary>
    public ulong EvaluatePortable(ulong x) => RoundFunctionKernels.Masked(W2, _c2, RoundFunctionKernels.Masked(W1, _c1, x));

    /// <summary>y = F(x) by the nibble tables (SIMD where available): secret-dependent table addresses, not constant time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong EvaluateTables(ulong x) => Layer(_t2, Layer(_t1, x));

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
