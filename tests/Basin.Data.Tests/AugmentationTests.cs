using Basin.Data;
using Xunit;

namespace Basin.Data.Tests;

public class AugmentationTests
{
    private static float[] Ramp(int rows, int cols)
    {
        var img = new float[rows * cols];
        for (int i = 0; i < img.Length; i++) img[i] = (i * 37 % 101) / 100f;
        return img;
    }

    [Fact]
    public void Identity_parameters_reproduce_the_image_exactly()
    {
        var src = Ramp(7, 9);
        var dst = new float[src.Length];
        Augmentation.Transform(src, dst, 7, 9, 0, 0, 0, 1, false);
        Assert.Equal(src, dst);
    }

    [Fact]
    public void Integer_shift_moves_pixels_and_fills_zeros()
    {
        var src = Ramp(6, 5);
        var dst = new float[src.Length];
        Augmentation.Transform(src, dst, 6, 5, dx: 2, dy: -1, theta: 0, scale: 1, flip: false);
        for (int r = 0; r < 6; r++)
            for (int c = 0; c < 5; c++)
            {
                int sr = r + 1, sc = c - 2;
                float expected = sr < 6 && sc >= 0 ? src[sr * 5 + sc] : 0f;
                Assert.Equal(expected, dst[r * 5 + c]);
            }
    }

    [Fact]
    public void Quarter_turn_of_a_square_image_is_a_permutation()
    {
        const int n = 5;
        var src = Ramp(n, n);
        var dst = new float[src.Length];
        Augmentation.Transform(src, dst, n, n, 0, 0, Math.PI / 2, 1, false);
        // Forward map p ↦ R(90°)(p − c) + c sends (x, y) to (c − (y − c), c + (x − c)) = (n−1−y, x).
        for (int y = 0; y < n; y++)
            for (int x = 0; x < n; x++)
                Assert.Equal(src[y * n + x], dst[x * n + (n - 1 - y)], 5);
    }

    [Fact]
    public void Flip_mirrors_left_and_right()
    {
        var src = Ramp(4, 6);
        var dst = new float[src.Length];
        Augmentation.Transform(src, dst, 4, 6, 0, 0, 0, 1, flip: true);
        for (int r = 0; r < 4; r++)
            for (int c = 0; c < 6; c++)
                Assert.Equal(src[r * 6 + (5 - c)], dst[r * 6 + c]);
    }

    [Fact]
    public void Half_pixel_shift_averages_neighbours()
    {
        var src = new float[] { 0, 1, 0, 0 };
        var dst = new float[4];
        Augmentation.Transform(src, dst, 1, 4, dx: 0.5, dy: 0, theta: 0, scale: 1, flip: false);
        Assert.Equal(new float[] { 0, 0.5f, 0.5f, 0 }, dst);
    }

    [Fact]
    public void Random_draws_are_reproducible_and_stay_in_range()
    {
        var aug = Augmentation.Parse("shift=2,rotate=10,scale=0.1");
        var img = Ramp(28, 28);
        var a = (float[])img.Clone();
        var b = (float[])img.Clone();
        var scratch = new float[img.Length];
        aug.ApplyInPlace(a, 28, 28, new Random(5), scratch);
        aug.ApplyInPlace(b, 28, 28, new Random(5), scratch);
        Assert.Equal(a, b);
        Assert.NotEqual(img, a);
        Assert.All(a, v => Assert.InRange(v, 0f, 1f));
    }

    [Fact]
    public void None_changes_nothing_and_draws_nothing()
    {
        var img = Ramp(3, 3);
        var copy = (float[])img.Clone();
        var rng = new Random(1);
        Augmentation.None.ApplyInPlace(img, 3, 3, rng, new float[9]);
        Assert.Equal(copy, img);
        Assert.Equal(new Random(1).Next(), rng.Next());
    }

    [Theory]
    [InlineData("none", "none")]
    [InlineData("", "none")]
    [InlineData("shift=2, rotate=10,scale=0.1", "shift=2,rotate=10,scale=0.1")]
    [InlineData("flip,shift=1.5", "shift=1.5,flip")]
    [InlineData("elastic=34", "elastic=34,sigma=4")]
    [InlineData("sigma=6,elastic=8,shift=1", "shift=1,elastic=8,sigma=6")]
    public void Parse_round_trips_through_ToString(string spec, string expected) =>
        Assert.Equal(expected, Augmentation.Parse(spec).ToString());

    [Theory]
    [InlineData("shift")]
    [InlineData("shift=-1")]
    [InlineData("shift=NaN")]
    [InlineData("rotate=200")]
    [InlineData("scale=1")]
    [InlineData("flip=1")]
    [InlineData("zoom=2")]
    [InlineData("sigma=3")]
    [InlineData("elastic=8,sigma=0")]
    [InlineData("elastic=-1")]
    public void Parse_refuses_malformed_recipes(string spec) =>
        Assert.Throws<FormatException>(() => Augmentation.Parse(spec));

    [Fact]
    public void Constant_displacement_field_is_a_shift()
    {
        var src = Ramp(6, 5);
        var viaField = new float[src.Length];
        var viaShift = new float[src.Length];
        var fx = Enumerable.Repeat(1f, src.Length).ToArray();
        var fy = Enumerable.Repeat(-2f, src.Length).ToArray();
        Augmentation.Transform(src, viaField, 6, 5, 0, 0, 0, 1, false, fx, fy);
        Augmentation.Transform(src, viaShift, 6, 5, dx: -1, dy: 2, theta: 0, scale: 1, flip: false);
        Assert.Equal(viaShift, viaField);
    }

    [Fact]
    public void Zero_displacement_field_changes_nothing()
    {
        var src = Ramp(7, 9);
        var dst = new float[src.Length];
        var zero = new float[src.Length];
        Augmentation.Transform(src, dst, 7, 9, 0, 0, 0, 1, false, zero, zero);
        Assert.Equal(src, dst);
    }

    [Fact]
    public void Elastic_recipe_keeps_the_affine_draws_first_and_is_reproducible()
    {
        var img = Ramp(28, 28);
        var affine = Augmentation.Parse("shift=2,rotate=10");
        var elastic = Augmentation.Parse("shift=2,rotate=10,elastic=34,sigma=4");
        var a = (float[])img.Clone(); var b = (float[])img.Clone(); var c = (float[])img.Clone();
        var scratch = new float[img.Length];
        affine.ApplyInPlace(a, 28, 28, new Random(5), scratch);
        elastic.ApplyInPlace(b, 28, 28, new Random(5), scratch);
        elastic.ApplyInPlace(c, 28, 28, new Random(5), scratch);
        Assert.Equal(b, c);
        Assert.NotEqual(a, b);
        // The elastic field moves pixels by about a pixel: the images stay close but differ in many pixels.
        int differ = a.Zip(b).Count(p => Math.Abs(p.First - p.Second) > 1e-3f);
        Assert.True(differ > 100, $"only {differ} pixels changed");
        Assert.True(b.All(v => v >= -1e-6f && v <= 1 + 1e-6f));
    }
}
