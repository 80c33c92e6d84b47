using Basin.Generative.Imaging;
using Basin.Generative.Terrain;

namespace Basin.Generative.Tests.Terrain;

public class TerrainGeneratorTests
{
    [Fact]
    public void TileableTerrainJoinsAtItsEdgesAndIsReproducible()
    {
        var o = new TerrainOptions(7, Size: 48, Level: EntropyLevel.High, Tileable: true, Steps: 2);
        var t = TerrainGenerator.Generate(o);
        Assert.True(t.SeamRatio < 1.6, $"seam ratio {t.SeamRatio}");
        Assert.Equal(TerrainGenerator.HeightmapPng(t), TerrainGenerator.HeightmapPng(TerrainGenerator.Generate(o)));
        var (h16, w, _) = Png16Encoder.Decode(TerrainGenerator.HeightmapPng(t));
        Assert.Equal(48, w);
        Assert.Equal(65535, h16.Max());
        Assert.Equal(0, h16.Min());
        Assert.Equal(48 * 48, TerrainGenerator.Preview(t).Length);
    }

    [Fact]
    public void MeasuresTellWhiteNoiseFromASmoothRamp()
    {
        const int n = 64;
        var rng = new Rng(1);
        var noise = Enumerable.Range(0, n * n).Select(_ => rng.NextSingle()).ToArray();
        var wave = Enumerable.Range(0, n * n).Select(i => (float)(0.5 + 0.5 * Math.Sin(2 * Math.PI * (i % n) / n) * Math.Cos(2 * Math.PI * (i / n) / n))).ToArray();
        var a = TerrainGenerator.Measure(noise, n);
        var b = TerrainGenerator.Measure(wave, n);
        Assert.InRange(a.Hurst, -0.1, 0.1);
        Assert.True(b.Hurst > 0.8, $"smooth surface H = {b.Hurst}");
        Assert.True(a.Roughness > 5 * b.Roughness);
        Assert.InRange(b.SeamRatio, 0.5, 1.5);
    }
}
