using Basin.Tensors.IO;

namespace Basin.Tensors.Tests.IO;

/// <summary>Issue 28 §2: writers killed with SIGKILL left their temporary files behind; the next write to the path removes them, but never a live writer's.</summary>
public sealed class AtomicFileAbandonedTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("basin-atomic").FullName;
    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public void AbandonedTemporaries_AreRemoved_LockedOnesAndOtherFilesKept()
    {
        string path = Path.Combine(_dir, "out.bin");
        string abandoned = Path.Combine(_dir, $".out.bin.{Guid.NewGuid():N}.tmp");
        string live = Path.Combine(_dir, $".out.bin.{Guid.NewGuid():N}.tmp");
        string other = Path.Combine(_dir, $".other.bin.{Guid.NewGuid():N}.tmp");
        File.WriteAllText(abandoned, "partial");
        File.WriteAllText(other, "partial");
        using (var held = new FileStream(live, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            AtomicFile.WriteAllText(path, "done");
            Assert.False(File.Exists(abandoned));
            Assert.True(File.Exists(live));
        }
        Assert.True(File.Exists(other));
        Assert.Equal("done", File.ReadAllText(path));
    }
}
