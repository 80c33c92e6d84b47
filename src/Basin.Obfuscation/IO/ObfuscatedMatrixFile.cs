using System.Buffers.Binary;
using System.IO.Compression;
using Basin.Obfuscation.Transform;
using Basin.Tensors.IO;

namespace Basin.Obfuscation.IO;

/// <summary>
/// Binary container of obfuscated rows, for image datasets (IDX in, IDX out). Layout, little-endian:
/// <c>"BASINOBF"</c>, u32 version (1), 16-byte key fingerprint, u64 rows, u32 d, u8 source kind (0 = real vectors,
/// 1 = IDX unsigned bytes, pixels mapped to v/255), u8 rank r of one item, r × u32 item dimensions, then rows × d
/// float64 values. Rows are processed in chunks, so files of any length stream through bounded memory; a short file
/// is reported as truncated. Inverting an IDX-sourced file returns the original bytes exactly (the float64 round
/// trip error, ≈ 10⁻¹³ of a grey level, vanishes in the rounding).
/// </summary>
public static class ObfuscatedMatrixFile
{
    private static ReadOnlySpan<byte> Magic => "BASINOBF"u8;

    /// <summary>Rows transformed per chunk.</summary>
    public const int ChunkRows = 512;

    /// <summary>Obfuscates an IDX unsigned-byte file (plain or gzip) of n items of any shape with d = product of the item dimensions.</summary>
    /// <returns>The number of rows written.</returns>
    public static long ApplyIdx(KeyedTransform t, string idxPath, string outputPath, IProgress<long>? progress = null)
    {
        using var input = IdxStream.Open(idxPath);
        if (input.ItemSize != t.Dim)
            throw new FormatException($"{idxPath}: items have {input.ItemSize} values ({string.Join('×', input.ItemDims)}) but the key is for dimension {t.Dim}");
        long rows = 0;
        AtomicFile.Write(outputPath, s =>
        {
            WriteHeader(s, t, input.Count, 1, input.ItemDims);
            var bytes = new byte[ChunkRows * t.Dim];
            var x = new double[ChunkRows * t.Dim];
            var y = new double[ChunkRows * t.Dim];
            var outBytes = new byte[ChunkRows * t.Dim * 8];
            while (rows < input.Count)
            {
                int n = (int)Math.Min(ChunkRows, input.Count - rows);
                input.ReadItems(bytes.AsSpan(0, n * t.Dim));
                for (int i = 0; i < n * t.Dim; i++) x[i] = bytes[i] / 255.0;
                t.ForwardRows(x.AsSpan(0, n * t.Dim), n, y.AsSpan(0, n * t.Dim));
                for (int i = 0; i < n * t.Dim; i++) BinaryPrimitives.WriteDoubleLittleEndian(outBytes.AsSpan(8 * i), y[i]);
                s.Write(outBytes, 0, n * t.Dim * 8);
                rows += n;
                progress?.Report(rows);
            }
        });
        return rows;
    }

    /// <summary>Inverts an obfuscated file: IDX-sourced files become an IDX unsigned-byte file again, others a CSV.</summary>
    /// <exception cref="WrongKeyException">The key's fingerprint or dimension differs from the file's.</exception>
    /// <exception cref="FormatException">Not an obfuscated file, truncated, or values that do not invert to bytes.</exception>
    public static long Invert(KeyedTransform t, string inputPath, string outputPath, IProgress<long>? progress = null)
    {
        using var s = File.OpenRead(inputPath);
        var h = ReadHeader(s, inputPath);
        if (h.Dim != t.Dim) throw new WrongKeyException($"{inputPath}: the file has dimension {h.Dim} but the key is for dimension {t.Dim}");
        if (h.Fingerprint != t.Key.Fingerprint) throw new WrongKeyException($"wrong key: {inputPath} was obfuscated with key {h.Fingerprint}, this key is {t.Key.Fingerprint}");
        long expected = s.Position + h.Rows * h.Dim * 8;
        if (s.Length < expected) throw new FormatException($"{inputPath}: truncated: the header announces {h.Rows} rows ({expected} bytes), the file has {s.Length} bytes");
        if (s.Length > expected) throw new FormatException($"{inputPath}: {s.Length - expected} unexpected bytes after the {h.Rows} announced rows");
        long rows = 0;
        AtomicFile.Write(outputPath, o =>
        {
            using var csv = h.Kind == 0 ? new StreamWriter(o, leaveOpen: true) : null;
            if (h.Kind == 1) WriteIdxHeader(o, h.Rows, h.ItemDims);
            var inBytes = new byte[ChunkRows * h.Dim * 8];
            var y = new double[ChunkRows * h.Dim];
            var x = new double[ChunkRows * h.Dim];
            var outBytes = new byte[ChunkRows * h.Dim];
            while (rows < h.Rows)
            {
                int n = (int)Math.Min(ChunkRows, h.Rows - rows);
                s.ReadExactly(inBytes, 0, n * h.Dim * 8);
                for (int i = 0; i < n * h.Dim; i++)
                {
                    y[i] = BinaryPrimitives.ReadDoubleLittleEndian(inBytes.AsSpan(8 * i));
                    if (!double.IsFinite(y[i])) throw new FormatException($"{inputPath}: row {rows + i / h.Dim}: value {y[i]} is not finite");
                }
                t.InverseRows(y.AsSpan(0, n * h.Dim), n, x.AsSpan(0, n * h.Dim));
                if (h.Kind == 1)
                {
                    for (int i = 0; i < n * h.Dim; i++)
                    {
                        double v = x[i] * 255.0, r = Math.Round(v);
                        if (r < 0 || r > 255 || Math.Abs(v - r) > 1e-6)
                            throw new FormatException($"{inputPath}: row {rows + i / h.Dim} does not invert to a byte image (value {v:G6}): the file was altered");
                        outBytes[i] = (byte)r;
                    }
                    o.Write(outBytes, 0, n * h.Dim);
                }
                else
                {
                    for (int i = 0; i < n; i++) CsvObfuscator.WriteRow(csv!, x.AsSpan(i * h.Dim, h.Dim));
                }
                rows += n;
                progress?.Report(rows);
            }
        });
        return rows;
    }

    /// <summary>Reads all rows of an obfuscated file (for evaluation); checks the fingerprint only if <paramref name="fingerprint"/> is given.</summary>
    public static (double[] Rows, int Count, int Dim) ReadAll(string path, string? fingerprint = null)
    {
        using var s = File.OpenRead(path);
        var h = ReadHeader(s, path);
        if (fingerprint != null && fingerprint != h.Fingerprint) throw new WrongKeyException($"{path} was obfuscated with key {h.Fingerprint}, not {fingerprint}");
        long count = h.Rows * h.Dim;
        if (s.Length - s.Position != count * 8) throw new FormatException($"{path}: truncated or padded (expected {count * 8} data bytes, found {s.Length - s.Position})");
        var rows = new double[count];
        var buf = new byte[count * 8];
        s.ReadExactly(buf);
        for (long i = 0; i < count; i++) rows[i] = BinaryPrimitives.ReadDoubleLittleEndian(buf.AsSpan((int)(8 * i)));
        return (rows, (int)h.Rows, h.Dim);
    }

    /// <summary>Whether the file starts with the container's magic bytes.</summary>
    public static bool IsObfuscatedFile(string path)
    {
        if (!File.Exists(path)) return false;
        using var s = File.OpenRead(path);
        Span<byte> m = stackalloc byte[8];
        return s.ReadAtLeast(m, 8, throwOnEndOfStream: false) == 8 && m.SequenceEqual(Magic);
    }

    private sealed record Header(string Fingerprint, long Rows, int Dim, byte Kind, int[] ItemDims);

    private static void WriteHeader(Stream s, KeyedTransform t, long rows, byte kind, int[] itemDims)
    {
        var h = new byte[8 + 4 + 16 + 8 + 4 + 1 + 1 + 4 * itemDims.Length];
        Magic.CopyTo(h);
        BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(8), 1);
        Convert.FromHexString(t.Key.Fingerprint).CopyTo(h, 12);
        BinaryPrimitives.WriteInt64LittleEndian(h.AsSpan(28), rows);
        BinaryPrimitives.WriteInt32LittleEndian(h.AsSpan(36), t.Dim);
        h[40] = kind;
        h[41] = (byte)itemDims.Length;
        for (int i = 0; i < itemDims.Length; i++) BinaryPrimitives.WriteInt32LittleEndian(h.AsSpan(42 + 4 * i), itemDims[i]);
        s.Write(h);
    }

    private static Header ReadHeader(Stream s, string path)
    {
        var h = new byte[42];
        if (s.ReadAtLeast(h, 42, throwOnEndOfStream: false) < 42 || !h.AsSpan(0, 8).SequenceEqual(Magic))
            throw new FormatException($"{path}: not an obfuscated file (missing BASINOBF header)");
        if (BinaryPrimitives.ReadUInt32LittleEndian(h.AsSpan(8)) != 1) throw new FormatException($"{path}: unsupported container version");
        string fp = Convert.ToHexStringLower(h.AsSpan(12, 16));
        long rows = BinaryPrimitives.ReadInt64LittleEndian(h.AsSpan(28));
        int dim = BinaryPrimitives.ReadInt32LittleEndian(h.AsSpan(36));
        byte kind = h[40]; int rank = h[41];
        if (rows < 0 || dim < 1 || kind > 1 || rank > 8) throw new FormatException($"{path}: corrupt header (rows {rows}, d {dim}, kind {kind}, rank {rank})");
        // rows × d × 8 bytes must be a file size (no overflow), and an image file's row count an IDX count (int).
        if (rows > (long.MaxValue / 2) / dim / 8 || (kind == 1 && rows > int.MaxValue))
            throw new FormatException($"{path}: corrupt header ({rows} rows of dimension {dim} cannot be a file)");
        var dimsBytes = new byte[4 * rank];
        if (s.ReadAtLeast(dimsBytes, dimsBytes.Length, throwOnEndOfStream: false) < dimsBytes.Length) throw new FormatException($"{path}: truncated header");
        var dims = new int[rank];
        long prod = 1;
        for (int i = 0; i < rank; i++)
        {
            dims[i] = BinaryPrimitives.ReadInt32LittleEndian(dimsBytes.AsSpan(4 * i));
            if (dims[i] < 1) throw new FormatException($"{path}: corrupt header (item dimension {i} is {dims[i]})");
            prod *= dims[i];
        }
        if (kind == 1 && prod != dim) throw new FormatException($"{path}: corrupt header (item shape {string.Join('×', dims)} ≠ d = {dim})");
        return new Header(fp, rows, dim, kind, dims);
    }

    private static void WriteIdxHeader(Stream s, long count, int[] itemDims)
    {
        var h = new byte[4 + 4 * (1 + itemDims.Length)];
        h[2] = 0x08; h[3] = (byte)(1 + itemDims.Length);
        BinaryPrimitives.WriteInt32BigEndian(h.AsSpan(4), checked((int)count));
        for (int i = 0; i < itemDims.Length; i++) BinaryPrimitives.WriteInt32BigEndian(h.AsSpan(8 + 4 * i), itemDims[i]);
        s.Write(h);
    }
}

/// <summary>Sequential reader of an IDX unsigned-byte file (plain or gzip): header first, then items in order.</summary>
public sealed class IdxStream : IDisposable
{
    private readonly Stream _s;
    private readonly string _path;
    private long _read;

    private IdxStream(Stream s, string path, long count, int[] itemDims)
    {
        _s = s; _path = path; Count = count; ItemDims = itemDims;
        ItemSize = itemDims.Aggregate(1, (a, b) => checked(a * b));
    }

    /// <summary>Number of items (the first dimension).</summary>
    public long Count { get; }

    /// <summary>Dimensions of one item (e.g. 28, 28).</summary>
    public int[] ItemDims { get; }

    /// <summary>Bytes per item.</summary>
    public int ItemSize { get; }

    /// <summary>Opens <paramref name="path"/> and reads its header.</summary>
    /// <exception cref="FormatException">Not an IDX unsigned-byte file.</exception>
    public static IdxStream Open(string path)
    {
        Stream s = File.OpenRead(path);
        try
        {
            Span<byte> m = stackalloc byte[2];
            if (s.ReadAtLeast(m, 2, false) == 2 && m[0] == 0x1F && m[1] == 0x8B) { s.Position = 0; s = new GZipStream(s, CompressionMode.Decompress); }
            else s.Position = 0;
            var head = new byte[4];
            if (s.ReadAtLeast(head, 4, false) < 4 || head[0] != 0 || head[1] != 0)
                throw new FormatException($"{path}: not an IDX file (bad magic number)");
            if (head[2] != 0x08) throw new FormatException($"{path}: IDX type 0x{head[2]:X2} is not unsigned bytes (0x08)");
            int rank = head[3];
            if (rank < 2) throw new FormatException($"{path}: IDX rank {rank}: need items (rank ≥ 2), e.g. count × rows × cols");
            var dimsBytes = new byte[4 * rank];
            if (s.ReadAtLeast(dimsBytes, dimsBytes.Length, false) < dimsBytes.Length) throw new FormatException($"{path}: truncated IDX header");
            var dims = new int[rank];
            for (int i = 0; i < rank; i++)
            {
                dims[i] = BinaryPrimitives.ReadInt32BigEndian(dimsBytes.AsSpan(4 * i));
                if (dims[i] < 0) throw new FormatException($"{path}: negative IDX dimension");
            }
            return new IdxStream(s, path, dims[0], dims[1..]);
        }
        catch (InvalidDataException e)
        {
            s.Dispose();
            throw new FormatException($"{path}: not a valid gzip stream ({e.Message})");
        }
        catch
        {
            s.Dispose();
            throw;
        }
    }

    /// <summary>Reads the next <c>dst.Length / ItemSize</c> items.</summary>
    /// <exception cref="FormatException">The file ends early.</exception>
    public void ReadItems(Span<byte> dst)
    {
        int got;
        try { got = _s.ReadAtLeast(dst, dst.Length, throwOnEndOfStream: false); }
        catch (InvalidDataException e) { throw new FormatException($"{_path}: corrupt gzip data ({e.Message})"); }
        if (got < dst.Length) throw new FormatException($"{_path}: truncated: the header announces {Count} items, the data ends after {_read + got / ItemSize}");
        _read += dst.Length / ItemSize;
    }

    /// <inheritdoc/>
    public void Dispose() => _s.Dispose();
}
