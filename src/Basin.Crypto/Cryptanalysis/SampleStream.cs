namespace Basin.Crypto.Cryptanalysis;

/// <summary>
/// The seeded 64-bit generator of the cryptanalysis samples (SplitMix64, Steele, Lea &amp; Flood 2014): fast, reproducible
/// from its seed, and independent of the cipher under test. Not a cryptographic generator; it only draws test inputs.
/// </summary>
public struct SampleStream(ulong seed)
{
    private ulong _state = seed;

    /// <summary>The next uniformly distributed 64-bit word.</summary>
    public ulong Next()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A uniform integer in [0, n).</summary>
    public int NextInt(int n) => (int)(Next() % (ulong)n);
}
