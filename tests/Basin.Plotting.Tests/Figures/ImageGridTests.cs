namespace Basin.Plotting.Tests.Figures;

public class ImageGridTests
{
    [Fact]
    public void GridOfDigitsShowsPixelsAndCaptions()
    {
        var grid = new ImageGrid { Columns = 3, RowLabels = ["input", "attractor"], Title = "digits" };
        for (int k = 0; k < 6; k++)
        {
            var img = new double[28 * 28];
            img[(14 * 28) + 14] = 1;
            Array.Fill(img, 1.0, 0, 28 * k);
            grid.Add(img, 28, 28, $"#{k}");
        }

        grid.AddRgb(Enumerable.Repeat((byte)200, 4 * 4 * 3).ToArray(), 4, 4, "rgb");
        (int w, int h) = (grid.Width, grid.Height);
        Assert.True(w > 3 * 28 && h > 3 * 28);
        PngImage image = PlotAssert.Png(grid, w, h);
        Assert.True(PlotAssert.CountPixels(image, Rgba32.Black) > 1000);
        Assert.True(PlotAssert.CountPixels(image, new Rgba32(200, 200, 200)) >= 16);
        List<string> texts = PlotAssert.SvgTexts(grid.ToSvg());
        Assert.Contains("#5", texts);
        Assert.Contains("attractor", texts);
        Assert.Equal(7, System.Xml.Linq.XDocument.Parse(grid.ToSvg()).Descendants(PlotAssert.Svg + "image").Count());
    }

    [Fact]
    public void AutoScaleStretchesEachImage()
    {
        var grid = new ImageGrid { AutoScale = true };
        grid.Add(new[] { -0.5, 0.5 }, 2, 1);
        PngImage image = PlotAssert.Png(grid, 100, 60);
        Assert.True(PlotAssert.CountPixels(image, Rgba32.Black) > 0);
    }

    [Fact]
    public void ArgumentValidation()
    {
        var grid = new ImageGrid();
        Assert.Throws<ArgumentException>(() => grid.Add(new double[10], 3, 3));
        Assert.Throws<ArgumentException>(() => grid.AddRgb(new byte[9], 2, 2));
        Assert.Throws<ArgumentException>(() => grid.Add(new byte[0], 0, 0));
        Assert.Throws<ArgumentException>(() => grid.Columns = -1);
    }

    [Fact]
    public void EmptyGridIsValid()
    {
        var grid = new ImageGrid();
        PlotAssert.SvgTexts(grid.ToSvg());
        PlotAssert.Png(grid, grid.Width, grid.Height);
    }
}
