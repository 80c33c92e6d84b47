namespace Basin.Data.Tests;

public class LabeledImagesTests
{
    private static LabeledImages Make(int count = 4) =>
        new("toy", Enumerable.Range(0, count * 6).Select(i => i / (count * 6f)).ToArray(),
            Enumerable.Range(0, count).Select(i => (byte)(i % 3)).ToArray(), 2, 3, ["a", "b", "c"]);

    [Fact]
    public void Shape_properties_follow_the_arrays()
    {
        var d = Make();
        Assert.Equal((4, 2, 3, 6, 3), (d.Count, d.Rows, d.Cols, d.PixelsPerImage, d.ClassCount));
        Assert.Equal([2, 1, 1], d.CountPerClass());
    }

    [Fact]
    public void Image_is_a_writable_view_of_one_image()
    {
        var d = Make();
        var image = d.Image(2);
        Assert.Equal(6, image.Length);
        Assert.Equal(d.Pixels[12], image[0]);
        image[0] = 1f;
        Assert.Equal(1f, d.Pixels[12]);
        Assert.Throws<ArgumentOutOfRangeException>(() => d.Image(4));
    }

    [Fact]
    public void Take_and_Subset_copy_images_and_labels()
    {
        var d = Make();
        var first = d.Take(2);
        Assert.Equal(2, first.Count);
        Assert.Equal(d.Pixels.AsSpan(0, 12).ToArray(), first.Pixels);
        Assert.Equal(4, d.Take(10).Count);

        var subset = d.Subset([3, 0, 3]);
        Assert.Equal([d.Labels[3], d.Labels[0], d.Labels[3]], subset.Labels);
        Assert.Equal(d.Image(3).ToArray(), subset.Image(0).ToArray());
        Assert.Equal(d.Image(0).ToArray(), subset.Image(1).ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => d.Subset([4]));
    }

    [Fact]
    public void Inconsistent_data_is_rejected_with_a_reason()
    {
        var e = Assert.Throws<InvalidDataException>(() => new LabeledImages("bad", new float[5], new byte[1], 2, 3, ["a"]));
        Assert.Contains("bad", e.Message);
        Assert.Contains("6", e.Message);
        e = Assert.Throws<InvalidDataException>(() => new LabeledImages("bad", new float[6], [3], 2, 3, ["a", "b"]));
        Assert.Contains("label 3", e.Message);
        e = Assert.Throws<InvalidDataException>(() => new LabeledImages("bad", [0, 0, 0, 0, 1.5f, 0], [0], 2, 3, ["a"]));
        Assert.Contains("outside [0, 1]", e.Message);
        Assert.Throws<InvalidDataException>(() => new LabeledImages("bad", [float.NaN, 0, 0, 0, 0, 0], [0], 2, 3, ["a"]));
    }

    [Fact]
    public void IsConsistent_reports_problems_after_mutation()
    {
        var d = Make();
        Assert.True(d.IsConsistent(out _));
        d.Labels[0] = 9;
        Assert.False(d.IsConsistent(out string? problem));
        Assert.Contains("label 9", problem);
    }

    [Fact]
    public void FromBytes_scales_to_the_unit_interval_exactly_at_the_ends()
    {
        var d = LabeledImages.FromBytes("b", [0, 255, 51, 1], [0], 2, 2, ["x"]);
        Assert.Equal([0f, 1f, 0.2f, 1f / 255f], d.Pixels);
    }

    [Fact]
    public void Vectorised_byte_scaling_equals_scalar_division_for_every_value_and_length()
    {
        var all = Enumerable.Range(0, 256).Select(v => (byte)v).ToArray();
        for (int length = 0; length <= 256; length++)
        {
            var dst = new float[length];
            LabeledImages.ScaleBytes(all.AsSpan(256 - length), dst);
            for (int i = 0; i < length; i++)
                Assert.Equal(all[256 - length + i] / 255f, dst[i]);
        }
    }
}
