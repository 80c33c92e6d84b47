using System.Buffers.Binary;
using System.IO.Compression;

namespace Basin.Data;

/// <summary>
/// Reads unsigned-byte IDX files (idx1 labels, idx3 images), plain or gzip-compressed; compression is
/// detected from the gzip magic bytes 1F 8B, never from the file name. Every malformed input raises an
/// <see cref="InvalidDataException"/> whose message names the source and what is wrong with it.
/// </summary>
public static class IdxReader
{
    /// <summary>The largest number of dimensions accepted (the format allows 255).</summary>
    public const int MaxDimensions = 16;

    /// <summary>Reads an IDX file of any rank.</summary>
    public static IdxArray Read(string path)
    {
        using var stream = OpenRead(path);
        return Read(stream, path);
    }

    /// <summary>Reads an IDX stream of any rank; <paramref name="sourceName"/> names it in error messages.</summary>
    public static IdxArray Read(Stream stream, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sourceName);
        Stream input = stream;
        MemoryStream? buffered = null;
        GZipStream? gzip = null;
        try
        {
            if (!input.CanSeek)
            {
                buffered = new MemoryStream();
                input.CopyTo(buffered);
                buffered.Position = 0;
                input = buffered;
            }
            if (IsGzip(input))
                input = gzip = new GZipStream(input, CompressionMode.Decompress, leaveOpen: true);
            return ReadUncompressed(input, sourceName, compressed: gzip is not null);
        }
        catch (InvalidDataException e) when (!e.Message.Contains(sourceName, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"IDX file '{sourceName}' is not a valid gzip stream: {e.Message}", e);
        }
        finally
        {
            gzip?.Dispose();
            buffered?.Dispose();
        }
    }

    /// <summary>Reads an idx3 image file: magic 0x00000803, dimensions count × rows × cols.</summary>
    public static IdxArray ReadImages(string path)
    {
        using var stream = OpenRead(path);
        return ReadImages(stream, path);
    }

    /// <summary>Reads an idx3 image stream; <paramref name="sourceName"/> names it in error messages.</summary>
    public static IdxArray ReadImages(Stream stream, string sourceName)
    {
        var array = Read(stream, sourceName);
        if (array.Dimensions.Length != 3)
            throw new InvalidDataException($"IDX file '{sourceName}' has {array.Dimensions.Length} dimensions; an image file (magic 0x00000803) has 3: count, rows, cols.");
        if (array.Dimensions[1] == 0 || array.Dimensions[2] == 0)
            throw new InvalidDataException($"IDX file '{sourceName}' declares empty images of {array.Dimensions[1]}×{array.Dimensions[2]} pixels.");
        return array;
    }

    /// <summary>Reads an idx1 label file: magic 0x00000801, one dimension.</summary>
    public static byte[] ReadLabels(string path)
    {
        using var stream = OpenRead(path);
        return ReadLabels(stream, path);
    }

    /// <summary>Reads an idx1 label stream; <paramref name="sourceName"/> names it in error messages.</summary>
    public static byte[] ReadLabels(Stream stream, string sourceName)
    {
        var array = Read(stream, sourceName);
        if (array.Dimensions.Length != 1)
            throw new InvalidDataException($"IDX file '{sourceName}' has {array.Dimensions.Length} dimensions; a label file (magic 0x00000801) has 1.");
        return array.Data;
    }

    /// <summary>
    /// Reads an image file and its label file into a <see cref="LabeledImages"/>, pixels scaled to [0, 1].
    /// </summary>
    /// <exception cref="InvalidDataException">A file is malformed, the counts differ, or a label is not below the class count.</exception>
    public static LabeledImages ReadLabeledImages(string imagesPath, string labelsPath, string name, IReadOnlyList<string> classNames)
    {
        var images = ReadImages(imagesPath);
        var labels = ReadLabels(labelsPath);
        return ToLabeledImages(images, labels, imagesPath, labelsPath, name, classNames);
    }

    /// <summary>Combines an image array and labels read from the named sources, checking that they match.</summary>
    public static LabeledImages ToLabeledImages(IdxArray images, byte[] labels, string imagesSource, string labelsSource, string name, IReadOnlyList<string> classNames)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(classNames);
        if (images.Count != labels.Length)
            throw new InvalidDataException($"Image file '{imagesSource}' holds {images.Count} images but label file '{labelsSource}' holds {labels.Length} labels.");
        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] >= classNames.Count)
                throw new InvalidDataException($"Label file '{labelsSource}' has label {labels[i]} at index {i}; expected 0..{classNames.Count - 1}.");
        }
        return LabeledImages.FromBytes(name, images.Data, labels, images.Dimensions[1], images.Dimensions[2], classNames);
    }

    private static FileStream OpenRead(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
    }

    private static bool IsGzip(Stream seekable)
    {
        long start = seekable.Position;
        Span<byte> head = stackalloc byte[2];
        int n = seekable.ReadAtLeast(head, 2, throwOnEndOfStream: false);
        seekable.Position = start;
        return n == 2 && head.SequenceEqual(IdxFormat.GzipMagic);
    }

    /// <summary>
    /// Reads up to <paramref name="total"/> bytes without trusting the header (a seekable stream has been checked against
    /// its length by the caller): a gzip stream is read in growing blocks, so a header that declares gigabytes allocates only what the
    /// input really holds (at most twice that while growing).
    /// </summary>
    private static byte[] ReadData(Stream input, long total)
    {
        const int First = 1 << 20;
        if (total <= First || input.CanSeek)
        {
            var all = new byte[total];
            int n = input.ReadAtLeast(all, all.Length, throwOnEndOfStream: false);
            return n == all.Length ? all : all[..n];
        }
        var buf = new byte[First];
        int have = 0;
        while (true)
        {
            have += input.ReadAtLeast(buf.AsSpan(have), buf.Length - have, throwOnEndOfStream: false);
            if (have < buf.Length || have == total) return have == buf.Length ? buf : buf[..have];
            Array.Resize(ref buf, (int)Math.Min(total, 2L * buf.Length));
        }
    }

    private static IdxArray ReadUncompressed(Stream input, string source, bool compressed)
    {
        string what = compressed ? $"IDX file '{source}' (gzip)" : $"IDX file '{source}'";
        Span<byte> magic = stackalloc byte[4];
        int got = input.ReadAtLeast(magic, 4, throwOnEndOfStream: false);
        if (got < 4)
            throw new InvalidDataException($"{what} is truncated: {got} bytes, shorter than the 4-byte IDX magic number.");
        if (magic[0] != 0 || magic[1] != 0)
            throw new InvalidDataException($"{what} has the wrong magic number 0x{Convert.ToHexString(magic)}: an IDX file starts with two zero bytes (0x00000801 for labels, 0x00000803 for images).");
        if (magic[2] != IdxFormat.UnsignedByte)
            throw new InvalidDataException($"{what} has element type 0x{magic[2]:X2} ({IdxFormat.TypeName(magic[2])}); only unsigned-byte IDX files (type 0x08) are supported.");
        int rank = magic[3];
        if (rank is 0 or > MaxDimensions)
            throw new InvalidDataException($"{what} declares {rank} dimensions; expected 1..{MaxDimensions}.");

        Span<byte> header = stackalloc byte[4 * MaxDimensions];
        header = header[..(4 * rank)];
        got = input.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        if (got < header.Length)
            throw new InvalidDataException($"{what} is truncated inside its header: {rank} dimensions need {header.Length} bytes after the magic number, found {got}.");

        var dims = new int[rank];
        long total = 1;
        for (int d = 0; d < rank; d++)
        {
            int size = BinaryPrimitives.ReadInt32BigEndian(header.Slice(4 * d, 4));
            if (size < 0)
                throw new InvalidDataException($"{what} declares dimension {d} as {(uint)size}, which is too large.");
            dims[d] = size;
            total *= size;
            if (total > Array.MaxLength)
                throw new InvalidDataException($"{what} declares {string.Join('×', dims[..(d + 1)])} values, more than an array can hold.");
        }

        long available = input.CanSeek ? input.Length - input.Position : long.MaxValue;
        var data = available < total ? null : ReadData(input, total);
        if (data is null || data.Length < total)
            throw new InvalidDataException($"{what} is truncated: its header declares {string.Join('×', dims)} = {total} bytes of data, but only {data?.Length ?? available} follow.");
        Span<byte> probe = stackalloc byte[1];
        if (input.Read(probe) != 0)
            throw new InvalidDataException($"{what} is longer than its header declares: data beyond the {total} bytes of {string.Join('×', dims)}.");
        return new IdxArray(dims, data);
    }
}
