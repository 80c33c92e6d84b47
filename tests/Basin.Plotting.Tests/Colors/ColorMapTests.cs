namespace Basin.Plotting.Tests.Colors;

public class ColorMapTests
{
    [Fact]
    public void ViridisEndsAreDarkPurpleAndYellow()
    {
        Assert.Equal(Rgba32.FromHex("#440154"), ColorMap.Viridis.Map(0));
        Assert.Equal(Rgba32.FromHex("#fde725"), ColorMap.Viridis.Map(1));
        Assert.Equal(ColorMap.Viridis.Map(1), ColorMap.Viridis.Map(7));
        Assert.Equal(ColorMap.Viridis.Map(0), ColorMap.Viridis.Map(-3));
    }

    [Fact]
    public void DivergingIsNearWhiteInTheMiddle()
    {
        Rgba32 mid = ColorMap.Diverging.Map(0, -1, 1);
        Assert.True(mid.R > 240 && mid.G > 240 && mid.B > 240);
        Assert.True(ColorMap.Diverging.Map(0).B > ColorMap.Diverging.Map(0).R);
        Assert.True(ColorMap.Diverging.Map(1).R > ColorMap.Diverging.Map(1).B);
    }

    [Fact]
    public void GrayscaleAndNan()
    {
        Assert.Equal(Rgba32.Black, ColorMap.Grayscale.Map(0));
        Assert.Equal(Rgba32.White, ColorMap.Grayscale.Map(1));
        Assert.Equal(ColorMap.Grayscale.NanColor, ColorMap.Grayscale.Map(double.NaN));
        Assert.Equal(Rgba32.Black, ColorMap.Grayscale.Reversed().Map(1));
    }

    [Fact]
    public void FromStopsNeedsTwoColours() =>
        Assert.Throws<ArgumentException>(() => ColorMap.FromStops("x", Rgba32.Black));
}
