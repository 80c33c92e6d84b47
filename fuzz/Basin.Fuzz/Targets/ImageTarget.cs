using System.Text;
using Basin.Cli;
using Basin.Plotting;

namespace Basin.Fuzz.Targets;

/// <summary>
/// Image input of <c>sanode classify --image</c> and of uploads to <c>basin serve</c>: <see cref="GrayImageFile.Read"/>,
/// i.e. <see cref="Basin.Data.Images.ImageDecoder"/> (SkiaSharp's codecs: PNG, JPEG, WebP, GIF, BMP; Basin's binary and
/// ASCII PGM reader). The seeds cover PNG and PGM; a JPEG seed is added so the mutations reach libjpeg-turbo.
/// </summary>
public sealed class ImageTarget : FuzzTarget
{
    public override string Name => "image";
    public override string Description => "GrayImageFile.Read: SkiaSharp codecs (PNG, JPEG, WebP, GIF, BMP) and PGM (P5, P2)";
    public override IReadOnlyList<Type> Rejections => [typeof(InvalidDataException)];

    /// <summary>zlib can expand 1032:1 and each pixel becomes a 4-byte float.</summary>
    public override long AllocationPerInputByte => 1100 * 6;

    public override void Parse(byte[] input) => GrayImageFile.Read(FuzzScratch.Write("fuzz.img", input));

    private static byte[] Jpeg(byte[] gray, int w, int h)
    {
        using var bitmap = new SkiaSharp.SKBitmap(new SkiaSharp.SKImageInfo(w, h, SkiaSharp.SKColorType.Gray8));
        gray.AsSpan(0, w * h).CopyTo(bitmap.GetPixelSpan());
        using var data = bitmap.Encode(SkiaSharp.SKEncodedImageFormat.Jpeg, 80);
        return data.ToArray();
    }

    public override IEnumerable<(string Name, byte[] Bytes)> Seeds()
    {
        var gray = new byte[5 * 4];
        new Random(6).NextBytes(gray);
        var rgb = new byte[3 * 3 * 3];
        new Random(7).NextBytes(rgb);
        yield return ("gray.png", PngEncoder.Encode(gray, 5, 4, PngColorType.Grayscale));
        yield return ("rgb.png", PngEncoder.Encode(rgb, 3, 3, PngColorType.Rgb));
        yield return ("p5.pgm", [.. Encoding.ASCII.GetBytes("P5\n# c\n5 4\n255\n"), .. gray]);
        yield return ("tiny.jpg", Jpeg(gray, 5, 4));
        yield return ("p2.pgm", Encoding.ASCII.GetBytes("P2\n3 2\n15\n0 1 2\n3 15 7\n"));
    }
}
