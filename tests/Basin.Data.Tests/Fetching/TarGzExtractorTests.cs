using System.Formats.Tar;
using System.Text;

namespace Basin.Data.Tests;

public class TarGzExtractorTests
{
    [Fact]
    public void Extracts_regular_files_under_the_destination()
    {
        using var dir = new TempDirectory();
        var tgz = TarBuilder.TarGz(("package/a.txt", "alpha"u8.ToArray()), ("package/data/b.bin", [1, 2, 3]), ("./package/c", []));
        var names = TarGzExtractor.Extract(new MemoryStream(tgz), "x.tgz", dir.Path);
        Assert.Equal(["package/a.txt", "package/data/b.bin", "package/c"], names);
        Assert.Equal("alpha", File.ReadAllText(dir.Combine("package", "a.txt")));
        Assert.Equal([1, 2, 3], File.ReadAllBytes(dir.Combine("package", "data", "b.bin")));
    }

    [Fact]
    public void Include_filter_selects_files()
    {
        using var dir = new TempDirectory();
        var tgz = TarBuilder.TarGz(("package/a.txt", [1]), ("package/b.txt", [2]));
        var names = TarGzExtractor.Extract(new MemoryStream(tgz), "x.tgz", dir.Path, n => n.EndsWith("b.txt", StringComparison.Ordinal));
        Assert.Equal(["package/b.txt"], names);
        Assert.False(File.Exists(dir.Combine("package", "a.txt")));
    }

    [Theory]
    [InlineData("../evil.txt")]
    [InlineData("package/../../evil.txt")]
    [InlineData("/tmp/evil.txt")]
    public void Path_traversal_is_refused(string name)
    {
        using var dir = new TempDirectory();
        string inner = dir.Combine("inner");
        var tgz = TarBuilder.TarGz((name, Encoding.ASCII.GetBytes("pwned")));
        var e = Assert.Throws<InvalidDataException>(() => TarGzExtractor.Extract(new MemoryStream(tgz), "evil.tgz", inner));
        Assert.Contains("leaves the extraction directory", e.Message);
        Assert.Contains("evil.tgz", e.Message);
        Assert.False(File.Exists(dir.Combine("evil.txt")));
    }

    [Fact]
    public void Links_are_refused()
    {
        using var dir = new TempDirectory();
        var tgz = TarBuilder.TarGzWithEntry(new PaxTarEntry(TarEntryType.SymbolicLink, "package/link") { LinkName = "/etc/passwd" });
        var e = Assert.Throws<InvalidDataException>(() => TarGzExtractor.Extract(new MemoryStream(tgz), "link.tgz", dir.Path));
        Assert.Contains("SymbolicLink", e.Message);
    }

    [Fact]
    public void Size_bound_is_enforced()
    {
        using var dir = new TempDirectory();
        var tgz = TarBuilder.TarGz(("package/big", new byte[1000]));
        var e = Assert.Throws<InvalidDataException>(() => TarGzExtractor.Extract(new MemoryStream(tgz), "bomb.tgz", dir.Path, maxBytes: 999));
        Assert.Contains("more than 999 bytes", e.Message);
    }

    [Fact]
    public void Corrupt_archives_are_reported()
    {
        using var dir = new TempDirectory();
        var e = Assert.Throws<InvalidDataException>(() => TarGzExtractor.Extract(new MemoryStream([0x1F, 0x8B, 8, 0, 1, 2, 3]), "broken.tgz", dir.Path));
        Assert.Contains("broken.tgz", e.Message);
    }
}
