using System.Buffers.Binary;
using System.Text;

namespace Basin.Generative.Imaging;

/// <summary>One PNG chunk: four-letter type and data (W3C PNG specification §5.3).</summary>
public sealed record PngChunk(string Type, byte[] Data);

/// <summary>
/// Reads and writes the chunk layer of PNG files: length (big-endian), type, data, CRC-32 of type + data (ISO 3309,
/// reflected polynomial 0xEDB88320, PNG Annex D). Basin.Plotting's encoder keeps its CRC internal, and its files are
/// not to be changed here, so this is the one chunk codec of Basin.Generative (16-bit PNG, APNG).
/// </summary>
public static class PngChunks
{
    private static readonly uint[] Table = BuildTable();

    /// <summary>The PNG signature.</summary>
    public static ReadOnlySpan<byte> Signature => [137, 80, 78, 71, 13, 10, 26, 10];

    /// <summary>CRC-32 of <paramref name="type"/> followed by <paramref name="data"/>.</summary>
    public static uint Crc(ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        uint c = 0xFFFFFFFFu;
        foreach (byte b in type) c = Table[(c ^ b) & 0xFF] ^ (c >> 8);
        foreach (byte b in data) c = Table[(c ^ b) & 0xFF] ^ (c >> 8);
        return c ^ 0xFFFFFFFFu;
    }

    /// <summary>Writes one chunk.</summary>
    public static void Write(Stream output, string type, ReadOnlySpan<byte> data)
    {
        var t = Encoding.ASCII.GetBytes(type);
        if (t.Length != 4) throw new ArgumentException($"A chunk type has four letters, not '{type}'.");
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        output.Write(word);
        output.Write(t);
        output.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc(t, data));
        output.Write(word);
    }

    /// <summary>Every chunk of a PNG file, CRCs checked.</summary>
    /// <exception cref="InvalidDataException">No signature, truncated chunk or wrong CRC.</exception>
    public static IReadOnlyList<PngChunk> Read(ReadOnlySpan<byte> file)
    {
        if (file.Length < 8 || !file[..8].SequenceEqual(Signature)) throw new InvalidDataException("not a PNG file (no signature)");
        var chunks = new List<PngChunk>();
        int at = 8;
        while (at < file.Length)
        {
            if (at + 12 > file.Length) throw new InvalidDataException("truncated PNG chunk");
            int length = BinaryPrimitives.ReadInt32BigEndian(file[at..]);
            if (length < 0 || at + 12L + length > file.Length) throw new InvalidDataException("truncated PNG chunk");
            var type = file.Slice(at + 4, 4);
            var data = file.Slice(at + 8, length);
            if (BinaryPrimitives.ReadUInt32BigEndian(file[(at + 8 + length)..]) != Crc(type, data))
                throw new InvalidDataException($"bad CRC in PNG chunk {Encoding.ASCII.GetString(type)}");
            chunks.Add(new PngChunk(Encoding.ASCII.GetString(type), data.ToArray()));
            at += 12 + length;
        }
        return chunks;
    }

    private static uint[] BuildTable()
    {
        var t = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            t[n] = c;
        }
        return t;
    }
}
