using Basin.Dfsa.Art;
using Basin.Studies.Dfsa;

namespace Basin.Studies.Tests.Dfsa;

public class ArtSheetTests
{
    private static ArtSheetOptions Options(int count = 1, string? letters = null) =>
        new(3, count, 16, "viridis", new ArtOptions { Steps = 2, Hidden = 6, Layers = 2 }, letters);

    [Fact]
    public void TheSameSeedGivesTheSamePixelsAndSeedsAdvancePerImage()
    {
        var a = ArtSheet.Render(Options(2));
        var b = ArtSheet.Render(Options(2));
        Assert.Equal(a[0].Pixels, b[0].Pixels);
        Assert.Equal([3UL, 4UL], a.Select(i => i.Seed));
        Assert.NotEqual(a[0].Pixels, a[1].Pixels);
        Assert.Equal(16 * 16, a[0].Pixels.Length);
    }

    [Fact]
    public void LettersArePinnedInTurnAndUnknownOnesAreRefused()
    {
        var images = ArtSheet.Render(Options(2, "AB"));
        Assert.Equal(["seed 3 A", "seed 4 B"], images.Select(i => i.Caption));
        Assert.Throws<ArgumentException>(() => ArtSheet.Render(Options(1, "?")));
        Assert.Throws<ArgumentException>(() => ArtSheet.Render(Options(1) with { Size = 4 }));
        Assert.Throws<ArgumentException>(() => ArtSheet.Render(Options(1) with { Palette = "sepia" }));
    }

    [Fact]
    public void SaveWritesAPngOrAContactSheet()
    {
        var dir = Directory.CreateTempSubdirectory("basin-art").FullName;
        try
        {
            var one = Path.Combine(dir, "one.png"); var sheet = Path.Combine(dir, "sheet.png");
            ArtSheet.Save(ArtSheet.Render(Options()), 16, one);
            ArtSheet.Save(ArtSheet.Render(Options(2)), 16, sheet);
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, File.ReadAllBytes(one)[..4]);
            Assert.True(new FileInfo(sheet).Length > new FileInfo(one).Length);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void TheSameSeedGivesAByteIdenticalContactSheet()
    {
        var dir = Directory.CreateTempSubdirectory("basin-art").FullName;
        try
        {
            string a = Path.Combine(dir, "a.png"), b = Path.Combine(dir, "b.png");
            ArtSheet.Save(ArtSheet.Render(Options(2, "AB")), 16, a);
            ArtSheet.Save(ArtSheet.Render(Options(2, "AB")), 16, b);
            Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(b));
            var sheet = Basin.Plotting.PngDecoder.Read(a);
            Assert.True(sheet.Width >= 2 * 16 && sheet.Height > 16, "two 16-px images side by side, captions under them");
        }
        finally { Directory.Delete(dir, true); }
    }
}
