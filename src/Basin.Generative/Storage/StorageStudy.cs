using Basin.Plotting;

namespace Basin.Generative.Storage;

/// <summary>A greyscale test image, row-major in [0, 1].</summary>
public sealed record StorageImage(string Name, float[] Pixels, int Width, int Height)
{
    /// <summary>
    /// Loads a PNG, crops the centred square, box-averages it to <paramref name="size"/>² and takes the Rec. 601 luma
    /// Y = 0.299 R + 0.587 G + 0.114 B.
    /// </summary>
    public static StorageImage FromPng(string name, string path, int size)
    {
        var img = PngDecoder.Read(path);
        int side = Math.Min(img.Width, img.Height), x0 = (img.Width - side) / 2, y0 = (img.Height - side) / 2;
        if (size < 8 || size > side) throw new ArgumentException($"Cannot downscale a {img.Width}×{img.Height} image to {size}×{size}.");
        var sum = new double[size * size];
        var n = new int[size * size];
        for (int y = 0; y < side; y++)
            for (int x = 0; x < side; x++)
            {
                var c = img.GetPixel(x0 + x, y0 + y);
                int cell = y * size / side * size + x * size / side;
                sum[cell] += (0.299 * c.R + 0.587 * c.G + 0.114 * c.B) / 255;
                n[cell]++;
            }
        return new StorageImage(name, [.. sum.Select((s, i) => (float)(s / n[i]))], size, size);
    }
}

/// <summary>The storage study's settings.</summary>
/// <param name="Shapes">CPPN sizes fitted to every image (small to large).</param>
/// <param name="Steps">Adam steps per fit.</param>
/// <param name="Seed">Seed of every fit.</param>
public sealed record StorageOptions(IReadOnlyList<CppnCodecShape> Shapes, int Steps = 1500, ulong Seed = 1)
{
    /// <summary>Three sizes, ≈ 0.5, 1.2 and 2.7 KB of weights.</summary>
    public static IReadOnlyList<CppnCodecShape> DefaultShapes { get; } = [new(12, 2, 8, 6), new(20, 2, 16, 10), new(28, 3, 24, 14)];
}

/// <summary>One row of the storage table: an image stored one way.</summary>
/// <param name="Image">Test image name.</param>
/// <param name="Method">"cppn H×L (K features)", "jpeg q=Q" or "png".</param>
/// <param name="Bytes">Stored size.</param>
/// <param name="Psnr">PSNR of the reconstruction, dB (∞ for lossless).</param>
/// <param name="Ssim">Mean SSIM of the reconstruction.</param>
/// <param name="MatchedTo">For JPEG: the CPPN byte budget it was matched to; else null.</param>
public sealed record StorageRow(string Image, string Method, int Bytes, double Psnr, double Ssim, int? MatchedTo = null);

/// <summary>
/// The white paper's storage claim (§F.3, "efficient storage") measured: each image is stored as a quantised fitted
/// CPPN (<see cref="QuantisedCppn"/>), as a JPEG of at most the same bytes (<see cref="JpegCodec.AtBytes"/>), and as a
/// lossless PNG (Basin's <see cref="PngEncoder"/>); the reconstructions are scored by PSNR and SSIM
/// (<see cref="ImageQuality"/>). The CPPN's bytes are the real length of its encoding, decoded back before scoring.
/// </summary>
public static class StorageStudy
{
    /// <summary>Runs the study; <paramref name="progress"/> receives the number of fits done.</summary>
    public static IReadOnlyList<StorageRow> Run(IReadOnlyList<StorageImage> images, StorageOptions o, IProgress<int>? progress = null, CancellationToken cancel = default)
    {
        if (images.Count == 0 || o.Shapes.Count == 0) throw new ArgumentException("The storage study needs at least one image and one CPPN shape.");
        var rows = new List<StorageRow>();
        int done = 0;
        foreach (var img in images)
        {
            var gray8 = img.Pixels.Select(v => (byte)Math.Round(Math.Clamp(v, 0f, 1f) * 255)).ToArray();
            var quantised = gray8.Select(b => b / 255f).ToArray();
            rows.Add(new StorageRow(img.Name, "png", PngEncoder.Encode(gray8, img.Width, img.Height, PngColorType.Grayscale).Length, double.PositiveInfinity, 1));
            foreach (var shape in o.Shapes)
            {
                var net = CppnFit.Fit(quantised, img.Width, img.Height, new CppnFitOptions(shape, o.Steps, Seed: o.Seed), cancel);
                var bytes = QuantisedCppn.Encode(net, shape, o.Seed, img.Width, img.Height);
                var (back, w, h) = QuantisedCppn.Decode(bytes);
                var rec = CppnFit.Render(back, w, h);
                rows.Add(new StorageRow(img.Name, $"cppn {shape.Hidden}x{shape.Layers} ({shape.Features} features)", bytes.Length,
                    ImageQuality.Psnr(quantised, rec), ImageQuality.Ssim(quantised, rec, w, h)));
                var (q, jpeg) = JpegCodec.AtBytes(quantised, img.Width, img.Height, bytes.Length);
                var dec = JpegCodec.Decode(jpeg, img.Width, img.Height);
                rows.Add(new StorageRow(img.Name, $"jpeg q={q}", jpeg.Length, ImageQuality.Psnr(quantised, dec), ImageQuality.Ssim(quantised, dec, img.Width, img.Height), bytes.Length));
                progress?.Report(++done);
            }
        }
        return rows;
    }
}
