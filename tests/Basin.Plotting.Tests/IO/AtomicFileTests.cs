namespace Basin.Plotting.Tests.IO;

public class AtomicFileTests
{
    [Fact]
    public void OverwritesAndLeavesNoTempFiles()
    {
        using var dir = new TempDir();
        string path = dir.File("a.txt");
        AtomicFile.WriteAllText(path, "one");
        AtomicFile.WriteAllText(path, "two");
        Assert.Equal("two", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void FailedWriteKeepsOldContentAndRemovesTemp()
    {
        using var dir = new TempDir();
        string path = dir.File("a.txt");
        AtomicFile.WriteAllText(path, "old");
        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, s =>
        {
            s.WriteByte(1);
            throw new InvalidOperationException("boom");
        }));
        Assert.Equal("old", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void CreatesMissingDirectories()
    {
        using var dir = new TempDir();
        string path = Path.Combine(dir.Path, "x", "y", "b.bin");
        AtomicFile.WriteAllBytes(path, new byte[] { 1, 2 });
        Assert.Equal(new byte[] { 1, 2 }, File.ReadAllBytes(path));
    }
}
