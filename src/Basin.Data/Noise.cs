namespace Basin.Data;

/// <summary>
/// The input noise of SA-nODE (Marino et al. 2024, §III): with a level ε ∈ [0, 1], ⌊εN⌋ distinct pixels of
/// each N-pixel image, chosen uniformly at random, are replaced by independent uniform values in [0, 1).
/// ε = 0 leaves images unchanged; ε = 1 replaces every pixel.
/// </summary>
/// <remarks>
/// Deterministic for a given <see cref="Random"/> seed and image order: per image, a partial Fisher–Yates
/// shuffle of 0..N−1 draws the positions, then one <see cref="Random.NextSingle"/> per position the values.
/// </remarks>
public static class Noise
{
    /// <summary>
    /// ⌊εN⌋, the number of pixels corrupted per image. A relative tolerance of 1e-9 keeps decimal levels
    /// exact (0.29 × 100 is 28.999… in binary floating point but means 29).
    /// </summary>
    public static int CorruptedPixelCount(double epsilon, int pixelsPerImage)
    {
        if (!(epsilon >= 0 && epsilon <= 1))
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "The noise level ε must lie in [0, 1].");
        ArgumentOutOfRangeException.ThrowIfNegative(pixelsPerImage);
        return Math.Min(pixelsPerImage, (int)Math.Floor(epsilon * pixelsPerImage * (1 + 1e-9)));
    }

    /// <summary>Corrupts one image in place.</summary>
    public static void CorruptInPlace(Span<float> image, double epsilon, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        int k = CorruptedPixelCount(epsilon, image.Length);
        if (k == 0)
            return;
        var positions = new int[image.Length];
        Corrupt(image, k, positions, random);
    }

    /// <summary>Corrupts every image of <paramref name="images"/> in place, in index order.</summary>
    public static void CorruptInPlace(LabeledImages images, double epsilon, Random random)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(random);
        int n = images.PixelsPerImage;
        int k = CorruptedPixelCount(epsilon, n);
        if (k == 0)
            return;
        var positions = new int[n];
        for (int i = 0; i < images.Count; i++)
            Corrupt(images.Image(i), k, positions, random);
    }

    /// <summary>A corrupted copy of <paramref name="images"/>; the original is unchanged.</summary>
    public static LabeledImages Corrupt(LabeledImages images, double epsilon, Random random)
    {
        ArgumentNullException.ThrowIfNull(images);
        var copy = images.Clone(epsilon == 0 ? images.Name : FormattableString.Invariant($"{images.Name}, noise ε={epsilon}"));
        CorruptInPlace(copy, epsilon, random);
        return copy;
    }

    /// <summary>A corrupted copy of <paramref name="images"/> using <c>new Random(seed)</c>.</summary>
    public static LabeledImages Corrupt(LabeledImages images, double epsilon, int seed) =>
        Corrupt(images, epsilon, new Random(seed));

    private static void Corrupt(Span<float> image, int k, int[] positions, Random random)
    {
        for (int j = 0; j < positions.Length; j++)
            positions[j] = j;
        for (int j = 0; j < k; j++)
        {
            int r = random.Next(j, positions.Length);
            (positions[j], positions[r]) = (positions[r], positions[j]);
            image[positions[j]] = random.NextSingle();
        }
    }
}
