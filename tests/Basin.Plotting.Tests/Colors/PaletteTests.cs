namespace Basin.Plotting.Tests.Colors;

public class PaletteTests
{
    [Fact]
    public void CategoryIsOkabeItoAndCycles()
    {
        Assert.Equal(8, Palette.OkabeIto.Length);
        Assert.Equal(Rgba32.FromHex("#0072b2"), Palette.Category(0));
        Assert.Equal(Palette.Category(1), Palette.Category(9));
    }

    [Theory]
    [InlineData(0.0, 255, 0, 0)]
    [InlineData(1.0 / 3, 0, 255, 0)]
    [InlineData(2.0 / 3, 0, 0, 255)]
    public void HsvPrimaries(double h, byte r, byte g, byte b) =>
        Assert.Equal(new Rgba32(r, g, b), Palette.FromHsv(h, 1, 1));

    [Fact]
    public void HexParsing()
    {
        Assert.Equal(new Rgba32(0x12, 0x34, 0x56), Rgba32.FromHex("#123456"));
        Assert.Equal(new Rgba32(0xff, 0, 0, 0x80), Rgba32.FromHex("ff000080"));
        Assert.Equal(new Rgba32(0xaa, 0xbb, 0xcc), Rgba32.FromHex("#abc"));
        Assert.Throws<ArgumentException>(() => Rgba32.FromHex("#12"));
    }

    [Fact]
    public void HuesAreDistinct() => Assert.Equal(12, Palette.Hues(12).Distinct().Count());
}
