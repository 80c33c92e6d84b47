using Basin.Data.Images;
using Basin.Data.Tests.TestSupport;
using SkiaSharp;

namespace Basin.Data.Tests.Images;

public class MnistPreparationTests
{
    [Theory]
    [InlineData(200, 300)]
    [InlineData(300, 200)]
    [InlineData(1200, 900)]
    [InlineData(28, 28)]
    public void LightPaperIsInvertedAndTheInkIsCentredByMass(int width, int height)
    {
        var px = MnistPreparation.Prepare(DrawnDigit.Seven(width, height, offsetX: width * 0.15f, offsetY: -height * 0.05f));
        Assert.Equal(784, px.Length);
        Assert.Equal(0f, px[0]);                            // background black, as in MNIST
        Assert.Equal(1f, px.Max(), 4);                      // ink saturates
        var (cx, cy) = DrawnDigit.CentreOfMass(px, 28);
        Assert.InRange(cx, 13, 15);
        Assert.InRange(cy, 13, 15);
        Assert.InRange(Math.Abs(cx - 14), 0, 0.5);         // sub-pixel translation: exact but for clipping and resampling
        Assert.InRange(Math.Abs(cy - 14), 0, 0.5);
    }

    [Fact]
    public void TheLongerSideFillsTheTwentyPixelBoxAndTheAspectIsKept()
    {
        // A tall bar 40 wide, 200 high on white: scaled to height 20 it is 4 wide.
        using var bitmap = new SKBitmap(300, 300);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
            using var paint = new SKPaint { Color = SKColors.Black };
            canvas.DrawRect(100, 50, 40, 200, paint);
        }
        using var image = SKImage.FromBitmap(bitmap);
        var px = MnistPreparation.Prepare(image.Encode(SKEncodedImageFormat.Png, 100).ToArray());
        var (w, h) = DrawnDigit.InkBox(px, 28);
        Assert.InRange(h, 20, 21);
        Assert.InRange(w, 4, 5);
    }

    [Fact]
    public void TheSameDigitAtAnySizeGivesTheSameImage()
    {
        var small = MnistPreparation.Prepare(DrawnDigit.Seven(200, 300));
        var large = MnistPreparation.Prepare(DrawnDigit.Seven(1000, 1500, format: SKEncodedImageFormat.Jpeg));
        double mse = small.Zip(large, (a, b) => (double)(a - b) * (a - b)).Average();
        Assert.True(mse < 0.005, $"MSE {mse}");
    }

    [Fact]
    public void DarkBackgroundIsNotInverted()
    {
        var light = MnistPreparation.Prepare(DrawnDigit.Seven(200, 300));
        var dark = MnistPreparation.Prepare(DrawnDigit.Seven(200, 300, lightPaper: false));
        double mse = light.Zip(dark, (a, b) => (double)(a - b) * (a - b)).Average();
        Assert.True(mse < 0.005, $"MSE {mse}");
    }

    [Fact]
    public void BlankImagesAreRefused()
    {
        Assert.Throws<InvalidDataException>(() => MnistPreparation.Prepare(new GrayImage(Enumerable.Repeat(0.9f, 100).ToArray(), 10, 10)));
        Assert.Throws<InvalidDataException>(() => MnistPreparation.Prepare(new GrayImage([0, float.NaN, 0, 0], 2, 2)));
    }

    [Fact]
    public void OtherSquareGeometries()
    {
        var o = MnistPreparationOptions.ForPixels(49);
        Assert.Equal((7, 5), (o.Size, o.Box));
        Assert.Equal(49, MnistPreparation.Prepare(DrawnDigit.Seven(70, 70), o).Length);
        Assert.Throws<ArgumentException>(() => MnistPreparationOptions.ForPixels(50));
    }
}
