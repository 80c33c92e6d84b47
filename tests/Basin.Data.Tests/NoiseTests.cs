namespace Basin.Data.Tests;

public class NoiseTests
{
    [Theory]
    [InlineData(0.0, 49, 0)]
    [InlineData(0.2, 49, 9)]
    [InlineData(0.3, 49, 14)]
    [InlineData(0.29, 100, 29)]
    [InlineData(0.1, 784, 78)]
    [InlineData(1.0, 784, 784)]
    public void Count_is_floor_of_epsilon_N(double epsilon, int n, int expected) =>
        Assert.Equal(expected, Noise.CorruptedPixelCount(epsilon, n));

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.1)]
    [InlineData(double.NaN)]
    public void Epsilon_outside_the_unit_interval_is_rejected(double epsilon) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Noise.CorruptedPixelCount(epsilon, 10));

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(0.73)]
    [InlineData(1.0)]
    public void Exactly_floor_epsilon_N_distinct_pixels_get_uniform_values(double epsilon)
    {
        var image = Enumerable.Repeat(-1f, 49).ToArray();
        Noise.CorruptInPlace(image, epsilon, new Random(3));
        Assert.Equal((int)Math.Floor(epsilon * 49 + 1e-9), image.Count(v => v != -1f));
        Assert.All(image.Where(v => v != -1f), v => Assert.InRange(v, 0f, 1f));
    }

    [Fact]
    public void Every_image_gets_its_own_positions_and_the_count_is_exact()
    {
        var data = new LabeledImages("z", new float[200 * 49], new byte[200], 7, 7, ["z"]);
        var noisy = Noise.Corrupt(data, 0.3, seed: 11);
        Assert.All(Enumerable.Range(0, 200), i => Assert.Equal(14, noisy.Image(i).ToArray().Count(v => v != 0f)));
        Assert.All(data.Pixels, v => Assert.Equal(0f, v));
        Assert.NotEqual(noisy.Image(0).ToArray(), noisy.Image(1).ToArray());

        var hits = new int[49];
        for (int i = 0; i < 200; i++)
        {
            var image = noisy.Image(i);
            for (int p = 0; p < 49; p++)
                hits[p] += image[p] != 0f ? 1 : 0;
        }
        Assert.All(hits, h => Assert.InRange(h, 25, 95));
    }

    [Fact]
    public void Same_seed_same_noise()
    {
        var letters = Letters.Create(copies: 4);
        Assert.Equal(Noise.Corrupt(letters, 0.4, 5).Pixels, Noise.Corrupt(letters, 0.4, new Random(5)).Pixels);
        Assert.NotEqual(Noise.Corrupt(letters, 0.4, 5).Pixels, Noise.Corrupt(letters, 0.4, 6).Pixels);
    }
}
