using Basin.Obfuscation.Transform;

namespace Basin.Obfuscation.Tests;

/// <summary>Shared helpers: random rows and small keys that train in well under a second.</summary>
internal static class TestData
{
    public static double[] RandomRows(Random r, int n, int d, double scale, double shift = 0)
    {
        var x = new double[n * d];
        for (int i = 0; i < x.Length; i++) x[i] = shift + scale * (r.NextDouble() * 2 - 1);
        return x;
    }

    public static byte[] Secret(int seed)
    {
        var s = new byte[32];
        new Random(seed).NextBytes(s);
        return s;
    }

    /// <summary>A key with a small coupling network and a short data-free training run.</summary>
    public static ObfuscationKey SmallKey(int d, double geometry = 1, int seed = 1, int steps = 10, int block = 8, double center = 0, double scale = 1) =>
        ObfuscationKey.Generate(d, geometry, center, scale, new CouplingOptions(Block: block, Hidden: 8, CouplingLayers: 2, TrainSteps: steps, Batch: 16), Secret(seed));

    public static double MaxRelativeError(double[] x, double[] y, int n, int d) =>
        Basin.Obfuscation.Evaluation.RecoveryError.Relative(x, y, n, d).Max();
}
