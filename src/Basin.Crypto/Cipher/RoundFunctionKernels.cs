using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Basin.Crypto.Cipher;

/// <summary>
/// The constant-time layer kernels of <see cref="QuantizedRoundFunction"/>: y_j = [c_j + 2 Σ_i W[j,i] x_i &gt; 0] for 64 rows
/// and 64 input bits x, c_j = b_j − Σ_i W[j,i]. Each reads its weights from fixed addresses in a fixed order and has no
/// branch on x, W or c; see <see cref="RoundFunctionPath"/> for the arithmetic of each.
/// </summary>
internal static class RoundFunctionKernels
{
    private const int Width = QuantizedRoundFunction.Width;

    /// <summary>
    /// The four bits (x ≫ 4q) ∧ 15 spread to the four bytes of a word: n·0x204081 places copies of n at bits 0, 7, 14, 21, so
    /// bit k of n lands on bit 8k (k ≤ 3) and the mask 0x01010101 keeps exactly those; no carries (the copies are disjoint).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int Spread(ulong x, int q) => (int)(((uint)(x >> (4 * q)) & 15u) * 0x204081u & 0x01010101u);

    /// <summary>The weights in the 32-bit-lane order of a vector of <paramref name="rows"/> lanes: group g, quad q, lane ℓ = row g·rows + ℓ, byte k = input 4q + k.</summary>
    internal static sbyte[] QuadLayout(sbyte[] w, int rows)
    {
        var v = new sbyte[Width * Width];
        for (int row = 0; row < Width; row++)
            for (int i = 0; i < Width; i++)
                v[(((row / rows) * 16 + i / 4) * rows + row % rows) * 4 + i % 4] = w[row * Width + i];
        return v;
    }

    /// <summary>Bit planes: entry [k·64 + j] has bit i set exactly when bit k of the two's-complement byte W[j,i] is set.</summary>
    internal static ulong[] BitPlanes(sbyte[] w)
    {
        var p = new ulong[8 * Width];
        for (int row = 0; row < Width; row++)
            for (int i = 0; i < Width; i++)
                for (int k = 0; k < 8; k++)
                    p[k * Width + row] |= (ulong)((((byte)w[row * Width + i]) >> k) & 1) << i;
        return p;
    }

    /// <summary>Portable: acc_j = c_j + 2 Σ_i (W[j,i] ∧ −x_i); the sign by a shift, no branch.</summary>
    internal static ulong Masked(sbyte[] w, int[] c, ulong x)
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

    /// <summary>Bit planes: Σ_i W[j,i] x_i = Σ_{k&lt;7} 2^k popcount(w_k[j] ∧ x) − 2⁷ popcount(w_7[j] ∧ x).</summary>
    internal static ulong BitPlane(ulong[] planes, int[] c, ulong x)
    {
        ref ulong p = ref MemoryMarshal.GetArrayDataReference(planes);
        ref int c0 = ref MemoryMarshal.GetArrayDataReference(c);
        ulong y = 0;
        for (int row = 0; row < Width; row++)
        {
            int s = BitOperations.PopCount(Unsafe.Add(ref p, row) & x)
                  + (BitOperations.PopCount(Unsafe.Add(ref p, Width + row) & x) << 1)
                  + (BitOperations.PopCount(Unsafe.Add(ref p, 2 * Width + row) & x) << 2)
                  + (BitOperations.PopCount(Unsafe.Add(ref p, 3 * Width + row) & x) << 3)
                  + (BitOperations.PopCount(Unsafe.Add(ref p, 4 * Width + row) & x) << 4)
                  + (BitOperations.PopCount(Unsafe.Add(ref p, 5 * Width + row) & x) << 5)
                  + (BitOperations.PopCount(Unsafe.Add(ref p, 6 * Width + row) & x) << 6)
                  - (BitOperations.PopCount(Unsafe.Add(ref p, 7 * Width + row) & x) << 7);
            int acc = Unsafe.Add(ref c0, row) + 2 * s;
            y |= (ulong)((uint)(-acc) >> 31) << row;
        }
        return y;
    }

    /// <summary>
    /// AVX-VNNI, 256-bit: for each quad q the spread bits broadcast and multiplied into eight accumulators of eight rows
    /// (<c>vpdpbusd</c>, layout <see cref="QuadLayout"/> with 8 rows); two chains per group (even and odd quads).
    /// </summary>
    internal static ulong Vnni256(sbyte[] v, int[] c, ulong x)
    {
        ref sbyte w0 = ref MemoryMarshal.GetArrayDataReference(v);
        Vector256<int> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
        Vector256<int> b0 = default, b1 = default, b2 = default, b3 = default, b4 = default, b5 = default, b6 = default, b7 = default;
        for (int q = 0; q < 16; q += 2)
        {
            var xa = Vector256.Create(Spread(x, q)).AsByte();
            var xb = Vector256.Create(Spread(x, q + 1)).AsByte();
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

    /// <summary>
    /// AVX2, 256-bit: <c>vpmaddubsw</c> gives per row two int16 pair sums of the quad; they are accumulated over the 16
    /// quads in int16 (each word sums 16 pairs, |·| ≤ 16·2·128 = 4 096) and folded into one int32 per row by <c>vpmaddwd</c>
    /// with ones. Same layout as <see cref="Vnni256"/>.
    /// </summary>
    internal static ulong Avx2Madd(sbyte[] v, int[] c, ulong x)
    {
        ref sbyte w0 = ref MemoryMarshal.GetArrayDataReference(v);
        Vector256<short> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
        for (int q = 0; q < 16; q++)
        {
            var xq = Vector256.Create(Spread(x, q)).AsByte();
            nuint o = (nuint)(q * 32);
            a0 += Avx2.MultiplyAddAdjacent(xq, Vector256.LoadUnsafe(ref w0, o));
            a1 += Avx2.MultiplyAddAdjacent(xq, Vector256.LoadUnsafe(ref w0, o + 512));
            a2 += Avx2.MultiplyAddAdjacent(xq, Vector256.LoadUnsafe(ref w0, o + 1024));
            a3 += Avx2.MultiplyAddAdjacent(xq, Vector256.LoadUnsafe(ref w0, o + 1536));
            a4 += Avx2.MultiplyAddAdjacent(xq, Vector256.LoadUnsafe(ref w0, o + 2048));
            a5 += Avx2.MultiplyAddAdjacent(xq, Vector256.LoadUnsafe(ref w0, o + 2560));
            a6 += Avx2.MultiplyAddAdjacent(xq, Vector256.LoadUnsafe(ref w0, o + 3072));
            a7 += Avx2.MultiplyAddAdjacent(xq, Vector256.LoadUnsafe(ref w0, o + 3584));
        }
        ref int c0 = ref MemoryMarshal.GetArrayDataReference(c);
        var one = Vector256.Create((short)1);
        return Signs(Avx2.MultiplyAddAdjacent(a0, one), ref c0, 0) | Signs(Avx2.MultiplyAddAdjacent(a1, one), ref c0, 8)
             | Signs(Avx2.MultiplyAddAdjacent(a2, one), ref c0, 16) | Signs(Avx2.MultiplyAddAdjacent(a3, one), ref c0, 24)
             | Signs(Avx2.MultiplyAddAdjacent(a4, one), ref c0, 32) | Signs(Avx2.MultiplyAddAdjacent(a5, one), ref c0, 40)
             | Signs(Avx2.MultiplyAddAdjacent(a6, one), ref c0, 48) | Signs(Avx2.MultiplyAddAdjacent(a7, one), ref c0, 56);
    }

    /// <summary>
    /// AVX-512BW: as <see cref="Avx2Madd"/> with 16 rows per vector (layout <see cref="QuadLayout"/> with 16 rows): 64
    /// <c>vpmaddubsw</c> and 64 <c>vpaddw</c> per layer, in two chains per group.
    /// </summary>
    internal static ulong Avx512Madd(sbyte[] z, int[] c, ulong x)
    {
        ref sbyte w0 = ref MemoryMarshal.GetArrayDataReference(z);
        Vector512<short> a0 = default, a1 = default, a2 = default, a3 = default, b0 = default, b1 = default, b2 = default, b3 = default;
        for (int q = 0; q < 16; q += 2)
        {
            var xa = Vector512.Create(Spread(x, q)).AsByte();
            var xb = Vector512.Create(Spread(x, q + 1)).AsByte();
            nuint o = (nuint)(q * 64);
            a0 += Avx512BW.MultiplyAddAdjacent(xa, Vector512.LoadUnsafe(ref w0, o));
            b0 += Avx512BW.MultiplyAddAdjacent(xb, Vector512.LoadUnsafe(ref w0, o + 64));
            a1 += Avx512BW.MultiplyAddAdjacent(xa, Vector512.LoadUnsafe(ref w0, o + 1024));
            b1 += Avx512BW.MultiplyAddAdjacent(xb, Vector512.LoadUnsafe(ref w0, o + 1088));
            a2 += Avx512BW.MultiplyAddAdjacent(xa, Vector512.LoadUnsafe(ref w0, o + 2048));
            b2 += Avx512BW.MultiplyAddAdjacent(xb, Vector512.LoadUnsafe(ref w0, o + 2112));
            a3 += Avx512BW.MultiplyAddAdjacent(xa, Vector512.LoadUnsafe(ref w0, o + 3072));
            b3 += Avx512BW.MultiplyAddAdjacent(xb, Vector512.LoadUnsafe(ref w0, o + 3136));
        }
        ref int c0 = ref MemoryMarshal.GetArrayDataReference(c);
        var one = Vector512.Create((short)1);
        return Signs(Avx512BW.MultiplyAddAdjacent(a0 + b0, one), ref c0, 0) | Signs(Avx512BW.MultiplyAddAdjacent(a1 + b1, one), ref c0, 16)
             | Signs(Avx512BW.MultiplyAddAdjacent(a2 + b2, one), ref c0, 32) | Signs(Avx512BW.MultiplyAddAdjacent(a3 + b3, one), ref c0, 48);
    }

    /// <summary>
    /// AVX-512BW on four independent inputs at once: each weight vector is loaded once and used for four blocks, sixteen
    /// accumulator chains run side by side (instruction-level parallelism; 21 of the 32 vector registers).
    /// </summary>
    internal static void Avx512Madd4(sbyte[] z, int[] c, ref ulong x0, ref ulong x1, ref ulong x2, ref ulong x3)
    {
        ref sbyte w0 = ref MemoryMarshal.GetArrayDataReference(z);
        Vector512<short> a00 = default, a01 = default, a02 = default, a03 = default, a10 = default, a11 = default, a12 = default, a13 = default;
        Vector512<short> a20 = default, a21 = default, a22 = default, a23 = default, a30 = default, a31 = default, a32 = default, a33 = default;
        ulong u0 = x0, u1 = x1, u2 = x2, u3 = x3;
        for (int q = 0; q < 16; q++)
        {
            var s0 = Vector512.Create(Spread(u0, q)).AsByte();
            var s1 = Vector512.Create(Spread(u1, q)).AsByte();
            var s2 = Vector512.Create(Spread(u2, q)).AsByte();
            var s3 = Vector512.Create(Spread(u3, q)).AsByte();
            nuint o = (nuint)(q * 64);
            var w = Vector512.LoadUnsafe(ref w0, o);
            a00 += Avx512BW.MultiplyAddAdjacent(s0, w); a10 += Avx512BW.MultiplyAddAdjacent(s1, w);
            a20 += Avx512BW.MultiplyAddAdjacent(s2, w); a30 += Avx512BW.MultiplyAddAdjacent(s3, w);
            w = Vector512.LoadUnsafe(ref w0, o + 1024);
            a01 += Avx512BW.MultiplyAddAdjacent(s0, w); a11 += Avx512BW.MultiplyAddAdjacent(s1, w);
            a21 += Avx512BW.MultiplyAddAdjacent(s2, w); a31 += Avx512BW.MultiplyAddAdjacent(s3, w);
            w = Vector512.LoadUnsafe(ref w0, o + 2048);
            a02 += Avx512BW.MultiplyAddAdjacent(s0, w); a12 += Avx512BW.MultiplyAddAdjacent(s1, w);
            a22 += Avx512BW.MultiplyAddAdjacent(s2, w); a32 += Avx512BW.MultiplyAddAdjacent(s3, w);
            w = Vector512.LoadUnsafe(ref w0, o + 3072);
            a03 += Avx512BW.MultiplyAddAdjacent(s0, w); a13 += Avx512BW.MultiplyAddAdjacent(s1, w);
            a23 += Avx512BW.MultiplyAddAdjacent(s2, w); a33 += Avx512BW.MultiplyAddAdjacent(s3, w);
        }
        ref int c0 = ref MemoryMarshal.GetArrayDataReference(c);
        x0 = Fold4(a00, a01, a02, a03, ref c0);
        x1 = Fold4(a10, a11, a12, a13, ref c0);
        x2 = Fold4(a20, a21, a22, a23, ref c0);
        x3 = Fold4(a30, a31, a32, a33, ref c0);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Fold4(Vector512<short> g0, Vector512<short> g1, Vector512<short> g2, Vector512<short> g3, ref int c0)
    {
        var one = Vector512.Create((short)1);
        return Signs(Avx512BW.MultiplyAddAdjacent(g0, one), ref c0, 0) | Signs(Avx512BW.MultiplyAddAdjacent(g1, one), ref c0, 16)
             | Signs(Avx512BW.MultiplyAddAdjacent(g2, one), ref c0, 32) | Signs(Avx512BW.MultiplyAddAdjacent(g3, one), ref c0, 48);
    }

    /// <summary>Bits [2a + c &gt; 0] of rows <paramref name="row"/>…+7, shifted into place (a compare and a movemask).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Signs(Vector256<int> a, ref int c0, int row) =>
        (ulong)Vector256.GreaterThan(a + a + Vector256.LoadUnsafe(ref c0, (nuint)row), Vector256<int>.Zero).ExtractMostSignificantBits() << row;

    /// <summary>Bits [2a + c &gt; 0] of rows <paramref name="row"/>…+15, shifted into place.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Signs(Vector512<int> a, ref int c0, int row) =>
        Vector512.GreaterThan(a + a + Vector512.LoadUnsafe(ref c0, (nuint)row), Vector512<int>.Zero).ExtractMostSignificantBits() << row;
}
