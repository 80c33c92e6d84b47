namespace Basin.Data.Tests;

public class IdxDirectoryLoaderTests
{
    private static void Write(string dir, string images, string labels, int count, bool gzip = false)
    {
        IdxWriter.WriteFile(Path.Combine(dir, images), Synthetic.Pixels(count, 28, 28, count), [count, 28, 28], gzip);
        IdxWriter.WriteFile(Path.Combine(dir, labels), Synthetic.Labels(count), [count], gzip);
    }

    [Theory]
    [InlineData("train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte", false)]
    [InlineData("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz", true)]
    [InlineData("train-images.idx3-ubyte", "train-labels.idx1-ubyte", "t10k-images.idx3-ubyte", "t10k-labels.idx1-ubyte", false)]
    [InlineData("train-images-idx3-ubyte.idx", "train-labels-idx1-ubyte.idx", "test-images-idx3-ubyte.idx", "test-labels-idx1-ubyte.idx", false)]
    [InlineData("train-images.idx.gz", "train-labels.idx.gz", "test-images.idx.gz", "test-labels.idx.gz", true)]
    [InlineData("TRAIN-IMAGES-IDX3-UBYTE", "Train-Labels-Idx1-Ubyte", "t10k-images-idx3-ubyte.GZ", "t10k-labels-idx1-ubyte", true)]
    public void Loads_both_splits_under_the_usual_names(string trainImages, string trainLabels, string testImages, string testLabels, bool gzip)
    {
        using var dir = new TempDirectory();
        Write(dir.Path, trainImages, trainLabels, 6, gzip);
        Write(dir.Path, testImages, testLabels, 3, gzip);
        var train = IdxDirectoryLoader.Load(dir.Path, DataSplit.Train, "t", Mnist.ClassNames);
        var test = IdxDirectoryLoader.Load(dir.Path, DataSplit.Test, "t", Mnist.ClassNames);
        Assert.Equal((6, 28, 28), (train.Count, train.Rows, train.Cols));
        Assert.Equal(3, test.Count);
        Assert.Equal(Synthetic.Labels(3), test.Labels);
        Assert.True(IdxDirectoryLoader.HasSplit(dir.Path, DataSplit.Test));
        var (train2, test2) = IdxDirectoryLoader.LoadTrainTest(dir.Path, "digits", Mnist.ClassNames);
        Assert.Equal(("digits train", 6, "digits test", 3), (train2.Name, train2.Count, test2.Name, test2.Count));
    }

    [Fact]
    public void Plain_files_are_preferred_over_gzip_duplicates()
    {
        using var dir = new TempDirectory();
        Write(dir.Path, "train-images-idx3-ubyte", "train-labels-idx1-ubyte", 2);
        Write(dir.Path, "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", 2, gzip: true);
        Assert.Equal(dir.Combine("train-images-idx3-ubyte"), IdxDirectoryLoader.FindFile(dir.Path, DataSplit.Train, labels: false));
    }

    [Fact]
    public void Missing_files_list_the_names_tried()
    {
        using var dir = new TempDirectory();
        Write(dir.Path, "train-images-idx3-ubyte", "train-labels-idx1-ubyte", 2);
        var e = Assert.Throws<FileNotFoundException>(() => IdxDirectoryLoader.Load(dir.Path, DataSplit.Test, "t", Mnist.ClassNames));
        Assert.Contains("t10k-images-idx3-ubyte", e.Message);
        Assert.Contains(".gz", e.Message);
        Assert.False(IdxDirectoryLoader.HasSplit(dir.Path, DataSplit.Test));
        Assert.Throws<DirectoryNotFoundException>(() => IdxDirectoryLoader.Load(dir.Combine("nope"), DataSplit.Train, "t", Mnist.ClassNames));
    }
}
