namespace Basin.Data;

/// <summary>
/// The synthetic dataset of SA-nODE (Marino et al. 2024, §IV, Fig. 2): the letters A–E as binarised 7×7
/// glyphs (1 = ink, 0 = background), built in. A dataset holds <c>copies</c> copies of each letter,
/// optionally corrupted with <see cref="Noise"/>; the paper trains and tests on such reservoirs.
/// </summary>
public static class Letters
{
    /// <summary>Glyph height.</summary>
    public const int Rows = 7;

    /// <summary>Glyph width.</summary>
    public const int Cols = 7;

    /// <summary>The class names "A" … "E".</summary>
    public static IReadOnlyList<string> ClassNames { get; } = ["A", "B", "C", "D", "E"];

    private static readonly string[][] Glyphs =
    [
        [
            "...#...",
            "..#.#..",
            ".#...#.",
            "#.....#",
            "#######",
            "#.....#",
            "#.....#",
        ],
        [
            "######.",
            "#.....#",
            "#.....#",
            "######.",
            "#.....#",
            "#.....#",
            "######.",
        ],
        [
            ".#####.",
            "#.....#",
            "#......",
            "#......",
            "#......",
            "#.....#",
            ".#####.",
        ],
        [
            "#####..",
            "#....#.",
            "#.....#",
            "#.....#",
            "#.....#",
            "#....#.",
            "#####..",
        ],
        [
            "#######",
            "#......",
            "#......",
            "#####..",
            "#......",
            "#......",
            "#######",
        ],
    ];

    /// <summary>The 49 pixels (row-major, 0 or 1) of letter <paramref name="label"/> (0 = A … 4 = E); a fresh copy.</summary>
    public static float[] Pattern(int label)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(label);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(label, Glyphs.Length);
        var pixels = new float[Rows * Cols];
        for (int r = 0; r < Rows; r++)
        {
            for (int c = 0; c < Cols; c++)
                pixels[r * Cols + c] = Glyphs[label][r][c] == '#' ? 1f : 0f;
        }
        return pixels;
    }

    /// <summary>The glyph of letter <paramref name="label"/> as seven lines of '#' and '.'.</summary>
    public static string Render(int label) => string.Join('\n', Glyphs[label]);

    /// <summary>
    /// A dataset of <paramref name="copies"/> copies of each letter, ordered A, B, C, D, E, A, B, …; with
    /// <paramref name="epsilon"/> &gt; 0 every image is corrupted by <see cref="Noise"/> using <c>new Random(seed)</c>.
    /// </summary>
    public static LabeledImages Create(int copies = 1, double epsilon = 0, int seed = 0) =>
        Create(copies, epsilon, new Random(seed));

    /// <summary>As <see cref="Create(int, double, int)"/>, drawing the noise from <paramref name="random"/>.</summary>
    public static LabeledImages Create(int copies, double epsilon, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(copies);
        ArgumentNullException.ThrowIfNull(random);
        int k = Glyphs.Length;
        int n = Rows * Cols;
        var patterns = Enumerable.Range(0, k).Select(Pattern).ToArray();
        var pixels = new float[copies * k * n];
        var labels = new byte[copies * k];
        for (int i = 0; i < labels.Length; i++)
        {
            labels[i] = (byte)(i % k);
            patterns[i % k].CopyTo(pixels.AsSpan(i * n, n));
        }
        string name = epsilon == 0
            ? $"Letters A–E 7×7 ({copies} copies)"
            : FormattableString.Invariant($"Letters A–E 7×7 ({copies} copies, noise ε={epsilon})");
        var images = new LabeledImages(name, pixels, labels, Rows, Cols, ClassNames);
        Noise.CorruptInPlace(images, epsilon, random);
        return images;
    }
}
