namespace Basin.Plotting.Tests.Imaging;

public class CanvasTests
{
    [Fact]
    public void FillRectCoversPixelCentres()
    {
        var canvas = new Canvas(10, 10);
        canvas.FillRect(2, 3, 4, 2, Rgba32.Black);
        Assert.Equal(Rgba32.Black, canvas.GetPixel(2, 3));
        Assert.Equal(Rgba32.Black, canvas.GetPixel(5, 4));
        Assert.Equal(Rgba32.White, canvas.GetPixel(6, 4));
        Assert.Equal(Rgba32.White, canvas.GetPixel(2, 5));
    }

    [Fact]
    public void LineIsAntiAliasedAndHasWidth()
    {
        var canvas = new Canvas(40, 40);
        canvas.DrawLine(5, 5, 35, 20, Rgba32.Black, 3);
        Assert.Equal(Rgba32.Black, canvas.GetPixel(20, 12));
        bool partial = false;
        foreach (Rgba32 p in canvas.Pixels)
        {
            partial |= p.R is > 0 and < 255;
        }

        Assert.True(partial, "expected anti-aliased edge pixels");
        Assert.Equal(Rgba32.White, canvas.GetPixel(20, 30));
    }

    [Fact]
    public void ClipRestrictsDrawing()
    {
        var canvas = new Canvas(20, 20);
        canvas.SetClip(0, 0, 10, 20);
        canvas.FillRect(0, 0, 20, 20, Rgba32.Black);
        canvas.ResetClip();
        Assert.Equal(Rgba32.Black, canvas.GetPixel(9, 5));
        Assert.Equal(Rgba32.White, canvas.GetPixel(10, 5));
    }

    [Fact]
    public void CircleAndMarkersFillTheirCentre()
    {
        var canvas = new Canvas(60, 20);
        canvas.FillCircle(10, 10, 5, Rgba32.Black);
        canvas.DrawMarker(30, 10, MarkerShape.Square, 8, Rgba32.Black);
        canvas.DrawMarker(50, 10, MarkerShape.TriangleUp, 10, Rgba32.Black);
        Assert.Equal(Rgba32.Black, canvas.GetPixel(10, 10));
        Assert.Equal(Rgba32.Black, canvas.GetPixel(30, 10));
        Assert.Equal(Rgba32.Black, canvas.GetPixel(50, 10));
        Assert.Equal(Rgba32.White, canvas.GetPixel(10, 17));
    }

    [Fact]
    public void TextDrawsGlyphBits()
    {
        var canvas = new Canvas(20, 12);
        canvas.DrawText("1", 0, 0, Rgba32.Black, scale: 1);
        // '1' = "..#.. .##.. ..#.. ..#.. ..#.. ..#.. .###."
        Assert.Equal(Rgba32.Black, canvas.GetPixel(2, 0));
        Assert.Equal(Rgba32.White, canvas.GetPixel(0, 0));
        Assert.Equal(Rgba32.Black, canvas.GetPixel(1, 6));
    }

    [Fact]
    public void ImageIsUpscaledWithNearestNeighbour()
    {
        var canvas = new Canvas(8, 8);
        canvas.DrawImage(new[] { Rgba32.Black, Rgba32.White, Rgba32.White, Rgba32.Black }, 2, 2, 0, 0, 8, 8);
        Assert.Equal(Rgba32.Black, canvas.GetPixel(3, 3));
        Assert.Equal(Rgba32.White, canvas.GetPixel(4, 3));
        Assert.Equal(Rgba32.Black, canvas.GetPixel(7, 7));
    }

    [Fact]
    public void PngOfCanvasRoundTrips()
    {
        var canvas = new Canvas(16, 9, Rgba32.Transparent);
        canvas.DrawLine(0, 0, 15, 8, new Rgba32(200, 10, 10), 2);
        PngImage image = PngDecoder.Decode(canvas.ToPng());
        for (int y = 0; y < 9; y++)
        {
            for (int x = 0; x < 16; x++)
            {
                Assert.Equal(canvas.GetPixel(x, y), image.GetPixel(x, y));
            }
        }
    }

    [Fact]
    public void RejectsNonPositiveSize()
    {
        Assert.Throws<ArgumentException>(() => new Canvas(0, 5));
        Assert.Throws<ArgumentException>(() => new Canvas(5, -1));
    }
}
