using System.Formats.Tar;
using System.IO.Compression;

namespace Basin.Data.Tests;

internal static class TarBuilder
{
    public static byte[] TarGz(params (string Name, byte[] Content)[] files)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var (name, content) in files)
            {
                var entry = new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content) };
                tar.WriteEntry(entry);
            }
        }
        return buffer.ToArray();
    }

    public static byte[] TarGzWithEntry(TarEntry entry)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true))
            tar.WriteEntry(entry);
        return buffer.ToArray();
    }
}
