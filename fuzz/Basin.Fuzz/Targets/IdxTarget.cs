using System.IO.Compression;
using Basin.Data;

namespace Basin.Fuzz.Targets;

/// <summary>IDX files, plain and gzip-compressed (<see cref="IdxReader.Read(Stream, string)"/>).</summary>
public sealed class IdxTarget : FuzzTarget
{
    public override string Name => "idx";
    public override string Description => "IdxReader.Read: IDX arrays (labels, images), plain or .gz";
    public override IReadOnlyList<Type> Rejections => [typeof(InvalidDataException)];

    /// <summary>Deflate expands at most 1032:1, so a gzip input may legitimately hold that much more data than its size.</summary>
    public override long AllocationPerInputByte => 1100;

    public override void Parse(byte[] input)
    {
        using var ms = new MemoryStream(input, writable: false);
        IdxReader.Read(ms, "fuzz.idx");
    }

    public override IEnumerable<(string Name, byte[] Bytes)> Seeds()
    {
        var px = new byte[3 * 4 * 4];
        new Random(4).NextBytes(px);
        yield return ("images", Idx(px, [3, 4, 4], false));
        yield return ("images-gz", Idx(px, [3, 4, 4], true));
        yield return ("labels", Idx([0, 1, 2, 9], [4], false));
        yield return ("labels-gz", Idx([0, 1, 2, 9], [4], true));
    }

    private static byte[] Idx(byte[] data, int[] dims, bool gzip)
    {
        using var ms = new MemoryStream();
        if (gzip)
        {
            using var gz = new GZipStream(ms, CompressionLevel.Optimal, leaveOpen: true);
            IdxWriter.Write(gz, data, dims);
        }
        else IdxWriter.Write(ms, data, dims);
        return ms.ToArray();
    }
}
