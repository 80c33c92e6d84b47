namespace Basin.Data.Tests;

public class DataCacheTests
{
    private static Task<string> Install(string root, Func<string, string, CancellationToken, Task> produce) =>
        DataCache.InstallAsync(root, Path.Combine("toy", "toy-1.0"), "toy@1.0", "a toy", produce);

    [Fact]
    public async Task Install_moves_the_output_into_place_with_a_manifest()
    {
        using var root = new TempDirectory();
        string dir = await Install(root.Path, (work, output, _) =>
        {
            File.WriteAllBytes(Path.Combine(work, "scratch"), [0]);
            File.WriteAllBytes(Path.Combine(output, "a.bin"), [1, 2, 3]);
            return Task.CompletedTask;
        });
        Assert.Equal(root.Combine("toy", "toy-1.0"), dir);
        Assert.Equal(["a.bin", DataCache.ManifestFileName], Directory.GetFiles(dir).Select(Path.GetFileName).Order());
        var manifest = DataCache.ReadManifest(dir)!;
        Assert.Equal("toy@1.0", manifest.Source);
        Assert.Equal(new CachedFile(3, Sha256.Of([1, 2, 3])), manifest.Files["a.bin"]);
        Assert.True(DataCache.IsComplete(dir));
        DataCache.Verify(dir);
        Assert.False(Directory.Exists(root.Combine(DataCache.StagingDirectoryName)));
    }

    [Fact]
    public async Task A_failing_producer_leaves_nothing_behind()
    {
        using var root = new TempDirectory();
        await Assert.ThrowsAsync<ChecksumMismatchException>(() => Install(root.Path, (_, output, _) =>
        {
            File.WriteAllBytes(Path.Combine(output, "half-written"), [1]);
            throw new ChecksumMismatchException("x", "a", "b");
        }));
        Assert.False(Directory.Exists(root.Combine("toy", "toy-1.0")));
        Assert.False(Directory.Exists(root.Combine(DataCache.StagingDirectoryName)));
    }

    [Fact]
    public async Task A_complete_install_is_not_produced_again()
    {
        using var root = new TempDirectory();
        int calls = 0;
        Task Produce(string work, string output, CancellationToken ct)
        {
            calls++;
            File.WriteAllBytes(Path.Combine(output, "a.bin"), [1]);
            return Task.CompletedTask;
        }
        string first = await Install(root.Path, Produce);
        string second = await Install(root.Path, Produce);
        Assert.Equal(first, second);
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task Incomplete_or_tampered_directories_are_detected()
    {
        using var root = new TempDirectory();
        string dir = await Install(root.Path, (_, output, _) =>
        {
            File.WriteAllBytes(Path.Combine(output, "a.bin"), [1, 2]);
            return Task.CompletedTask;
        });
        File.WriteAllBytes(Path.Combine(dir, "a.bin"), [7, 7]);
        Assert.True(DataCache.IsComplete(dir));
        Assert.Throws<ChecksumMismatchException>(() => DataCache.Verify(dir));

        File.WriteAllBytes(Path.Combine(dir, "a.bin"), [7]);
        Assert.False(DataCache.IsComplete(dir));

        File.Delete(Path.Combine(dir, DataCache.ManifestFileName));
        Assert.False(DataCache.IsComplete(dir));
        Assert.Null(DataCache.ReadManifest(dir));
    }

    [Fact]
    public async Task A_directory_without_manifest_is_replaced()
    {
        using var root = new TempDirectory();
        string stale = root.Combine("toy", "toy-1.0");
        Directory.CreateDirectory(stale);
        File.WriteAllBytes(Path.Combine(stale, "leftover"), [0]);
        string dir = await Install(root.Path, (_, output, _) =>
        {
            File.WriteAllBytes(Path.Combine(output, "a.bin"), [1]);
            return Task.CompletedTask;
        });
        Assert.False(File.Exists(Path.Combine(dir, "leftover")));
        Assert.True(DataCache.IsComplete(dir));
    }

    [Fact]
    public async Task Staging_left_by_a_killed_install_is_removed_but_a_live_one_is_kept()
    {
        using var root = new TempDirectory();
        string staging = root.Combine(DataCache.StagingDirectoryName);
        // A killed install: its lock file exists but nobody holds it.
        string dead = Path.Combine(staging, "toy-1.0-dead");
        Directory.CreateDirectory(Path.Combine(dead, "output"));
        File.WriteAllBytes(Path.Combine(dead, "output", "partial.gz"), new byte[1000]);
        File.WriteAllBytes(Path.Combine(dead, DataCache.LockFileName), []);
        // A writer killed before it made its lock file: removed once it is old, kept while it may still be starting.
        string oldNoLock = Path.Combine(staging, "toy-1.0-old");
        Directory.CreateDirectory(oldNoLock);
        Directory.SetLastWriteTimeUtc(oldNoLock, DateTime.UtcNow.AddHours(-2));
        string youngNoLock = Path.Combine(staging, "toy-1.0-young");
        Directory.CreateDirectory(youngNoLock);
        // A live install in another process: its lock is held.
        string live = Path.Combine(staging, "toy-1.0-live");
        Directory.CreateDirectory(live);
        using var held = new FileStream(Path.Combine(live, DataCache.LockFileName), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);

        string dir = await Install(root.Path, (_, output, _) =>
        {
            File.WriteAllBytes(Path.Combine(output, "a.bin"), [1]);
            return Task.CompletedTask;
        });
        Assert.True(DataCache.IsComplete(dir));
        Assert.False(Directory.Exists(dead));
        Assert.False(Directory.Exists(oldNoLock));
        Assert.True(Directory.Exists(youngNoLock));
        Assert.True(Directory.Exists(live));
    }
}
