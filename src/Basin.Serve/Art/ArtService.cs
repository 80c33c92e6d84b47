using System.Collections.Concurrent;
using Basin.Dfsa.Art;
using Basin.Serve.Api;
using Basin.Studies.Dfsa;
using SkiaSharp;

namespace Basin.Serve.Art;

/// <summary>What one art image is made of: the seed, the palette, the entropy weight, pinned letters and the size.</summary>
public sealed record ArtRequest(ulong Seed = 1, string Palette = "rgb", double Entropy = 0, string? Letters = null, int Size = 192)
{
    /// <summary>400 for values out of range.</summary>
    public ArtRequest Validate()
    {
        if (!ArtSheet.Palettes.Contains(Palette)) throw ApiException.BadRequest($"unknown palette '{Palette}'; palettes: {string.Join(", ", ArtSheet.Palettes)}.");
        if (Size is < 16 or > 512) throw ApiException.BadRequest($"size {Size} must be in [16, 512].");
        if (!double.IsFinite(Entropy) || Math.Abs(Entropy) > 100) throw ApiException.BadRequest($"entropy {Entropy} must be finite, |entropy| ≤ 100.");
        if (Letters is { Length: > 0 } l && (l.Length > 16 || l.Any(c => c is < 'A' or > 'E')))
            throw ApiException.BadRequest($"letters '{l}' must be up to 16 of the built-in letters A–E.");
        return this;
    }
}

/// <summary>
/// Generative art from the DFSA library (<see cref="ArtSheet"/>: a CPPN trained data-free for stochasticity and geometry,
/// Kalafus 2024 §F) as PNG: the same request gives byte-identical PNG. The last 64 images are kept.
/// </summary>
public sealed class ArtService(int slots)
{
    private readonly ConcurrentDictionary<ArtRequest, Lazy<byte[]>> _cache = new();
    private readonly SemaphoreSlim _gate = new(slots, slots);

    /// <summary>The PNG of <paramref name="request"/>.</summary>
    public async Task<byte[]> PngAsync(ArtRequest request, CancellationToken cancel = default)
    {
        request = request.Validate() with { Letters = string.IsNullOrEmpty(request.Letters) ? null : request.Letters };
        if (_cache.Count > 64) _cache.Clear();
        var lazy = _cache.GetOrAdd(request, r => new Lazy<byte[]>(() => Render(r)));
        await _gate.WaitAsync(cancel);
        try { return lazy.Value; }
        finally { _gate.Release(); }
    }

    private static byte[] Render(ArtRequest r)
    {
        var image = ArtSheet.Render(new ArtSheetOptions(r.Seed, 1, r.Size, r.Palette, new ArtOptions { Entropy = r.Entropy }, r.Letters))[0];
        var info = new SKImageInfo(r.Size, r.Size, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var bitmap = new SKBitmap(info);
        var span = bitmap.GetPixelSpan();
        var bytes = new byte[span.Length];
        for (int i = 0; i < image.Pixels.Length; i++)
        {
            var c = image.Pixels[i];
            bytes[4 * i] = c.R; bytes[4 * i + 1] = c.G; bytes[4 * i + 2] = c.B; bytes[4 * i + 3] = c.A;
        }
        System.Runtime.InteropServices.Marshal.Copy(bytes, 0, bitmap.GetPixels(), bytes.Length);
        using var img = SKImage.FromBitmap(bitmap);
        using var data = img.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
