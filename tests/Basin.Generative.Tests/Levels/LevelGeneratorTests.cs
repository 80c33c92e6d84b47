using Basin.Generative.Levels;

namespace Basin.Generative.Tests.Levels;

public class LevelGeneratorTests
{
    [Theory]
    [InlineData(EntropyLevel.Low)]
    [InlineData(EntropyLevel.High)]
    public void EveryGeneratedLevelHasAPathFromStartToExit(EntropyLevel level)
    {
        for (ulong s = 1; s <= 4; s++)
        {
            var l = LevelGenerator.Generate(new LevelOptions(s, 24, 14, level, Steps: 1, WallFraction: 0.55));
            Assert.NotNull(l.Path);
            Assert.NotNull(l.CheckPath());
            Assert.Equal(Tile.Start, l.Tiles[l.Path![0]]);
            Assert.Equal(Tile.Exit, l.Tiles[l.Path[^1]]);
            Assert.All(l.Path, i => Assert.True(Level.Passable(l.Tiles[i])));
        }
    }

    [Fact]
    public void SameSeedSameLevelAndJsonRows()
    {
        var o = new LevelOptions(9, 20, 12, Steps: 2);
        var a = LevelGenerator.Generate(o);
        Assert.Equal(a.Tiles, LevelGenerator.Generate(o).Tiles);
        var json = a.ToJson(9, "low");
        Assert.Equal(12, json["rows"]!.AsArray().Count);
        Assert.True(json["path_found"]!.GetValue<bool>());
        Assert.All(a.Rows, r => Assert.Equal(20, r.Length));
        Assert.Equal(new string('#', 20), a.Rows.First());
    }

    [Fact]
    public void DrawPaintsOneColourPerTileAndDotsOnThePath()
    {
        var l = LevelGenerator.Generate(new LevelOptions(9, 20, 12, Steps: 2));
        var px = l.Draw();
        const int t = Level.TileSize;
        Assert.Equal(20 * t * 12 * t, px.Length);
        Assert.Equal(Basin.Plotting.Rgba32.FromHex("#3b3b48"), px[0]);
        Assert.Equal(px, l.Draw());
        var dot = Basin.Plotting.Rgba32.FromHex("#7048e8");
        int p = l.Path![l.Path.Count / 2];
        Assert.Equal(dot, px[((p / 20 * t) + (t / 2)) * 20 * t + (p % 20 * t) + (t / 2)]);
    }
}
