using Basin.Dfsa.Art;

namespace Basin.Dfsa.Tests.Art;

public class ArtDiversityTests
{
    [Fact]
    public void RepeatsScoreZeroAndBlackVersusWhiteScoresOne()
    {
        var black = new float[8 * 8 * 3];
        var white = Enumerable.Repeat(1f, 8 * 8 * 3).ToArray();
        var same = ArtDiversityResult.Measure([black, black], 8);
        Assert.Equal((0.0, 0.0, 0.0), (same.PixelDistance, same.HistogramDistance, same.Detail));
        var apart = ArtDiversityResult.Measure([black, white], 8);
        Assert.Equal(1, apart.PixelDistance, 12);
        Assert.Equal(1, apart.HistogramDistance, 12);
    }

    [Fact]
    public void StripesHaveDetail()
    {
        var stripes = Enumerable.Range(0, 8 * 8 * 3).Select(i => (float)(i / 3 % 2)).ToArray();
        Assert.Equal(0.5, ArtDiversityResult.Measure([stripes, stripes], 8).Detail, 12);
    }

    [Fact]
    public void RichModelRendersAreReproducibleAndDiffer()
    {
        var o = new ArtOptions { Model = ArtModel.Rich, Steps = 3, Hidden = 8, Layers = 3 };
        var a = ArtGenerator.Render(ArtGenerator.Train(1, o).Network, 16, 16);
        Assert.Equal(a, ArtGenerator.Render(ArtGenerator.Train(1, o).Network, 16, 16));
        var b = ArtGenerator.Render(ArtGenerator.Train(2, o).Network, 16, 16);
        Assert.True(ArtDiversityResult.Measure([a, b], 16).PixelDistance > 0.01);
    }
}
