using System.Buffers.Binary;
using Basin.Plotting;

namespace Basin.Generative.Imaging;

/// <summary>
/// Animated PNG (APNG 1.0, Mozilla; PNG 3rd edition §11.3.6): IHDR, <c>acTL</c> (frame count, plays = 0: loop for ever),
/// then per frame an <c>fcTL</c> (size, offset, delay, dispose none, blend source) and its image data — IDAT for the
/// first frame (so viewers without APNG show it), <c>fdAT</c> (sequence number + data) after. fcTL and fdAT share one
/// sequence counter from 0. Each frame's zlib stream is Basin.Plotting's <see cref="PngEncoder"/> output for that
/// frame, so filtering and compression are the encoder's and the file is a pure function of the frames.
/// </summary>
public static class ApngEncoder
{
    /// <summary>Encodes equal-sized RGBA frames shown <paramref name="delayMs"/> each, looping.</summary>
    public static byte[] Encode(IReadOnlyList<Rgba32[]> frames, int width, int height, int delayMs)
    {
        if (frames.Count < 1) throw new ArgumentException("An animation needs at least one frame.");
        if (delayMs < 1 || delayMs > 65535) throw new ArgumentException("Frame delay must be 1…65535 ms.");
        using var ms = new MemoryStream();
        ms.Write(PngChunks.Signature);
        uint seq = 0;
        for (int f = 0; f < frames.Count; f++)
        {
            if (frames[f].Length != width * height) throw new ArgumentException($"Frame {f} has {frames[f].Length} pixels, not {width}×{height}.");
            var chunks = PngChunks.Read(PngEncoder.Encode(frames[f], width, height));
            if (f == 0)
            {
                PngChunks.Write(ms, "IHDR", chunks.First(c => c.Type == "IHDR").Data);
                var actl = new byte[8];
                BinaryPrimitives.WriteInt32BigEndian(actl, frames.Count);
                PngChunks.Write(ms, "acTL", actl);
            }
            var fctl = new byte[26];
            BinaryPrimitives.WriteUInt32BigEndian(fctl, seq++);
            BinaryPrimitives.WriteInt32BigEndian(fctl.AsSpan(4), width);
            BinaryPrimitives.WriteInt32BigEndian(fctl.AsSpan(8), height);
            BinaryPrimitives.WriteUInt16BigEndian(fctl.AsSpan(20), (ushort)delayMs);
            BinaryPrimitives.WriteUInt16BigEndian(fctl.AsSpan(22), 1000);
            PngChunks.Write(ms, "fcTL", fctl);
            foreach (var idat in chunks.Where(c => c.Type == "IDAT"))
            {
                if (f == 0) { PngChunks.Write(ms, "IDAT", idat.Data); continue; }
                var fdat = new byte[4 + idat.Data.Length];
                BinaryPrimitives.WriteUInt32BigEndian(fdat, seq++);
                idat.Data.CopyTo(fdat, 4);
                PngChunks.Write(ms, "fdAT", fdat);
            }
        }
        PngChunks.Write(ms, "IEND", []);
        return ms.ToArray();
    }
}

/// <summary>An APNG read back: frames, plays (0 = for ever), delay of each frame in ms.</summary>
public sealed record ApngFile(int Width, int Height, int Plays, IReadOnlyList<PngImage> Frames, IReadOnlyList<double> DelaysMs)
{
    /// <summary>
    /// Decodes an APNG written with full-size frames: checks the acTL frame count and that fcTL/fdAT sequence numbers
    /// run 0, 1, 2, …; each frame's data is rewrapped as a plain PNG and decoded by <see cref="PngDecoder"/>.
    /// </summary>
    public static ApngFile Decode(ReadOnlySpan<byte> file)
    {
        var chunks = PngChunks.Read(file);
        var ihdr = chunks.FirstOrDefault(c => c.Type == "IHDR")?.Data ?? throw new InvalidDataException("PNG without IHDR");
        var actl = chunks.FirstOrDefault(c => c.Type == "acTL")?.Data ?? throw new InvalidDataException("not an animated PNG (no acTL)");
        int declared = BinaryPrimitives.ReadInt32BigEndian(actl), plays = BinaryPrimitives.ReadInt32BigEndian(actl.AsSpan(4));
        var frames = new List<List<byte[]>>();
        var delays = new List<double>();
        uint expect = 0;
        foreach (var c in chunks)
        {
            switch (c.Type)
            {
                case "fcTL":
                    if (BinaryPrimitives.ReadUInt32BigEndian(c.Data) != expect++) throw new InvalidDataException("APNG sequence numbers out of order");
                    int den = BinaryPrimitives.ReadUInt16BigEndian(c.Data.AsSpan(22));
                    delays.Add(1000.0 * BinaryPrimitives.ReadUInt16BigEndian(c.Data.AsSpan(20)) / (den == 0 ? 100 : den));
                    frames.Add([]);
                    break;
                case "IDAT" when frames.Count > 0:
                    frames[^1].Add(c.Data);
                    break;
                case "fdAT":
                    if (BinaryPrimitives.ReadUInt32BigEndian(c.Data) != expect++) throw new InvalidDataException("APNG sequence numbers out of order");
                    frames[^1].Add(c.Data[4..]);
                    break;
            }
        }
        if (frames.Count != declared) throw new InvalidDataException($"acTL declares {declared} frames, the file holds {frames.Count}");
        var images = frames.Select(parts =>
        {
            using var ms = new MemoryStream();
            ms.Write(PngChunks.Signature);
            PngChunks.Write(ms, "IHDR", ihdr);
            PngChunks.Write(ms, "IDAT", [.. parts.SelectMany(p => p)]);
            PngChunks.Write(ms, "IEND", []);
            return PngDecoder.Decode(ms.ToArray());
        }).ToList();
        return new ApngFile(BinaryPrimitives.ReadInt32BigEndian(ihdr), BinaryPrimitives.ReadInt32BigEndian(ihdr.AsSpan(4)), plays, images, delays);
    }
}
