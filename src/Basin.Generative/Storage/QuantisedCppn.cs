using System.Buffers.Binary;
using Basin.Dfsa.Art;
using Basin.Dfsa.Networks;

namespace Basin.Generative.Storage;

/// <summary>Shape of a fitted greyscale CPPN: everything needed, with the seed, to rebuild it from its quantised weights.</summary>
/// <param name="Hidden">Hidden width.</param>
/// <param name="Layers">Hidden layers.</param>
/// <param name="Features">Fourier features.</param>
/// <param name="Bandwidth">Largest integer frequency.</param>
public sealed record CppnCodecShape(int Hidden, int Layers, int Features, int Bandwidth)
{
    /// <summary>The network for <paramref name="seed"/> (Fourier buffers and initial weights drawn from it).</summary>
    public RichCppnNetwork Create(ulong seed) =>
        new(new NetworkSpec(Architecture.Cppn, 2, 1, Hidden, Layers), new RichCppnShape(Features, Bandwidth, false, "rgb"), new Rng(seed));
}

/// <summary>
/// A fitted CPPN stored as bytes: a 16-byte header (seed u64, hidden u8, layers u8, features u8, bandwidth u8, image
/// width u16, height u16), then per parameter tensor its minimum and maximum as float32 and every weight quantised
/// to 8 bits, q = round(255 (w − min)/(max − min)). The Fourier buffers are not stored: the seed redraws them.
/// </summary>
public static class QuantisedCppn
{
    /// <summary>Encodes <paramref name="net"/> (built by <paramref name="shape"/> from <paramref name="seed"/>).</summary>
    public static byte[] Encode(RichCppnNetwork net, CppnCodecShape shape, ulong seed, int width, int height)
    {
        using var ms = new MemoryStream();
        Span<byte> head = stackalloc byte[16];
        BinaryPrimitives.WriteUInt64LittleEndian(head, seed);
        head[8] = checked((byte)shape.Hidden); head[9] = checked((byte)shape.Layers); head[10] = checked((byte)shape.Features); head[11] = checked((byte)shape.Bandwidth);
        BinaryPrimitives.WriteUInt16LittleEndian(head[12..], checked((ushort)width));
        BinaryPrimitives.WriteUInt16LittleEndian(head[14..], checked((ushort)height));
        ms.Write(head);
        Span<byte> f = stackalloc byte[4];
        foreach (var (_, p) in net.NamedParameters())
        {
            var v = p.Value.Contiguous().Span;
            float lo = float.PositiveInfinity, hi = float.NegativeInfinity;
            foreach (var x in v) { lo = Math.Min(lo, x); hi = Math.Max(hi, x); }
            BinaryPrimitives.WriteSingleLittleEndian(f, lo); ms.Write(f);
            BinaryPrimitives.WriteSingleLittleEndian(f, hi); ms.Write(f);
            float span = hi - lo;
            foreach (var x in v) ms.WriteByte(span > 0 ? (byte)Math.Round(255 * (x - lo) / span) : (byte)0);
        }
        return ms.ToArray();
    }

    /// <summary>Rebuilds the network from <see cref="Encode"/>'s bytes; returns it and the image size.</summary>
    /// <exception cref="InvalidDataException">Wrong length for the shape in the header.</exception>
    public static (RichCppnNetwork Network, int Width, int Height) Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 16) throw new InvalidDataException("quantised CPPN: truncated header");
        ulong seed = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        var shape = new CppnCodecShape(bytes[8], bytes[9], bytes[10], bytes[11]);
        int w = BinaryPrimitives.ReadUInt16LittleEndian(bytes[12..]), h = BinaryPrimitives.ReadUInt16LittleEndian(bytes[14..]);
        var net = shape.Create(seed);
        int at = 16;
        foreach (var (_, p) in net.NamedParameters())
        {
            var v = p.Value.Span;
            if (at + 8 + v.Length > bytes.Length) throw new InvalidDataException("quantised CPPN: truncated weights");
            float lo = BinaryPrimitives.ReadSingleLittleEndian(bytes[at..]), hi = BinaryPrimitives.ReadSingleLittleEndian(bytes[(at + 4)..]);
            at += 8;
            for (int i = 0; i < v.Length; i++) v[i] = lo + (hi - lo) * bytes[at + i] / 255f;
            at += v.Length;
        }
        if (at != bytes.Length) throw new InvalidDataException("quantised CPPN: trailing bytes");
        return (net, w, h);
    }
}
