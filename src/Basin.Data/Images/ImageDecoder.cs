using System.Text;
using SkiaSharp;

namespace Basin.Data.Images;

/// <summary>
/// Decodes an encoded image — anything SkiaSharp's codecs read (PNG, JPEG, WebP, GIF, BMP, ICO) or a binary/ASCII PGM —
/// to grey levels in [0, 1]. Colour is reduced with the Rec. 601 luma weights Y = 0.299 R + 0.587 G + 0.114 B
/// (ITU-R BT.601), after compositing any transparency onto white (a digit drawn on a transparent canvas reads as ink on
/// paper). The EXIF orientation of a photo is applied, so a phone picture comes out upright.
/// </summary>
public static class ImageDecoder
{
    /// <summary>Largest accepted image, in pixels (a 64-megapixel photo); larger ones are refused before decoding.</summary>
    public const long MaxPixels = 64L * 1024 * 1024;

    /// <summary>
    /// Pixels an encoded image may declare per byte of the file beyond <see cref="FreePixels"/>: deflate expands at most
    /// 1 032:1, so a real PNG never comes near; a header promising more is refused before any pixel buffer is allocated.
    /// </summary>
    public const long PixelsPerByte = 1100;

    /// <summary>Pixels any file may declare whatever its size (a 256×256 image).</summary>
    public const long FreePixels = 256L * 256;

    /// <summary>Decodes <paramref name="bytes"/>; throws <see cref="InvalidDataException"/> for anything that is not a readable image.</summary>
    public static GrayImage Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length >= 2 && bytes[0] == 'P' && (bytes[1] == '5' || bytes[1] == '2')) return DecodePgm(bytes);
        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data) ?? throw new InvalidDataException("not a readable image (PNG, JPEG, WebP, GIF, BMP or PGM expected).");
        int w = codec.Info.Width, h = codec.Info.Height;
        if (w <= 0 || h <= 0) throw new InvalidDataException("the image has no pixels.");
        CheckSize(w, h, bytes.Length);
        var info = new SKImageInfo(w, h, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var bitmap = new SKBitmap(info);
        var result = codec.GetPixels(info, bitmap.GetPixels());
        if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
            throw new InvalidDataException($"the image could not be decoded ({result}).");
        using var upright = Orient(bitmap, codec.EncodedOrigin);
        return ToGray(upright.GetPixelSpan(), upright.Width, upright.Height);
    }

    /// <summary>Reads and decodes the file at <paramref name="path"/>; the messages of the exceptions name the file.</summary>
    public static GrayImage Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Image '{path}' does not exist.");
        try { return Decode(File.ReadAllBytes(path)); }
        catch (InvalidDataException e) { throw new InvalidDataException($"{path}: {e.Message}", e); }
    }

    private static void CheckSize(int w, int h, int encodedBytes)
    {
        long px = (long)w * h;
        if (px > MaxPixels) throw new InvalidDataException($"the image is {w}×{h}, larger than {MaxPixels / (1024 * 1024)} megapixels.");
        if (px > FreePixels + PixelsPerByte * encodedBytes)
            throw new InvalidDataException($"the header declares {w}×{h} pixels, more than a {encodedBytes}-byte file can hold.");
    }

    private static GrayImage ToGray(ReadOnlySpan<byte> rgba, int w, int h)
    {
        var px = new float[w * h];
        for (int i = 0; i < px.Length; i++)
        {
            float a = rgba[4 * i + 3] / 255f;
            float y = (0.299f * rgba[4 * i] + 0.587f * rgba[4 * i + 1] + 0.114f * rgba[4 * i + 2]) / 255f;
            px[i] = a * y + (1 - a);
        }
        return new GrayImage(px, w, h);
    }

    private static SKBitmap Orient(SKBitmap source, SKEncodedOrigin origin)
    {
        if (origin is SKEncodedOrigin.TopLeft or SKEncodedOrigin.Default) return source.Copy();
        bool swap = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        int w = swap ? source.Height : source.Width, h = swap ? source.Width : source.Height;
        var target = new SKBitmap(new SKImageInfo(w, h, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        using var canvas = new SKCanvas(target);
        canvas.SetMatrix(origin switch
        {
            SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),
            SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightTop => new SKMatrix(0, -1, w, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, w, -1, 0, h, 0, 0, 1),
            _ => new SKMatrix(0, 1, 0, -1, 0, h, 0, 0, 1),
        });
        using var image = SKImage.FromBitmap(source);
        canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Nearest), null);
        return target;
    }

    private static GrayImage DecodePgm(ReadOnlySpan<byte> span)
    {
        var b = span.ToArray();
        int pos = 2;
        string Token()
        {
            while (pos < b.Length && (char.IsWhiteSpace((char)b[pos]) || b[pos] == '#'))
            {
                if (b[pos] == '#') while (pos < b.Length && b[pos] != '\n') pos++;
                else pos++;
            }
            var sb = new StringBuilder();
            while (pos < b.Length && !char.IsWhiteSpace((char)b[pos])) sb.Append((char)b[pos++]);
            return sb.Length > 0 ? sb.ToString() : throw new InvalidDataException("truncated PGM header.");
        }
        bool binary = b[1] == '5';
        if (!int.TryParse(Token(), out int w) || !int.TryParse(Token(), out int h) || !int.TryParse(Token(), out int max) || w <= 0 || h <= 0 || max <= 0 || max > 255)
            throw new InvalidDataException("invalid PGM header (8-bit grayscale expected).");
        if ((long)w * h > MaxPixels) throw new InvalidDataException($"the image is {w}×{h}, larger than {MaxPixels / (1024 * 1024)} megapixels.");
        // Binary: one byte a pixel; ASCII: at least a digit and a separator a pixel. Checked before allocating.
        long need = binary ? (long)w * h : 2L * w * h - 1;
        if (b.Length - pos - (binary ? 1 : 0) < need) throw new InvalidDataException($"PGM data truncated (the header declares {w}×{h} pixels, the file holds fewer).");
        var px = new float[w * h];
        if (binary)
        {
            pos++;
            for (int i = 0; i < px.Length; i++) px[i] = b[pos + i] / (float)max;
        }
        else
            for (int i = 0; i < px.Length; i++)
                px[i] = int.TryParse(Token(), out int v) && v >= 0 && v <= max ? v / (float)max : throw new InvalidDataException($"invalid PGM pixel {i}.");
        return new GrayImage(px, w, h);
    }
}
