namespace Basin.Data.Tests;

public class LettersTests
{
    [Fact]
    public void Five_binary_7x7_letters_A_to_E()
    {
        var letters = Letters.Create();
        Assert.Equal((5, 7, 7, 5), (letters.Count, letters.Rows, letters.Cols, letters.ClassCount));
        Assert.Equal(["A", "B", "C", "D", "E"], letters.ClassNames);
        Assert.Equal([0, 1, 2, 3, 4], letters.Labels);
        Assert.All(letters.Pixels, p => Assert.True(p is 0f or 1f));
        for (int k = 0; k < 5; k++)
        {
            Assert.Equal(Letters.Pattern(k), letters.Image(k).ToArray());
            Assert.InRange(Letters.Pattern(k).Sum(), 12, 30);
        }
    }

    [Fact]
    public void Letters_are_well_separated()
    {
        for (int a = 0; a < 5; a++)
        {
            for (int b = a + 1; b < 5; b++)
            {
                int hamming = Letters.Pattern(a).Zip(Letters.Pattern(b)).Count(p => p.First != p.Second);
                Assert.True(hamming >= 5, $"{Letters.ClassNames[a]} and {Letters.ClassNames[b]} differ in only {hamming} pixels");
            }
        }
    }

    [Fact]
    public void Glyphs_look_like_their_letters()
    {
        Assert.Equal("...#...\n..#.#..\n.#...#.\n#.....#\n#######\n#.....#\n#.....#", Letters.Render(0));
        Assert.StartsWith("#######", Letters.Render(4));
    }

    [Fact]
    public void Copies_are_interleaved_and_noise_is_seeded()
    {
        var clean = Letters.Create(copies: 3);
        Assert.Equal(15, clean.Count);
        Assert.Equal(clean.Image(1).ToArray(), clean.Image(6).ToArray());

        var noisy = Letters.Create(copies: 3, epsilon: 0.2, seed: 7);
        Assert.Equal(noisy.Pixels, Letters.Create(copies: 3, epsilon: 0.2, seed: 7).Pixels);
        Assert.NotEqual(noisy.Pixels, Letters.Create(copies: 3, epsilon: 0.2, seed: 8).Pixels);
        Assert.Contains("ε=0.2", noisy.Name);
        for (int i = 0; i < noisy.Count; i++)
            Assert.True(noisy.Image(i).ToArray().Zip(clean.Image(i).ToArray()).Count(p => p.First != p.Second) <= 9);
    }
}
