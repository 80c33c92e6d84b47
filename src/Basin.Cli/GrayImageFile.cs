using Basin.Data.Images;

namespace Basin.Cli;

/// <summary>When <see cref="GrayImageFile.ReadForModel"/> prepares an image the MNIST way (<see cref="MnistPreparation"/>).</summary>
public enum ImagePreparation
{
    /// <summary>An image of exactly the model's side × side is used as it is (an exported dataset image); any other is prepared.</summary>
    Auto,
    /// <summary>Always prepared: inverted when the paper is light, cropped to the ink, fitted to the box, centred by mass.</summary>
    Always,
    /// <summary>Never prepared: the image must have exactly the model's N pixels.</summary>
    Never,
}

/// <summary>Reads a user's image (PNG, JPEG, WebP, GIF, BMP or PGM, any size; <see cref="ImageDecoder"/>) as a model input in [0, 1], row-major.</summary>
public static class GrayImageFile
{
    /// <summary>Grey levels, width and height of the image at <paramref name="path"/>.</summary>
    public static (float[] Pixels, int Width, int Height) Read(string path)
    {
        var g = ImageDecoder.Read(path);
        return (g.Pixels, g.Width, g.Height);
    }

    /// <summary>
    /// The image at <paramref name="path"/> as an input of <paramref name="n"/> pixels: as it is, or prepared like MNIST
    /// (<see cref="MnistPreparation"/>, geometry <see cref="MnistPreparationOptions.ForPixels"/>) per <paramref name="mode"/>.
    /// </summary>
    public static (float[] Pixels, string Source) ReadForModel(string path, int n, ImagePreparation mode = ImagePreparation.Auto)
    {
        var g = ImageDecoder.Read(path);
        bool exact = g.Pixels.Length == n && g.Width == g.Height;
        if (mode == ImagePreparation.Never || (mode == ImagePreparation.Auto && exact))
        {
            if (g.Pixels.Length != n) throw new ArgumentException($"{path} has {g.Width}×{g.Height} pixels but the model has N = {n} nodes (leave out --prepare never to prepare it).");
            return (g.Pixels, $"{path} ({g.Width}×{g.Height})");
        }
        var o = MnistPreparationOptions.ForPixels(n);
        try { return (MnistPreparation.Prepare(g, o), $"{path} ({g.Width}×{g.Height} → {o.Size}×{o.Size})"); }
        catch (InvalidDataException e) { throw new InvalidDataException($"{path}: {e.Message}", e); }
    }
}
