using System.IO.Compression;

namespace Basin.Data.Tests;

public class IdxReaderTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Files_round_trip_plain_and_gzip(bool gzip)
    {
        using var dir = new TempDirectory();
        var pixels = Synthetic.Pixels(5, 4, 3);
        var labels = Synthetic.Labels(5);
        string images = dir.Combine("images"), labelsPath = dir.Combine("labels");
        IdxWriter.WriteFile(images, pixels, [5, 4, 3], gzip);
        IdxWriter.WriteFile(labelsPath, labels, [5], gzip);

        Assert.Equal(gzip, File.ReadAllBytes(images) is [0x1F, 0x8B, ..]);
        var read = IdxReader.ReadImages(images);
        Assert.Equal([5, 4, 3], read.Dimensions);
        Assert.Equal(pixels, read.Data);
        Assert.Equal(labels, IdxReader.ReadLabels(labelsPath));

        var data = IdxReader.ReadLabeledImages(images, labelsPath, "toy", Mnist.ClassNames);
        Assert.Equal((5, 4, 3), (data.Count, data.Rows, data.Cols));
        Assert.Equal(pixels[7] / 255f, data.Pixels[7]);
    }

    [Fact]
    public void Gzip_is_detected_by_magic_bytes_on_non_seekable_streams()
    {
        var raw = Synthetic.IdxBytes(Synthetic.Labels(9), 9);
        using var compressed = new MemoryStream();
        using (var z = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            z.Write(raw);
        var labels = IdxReader.ReadLabels(new ForwardOnlyStream(compressed.ToArray()), "labels.idx");
        Assert.Equal(Synthetic.Labels(9), labels);
        Assert.Equal(Synthetic.Labels(9), IdxReader.ReadLabels(new ForwardOnlyStream(raw), "labels.idx"));
    }

    [Fact]
    public void Writer_quantises_datasets()
    {
        using var dir = new TempDirectory();
        var data = new LabeledImages("q", [0f, 1f, 0.5f, 0.2f], [1], 2, 2, ["a", "b"]);
        IdxWriter.WriteLabeledImages(data, dir.Combine("i.gz"), dir.Combine("l.gz"), gzip: true);
        Assert.Equal([0, 255, 128, 51], IdxReader.ReadImages(dir.Combine("i.gz")).Data);
        Assert.Equal([1], IdxReader.ReadLabels(dir.Combine("l.gz")));
    }

    [Fact]
    public void Truncated_data_names_the_file_and_the_shortfall()
    {
        var bytes = Synthetic.IdxBytes(Synthetic.Pixels(3, 2, 2), 3, 2, 2);
        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(new MemoryStream(bytes[..^5]), "train-images-idx3-ubyte"));
        Assert.Contains("train-images-idx3-ubyte", e.Message);
        Assert.Contains("truncated", e.Message);
        Assert.Contains("3×2×2 = 12", e.Message);
        Assert.Contains("only 7", e.Message);
    }

    [Fact]
    public void Truncated_gzip_and_truncated_header_are_reported()
    {
        using var dir = new TempDirectory();
        string path = dir.Combine("t10k-images-idx3-ubyte.gz");
        IdxWriter.WriteFile(path, Synthetic.Pixels(50, 8, 8), [50, 8, 8], gzip: true);
        var whole = File.ReadAllBytes(path);
        File.WriteAllBytes(path, whole[..(whole.Length / 2)]);
        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));
        Assert.Contains(path, e.Message);

        e = Assert.Throws<InvalidDataException>(() => IdxReader.Read(new MemoryStream([0, 0, 8, 3, 0, 0]), "short"));
        Assert.Contains("'short'", e.Message);
        Assert.Contains("header", e.Message);
        e = Assert.Throws<InvalidDataException>(() => IdxReader.Read(new MemoryStream([0, 0]), "tiny"));
        Assert.Contains("magic", e.Message);
    }

    [Fact]
    public void Wrong_magic_and_type_are_rejected()
    {
        var bytes = Synthetic.IdxBytes([1, 2, 3], 3);
        bytes[0] = 0x42;
        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(new MemoryStream(bytes), "labels.bin"));
        Assert.Contains("labels.bin", e.Message);
        Assert.Contains("wrong magic number 0x42000801", e.Message);

        bytes[0] = 0;
        bytes[2] = 0x0D;
        e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(new MemoryStream(bytes), "labels.bin"));
        Assert.Contains("float", e.Message);
    }

    [Fact]
    public void Rank_must_match_images_or_labels()
    {
        var labels = Synthetic.IdxBytes([1, 2, 3], 3);
        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(new MemoryStream(labels), "x"));
        Assert.Contains("has 1 dimensions", e.Message);
        var images = Synthetic.IdxBytes(new byte[8], 2, 2, 2);
        e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(new MemoryStream(images), "y"));
        Assert.Contains("has 3 dimensions", e.Message);
    }

    [Fact]
    public void Trailing_bytes_are_rejected()
    {
        var bytes = Synthetic.IdxBytes([1, 2, 3], 3);
        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(new MemoryStream([.. bytes, 9]), "long"));
        Assert.Contains("longer than its header declares", e.Message);
    }

    [Fact]
    public void Absurd_dimensions_are_rejected_before_allocating()
    {
        byte[] header = [0, 0, 8, 3, 0x7F, 0xFF, 0xFF, 0xFF, 0x7F, 0xFF, 0xFF, 0xFF, 0, 0, 0, 28];
        var e = Assert.Throws<InvalidDataException>(() => IdxReader.Read(new MemoryStream(header), "huge"));
        Assert.Contains("more than an array can hold", e.Message);
    }

    [Fact]
    public void Image_and_label_counts_must_agree()
    {
        using var dir = new TempDirectory();
        IdxWriter.WriteFile(dir.Combine("img"), Synthetic.Pixels(4, 2, 2), [4, 2, 2]);
        IdxWriter.WriteFile(dir.Combine("lbl"), Synthetic.Labels(3), [3]);
        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabeledImages(dir.Combine("img"), dir.Combine("lbl"), "toy", Mnist.ClassNames));
        Assert.Contains("holds 4 images", e.Message);
        Assert.Contains("3 labels", e.Message);
        Assert.Contains(dir.Combine("lbl"), e.Message);
    }

    [Fact]
    public void Labels_beyond_the_class_count_are_rejected()
    {
        using var dir = new TempDirectory();
        IdxWriter.WriteFile(dir.Combine("img"), Synthetic.Pixels(2, 2, 2), [2, 2, 2]);
        IdxWriter.WriteFile(dir.Combine("lbl"), [0, 10], [2]);
        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabeledImages(dir.Combine("img"), dir.Combine("lbl"), "toy", Mnist.ClassNames));
        Assert.Contains("label 10 at index 1", e.Message);
    }

    private sealed class ForwardOnlyStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;

        public override long Seek(long offset, SeekOrigin loc) => throw new NotSupportedException();

        public override long Position { get => base.Position; set => throw new NotSupportedException(); }
    }
}
