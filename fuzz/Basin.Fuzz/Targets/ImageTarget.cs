using System.Text;
using Basin.Cli;
using Basin.Plotting;

namespace Basin.Fuzz.Targets;

/// <summary>
/// Image input of <c>sanode classify --image</c>: <see cref="GrayImageFile.Read"/> (PNG through Basin.Plotting's
/// PngDecoder, binary and ASCII PGM). This is the decoder path as of this commit; the switch of image decoding to
/// SkiaSharp (src/Basin.Data/Images) brings JPEG and will need its own target.
/// </summary>
public sealed class ImageTarget : FuzzTarget
{
    public override string Name => "image";
    public override string Description => "GrayImageFile.Read: PNG (all colour types the decoder takes) and PGM (P5, P2)";
    public override IReadOnlyList<Type> Rejections => [typeof(InvalidDataException)];

    /// <summary>zlib can expand 1032:1 and each pixel becomes a 4-byte float.</summary>
    public override long AllocationPerInputByte => 1100 * 6;

    public override void Parse(byte[] input) => GrayImageFile.Read(FuzzScratch.Write("fuzz.img", input));

    public override IEnumerable<(string Name, byte[] Bytes)> Seeds()
    {
        var gray = new byte[5 * 4];
        new Random(6).NextBytes(gray);
        var rgb = new byte[3 * 3 * 3];
        new Random(7).NextBytes(rgb);
        yield return ("gray.png", PngEncoder.Encode(gray, 5, 4, PngColorType.Grayscale));
        yield return ("rgb.png", PngEncoder.Encode(rgb, 3, 3, PngColorType.Rgb));
        yield return ("p5.pgm", [.. Encoding.ASCII.GetBytes("P5\n# c\n5 4\n255\n"), .. gray]);
        yield return ("p2.pgm", Encoding.ASCII.GetBytes("P2\n3 2\n15\n0 1 2\n3 15 7\n"));
    }
}
