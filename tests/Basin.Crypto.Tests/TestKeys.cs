using System.Security.Cryptography;
using Basin.Crypto.Cipher;
using Basin.Crypto.Keys;

namespace Basin.Crypto.Tests;

/// <summary>Keys for tests: random master secrets and untrained (initialisation-only) round functions, so no test trains.</summary>
internal static class TestKeys
{
    private static readonly QuantizedRoundFunction Untrained = RoundFunctionTrainer.Train(7, steps: 0);

    public static CipherKey Random(int rounds = 8) => new(RandomNumberGenerator.GetBytes(32), rounds, Untrained);

    public static QuantizedRoundFunction RandomFunction(Random rng)
    {
        var w1 = new sbyte[4096]; var w2 = new sbyte[4096];
        for (int i = 0; i < 4096; i++) { w1[i] = (sbyte)rng.Next(-127, 128); w2[i] = (sbyte)rng.Next(-127, 128); }
        var b1 = Enumerable.Range(0, 64).Select(_ => (short)rng.Next(-8000, 8001)).ToArray();
        var b2 = Enumerable.Range(0, 64).Select(_ => (short)rng.Next(-300, 301)).ToArray();
        return new QuantizedRoundFunction(w1, b1, w2, b2);
    }

    public static string VectorPath(string name) => Path.Combine(AppContext.BaseDirectory, "Vectors", name);
}
