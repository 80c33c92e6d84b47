using System.Numerics;
using System.Runtime.CompilerServices;

namespace Basin.Tensors;

/// <summary>
/// Deterministic, seedable pseudo-random generator: xoshiro256** (Blackman &amp; Vigna, 2018) seeded through
/// SplitMix64, so a seed gives the same stream on every machine and runtime. <see cref="Fork"/> derives
/// independent child streams (for parallel workers) from the parent state and a stream id.
/// Not a cryptographic generator: secrets use <c>System.Security.Cryptography.RandomNumberGenerator</c>.
/// </summary>
public sealed class Rng
{
    private ulong _s0, _s1, _s2, _s3;
    private double _spare;
    private bool _hasSpare;

    /// <summary>Creates a generator from a 64-bit seed.</summary>
    public Rng(ulong seed)
    {
        ulong x = seed;
        _s0 = SplitMix(ref x); _s1 = SplitMix(ref x); _s2 = SplitMix(ref x); _s3 = SplitMix(ref x);
    }

    /// <summary>The seed used to create it, or a fresh one from the OS when null.</summary>
    public static Rng Create(ulong? seed) => new(seed ?? (ulong)Random.Shared.NextInt64());

    /// <summary>An independent stream derived from this generator's current state and <paramref name="streamId"/>; this generator does not advance.</summary>
    public Rng Fork(ulong streamId)
    {
        ulong x = _s0 ^ RotL(_s2, 17) ^ (streamId * 0x9E3779B97F4A7C15UL) ^ 0xD1B54A32D192ED03UL;
        return new Rng(SplitMix(ref x) ^ _s3);
    }

    /// <summary>Next 64 uniformly random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextUInt64()
    {
        ulong result = RotL(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0; _s3 ^= _s1; _s1 ^= _s2; _s0 ^= _s3;
        _s2 ^= t; _s3 = RotL(_s3, 45);
        return result;
    }

    /// <summary>Uniform double on [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform float on [0, 1) with 24 random bits.</summary>
    public float NextSingle() => (NextUInt64() >> 40) * (1.0f / (1U << 24));

    /// <summary>Uniform integer on [0, n) without modulo bias (Lemire's method).</summary>
    public int NextInt(int n)
    {
        if (n <= 0) throw new ArgumentOutOfRangeException(nameof(n), "n must be positive.");
        ulong bound = (ulong)n;
        ulong threshold = (0UL - bound) % bound;
        while (true)
        {
            ulong r = NextUInt64();
            ulong hi = Math.BigMul(r, bound, out ulong lo);
            if (lo >= threshold) return (int)hi;
        }
    }

    /// <summary>Standard normal 𝒩(0,1) by the Marsaglia polar method.</summary>
    public double NextNormal()
    {
        if (_hasSpare) { _hasSpare = false; return _spare; }
        double u, v, s;
        do
        {
            u = 2 * NextDouble() - 1;
            v = 2 * NextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double m = Math.Sqrt(-2 * Math.Log(s) / s);
        _spare = v * m; _hasSpare = true;
        return u * m;
    }

    /// <summary>Fills with i.i.d. uniform values on [lo, hi).</summary>
    public void FillUniform<T>(Span<T> dst, T lo, T hi) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double a = double.CreateTruncating(lo), w = double.CreateTruncating(hi) - a;
        for (int i = 0; i < dst.Length; i++) dst[i] = T.CreateTruncating(a + w * NextDouble());
    }

    /// <summary>Fills with i.i.d. 𝒩(mean, std²) values.</summary>
    public void FillNormal<T>(Span<T> dst, T mean, T std) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double m = double.CreateTruncating(mean), s = double.CreateTruncating(std);
        for (int i = 0; i < dst.Length; i++) dst[i] = T.CreateTruncating(m + s * NextNormal());
    }

    /// <summary>In-place Fisher–Yates shuffle.</summary>
    public void Shuffle<TItem>(Span<TItem> items)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>A random permutation of 0..n−1.</summary>
    public int[] Permutation(int n)
    {
        var p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        Shuffle<int>(p);
        return p;
    }

    /// <summary>Captures the full generator state (for checkpoints).</summary>
    public ulong[] SaveState() => new[] { _s0, _s1, _s2, _s3, BitConverter.DoubleToUInt64Bits(_spare), _hasSpare ? 1UL : 0UL };

    /// <summary>Restores a state captured by <see cref="SaveState"/>.</summary>
    public void RestoreState(ReadOnlySpan<ulong> state)
    {
        if (state.Length != 6) throw new ArgumentException($"RNG state must have 6 words, got {state.Length}.", nameof(state));
        if ((state[0] | state[1] | state[2] | state[3]) == 0) throw new ArgumentException("RNG state is all zero (invalid for xoshiro256**).", nameof(state));
        _s0 = state[0]; _s1 = state[1]; _s2 = state[2]; _s3 = state[3];
        _spare = BitConverter.UInt64BitsToDouble(state[4]); _hasSpare = state[5] != 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong RotL(ulong x, int k) => (x << k) | (x >> (64 - k));

    private static ulong SplitMix(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
