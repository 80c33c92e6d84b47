using Basin.Generative.Levels;

namespace Basin.Generative.Tests.Levels;

public class PathCheckTests
{
    private static bool[] Map(params string[] rows) => [.. rows.SelectMany(r => r.Select(c => c != '#'))];

    [Fact]
    public void FindsTheShortestPathAroundWalls()
    {
        var m = Map("#######", "#..#..#", "#..#..#", "#.....#", "#######");
        var p = PathCheck.ShortestPath(7, 5, i => m[i], 1 * 7 + 1, 1 * 7 + 5);
        Assert.NotNull(p);
        Assert.Equal(9, p!.Count);
    }

    [Fact]
    public void FailsOnAWalledOffMapAndCarvesTheFewestTiles()
    {
        var m = Map("#######", "#..#..#", "#..#..#", "#..#..#", "#######");
        Assert.Null(PathCheck.ShortestPath(7, 5, i => m[i], 8, 12));
        var carve = PathCheck.CheapestCarve(7, 5, i => m[i], 8, 12);
        Assert.Single(carve);
        foreach (int i in carve) m[i] = true;
        Assert.NotNull(PathCheck.ShortestPath(7, 5, i => m[i], 8, 12));
    }
}
