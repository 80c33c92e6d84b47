using Basin.Data;
using Basin.Studies.Data;

namespace Basin.Studies.Tests.Data;

public class AugmentPreviewTests
{
    [Fact]
    public void DrawsOriginalsAndDrawsAndWritesPngAndSvg()
    {
        var letters = Datasets.Load(Datasets.LettersName, DataSplit.Train);
        var o = new AugmentPreviewOptions("shift=1,elastic=3,sigma=1", Count: 4, Draws: 2, Seed: 5);
        var grid = AugmentPreview.Draw(letters, "letters", o);
        Assert.Equal(4, grid.Columns);
        Assert.Equal(["original", "draw 1", "draw 2"], grid.RowLabels);
        var dir = Directory.CreateTempSubdirectory("basin-augment").FullName;
        try
        {
            var files = AugmentPreview.Write(letters, "letters", o, Path.Combine(dir, "p"));
            Assert.All(files, f => Assert.True(new FileInfo(f).Length > 100, f));
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void BadSizesAndRecipesAreRefusedBeforeAnyDataIsLoaded()
    {
        Assert.Throws<ArgumentException>(() => new AugmentPreviewOptions("shift=1", Count: 0).Validate());
        Assert.Throws<ArgumentException>(() => new AugmentPreviewOptions("shift=1", Draws: 17).Validate());
        Assert.Contains("--augment", Assert.Throws<ArgumentException>(() => new AugmentPreviewOptions("sigma=2").Validate()).Message);
    }
}
