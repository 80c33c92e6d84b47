namespace Basin.Data.Images;

/// <summary>A grayscale image: <paramref name="Pixels"/> in [0, 1] (0 black, 1 white), row-major, <paramref name="Width"/> × <paramref name="Height"/>.</summary>
public sealed record GrayImage(float[] Pixels, int Width, int Height)
{
    /// <summary>The pixel at column <paramref name="x"/>, row <paramref name="y"/>.</summary>
    public float this[int x, int y] => Pixels[y * Width + x];
}
