using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Basin.Tensors.IO;

/// <summary>Validation settings for reading safetensors files.</summary>
/// <param name="RequireFinite">Reject tensors holding NaN or ±∞ (default on: a model file with them is broken).</param>
/// <param name="MaxHeaderBytes">Largest accepted JSON header (the reference implementation's limit is 100 MB).</param>
public sealed record SafeTensorsReadOptions(bool RequireFinite = true, long MaxHeaderBytes = 100_000_000);

/// <summary>
/// Reader and writer of the safetensors format (huggingface/safetensors): an unsigned 64-bit little-endian header
/// length N, N bytes of UTF-8 JSON <c>{"name": {"dtype": "F32", "shape": [..], "data_offsets": [begin, end]}, …,
/// "__metadata__": {string: string}}</c>, then the little-endian data buffer; offsets are relative to the buffer start,
/// and the tensors tile the buffer exactly, in order, without gaps or overlaps.
/// Writing emits F32/F64, <c>__metadata__</c> first, tensors ordered by element size (descending) then name (as the
/// reference serializer does, which keeps every tensor aligned), and pads the header with spaces so the buffer starts
/// at a multiple of 8. Reading accepts F16, BF16, F32, F64, integer and BOOL tensors and validates everything, throwing
/// <see cref="InvalidDataException"/> whose message names the file and the problem.
/// </summary>
public static class SafeTensors
{
    private const string MetadataKey = "__metadata__";

    /// <summary>Writes a bundle atomically (temporary file in the same directory, flush, rename).</summary>
    public static void Save(string path, TensorBundle bundle) => AtomicFile.Write(path, s => Write(s, bundle));

    /// <summary>Writes float tensors and optional metadata atomically.</summary>
    public static void Save(string path, IReadOnlyDictionary<string, Tensor<float>> tensors, IReadOnlyDictionary<string, string>? metadata = null)
        => Save(path, Bundle(tensors, metadata, (b, k, v) => b.Add(k, v)));

    /// <summary>Writes double tensors and optional metadata atomically.</summary>
    public static void Save(string path, IReadOnlyDictionary<string, Tensor<double>> tensors, IReadOnlyDictionary<string, string>? metadata = null)
        => Save(path, Bundle(tensors, metadata, (b, k, v) => b.Add(k, v)));

    /// <summary>Writes a bundle to a stream (not closed).</summary>
    public static void Write(Stream stream, TensorBundle bundle)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(bundle);
        var names = bundle.Names.ToArray();
        Array.Sort(names, (a, b) =>
        {
            int c = ElementSize(bundle, b).CompareTo(ElementSize(bundle, a));
            return c != 0 ? c : string.CompareOrdinal(a, b);
        });
        var header = Header(bundle, names);
        int padded = (header.Length + 7) / 8 * 8;
        Span<byte> len = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(len, (ulong)padded);
        stream.Write(len);
        stream.Write(header);
        for (int i = header.Length; i < padded; i++) stream.WriteByte((byte)' ');
        foreach (var name in names)
        {
            var (f, d) = bundle.Raw(name);
            if (f is not null) WriteValues<float>(stream, f.Contiguous().Span);
            else WriteValues<double>(stream, d!.Contiguous().Span);
        }
    }

    /// <summary>The header JSON (without padding) that <see cref="Write"/> emits for a bundle.</summary>
    public static string HeaderJson(TensorBundle bundle)
    {
        var names = bundle.Names.ToArray();
        Array.Sort(names, (a, b) =>
        {
            int c = ElementSize(bundle, b).CompareTo(ElementSize(bundle, a));
            return c != 0 ? c : string.CompareOrdinal(a, b);
        });
        return Encoding.UTF8.GetString(Header(bundle, names));
    }

    /// <summary>Reads and validates a safetensors file.</summary>
    public static TensorBundle Load(string path, SafeTensorsReadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return Read(fs, options, path);
    }

    /// <summary>Reads and validates safetensors content from a stream (read to its end; not closed).</summary>
    public static TensorBundle Read(Stream stream, SafeTensorsReadOptions? options = null, string source = "<stream>")
    {
        ArgumentNullException.ThrowIfNull(stream);
        var o = options ?? new SafeTensorsReadOptions();
        Span<byte> len = stackalloc byte[8];
        int got = stream.ReadAtLeast(len, 8, throwOnEndOfStream: false);
        if (got < 8) throw ModelFileError.Create(source, $"file is {got} bytes long, shorter than the 8-byte header length.");
        ulong n = BinaryPrimitives.ReadUInt64LittleEndian(len);
        long? remaining = stream.CanSeek ? stream.Length - stream.Position : null;
        if (remaining is long r && n > (ulong)r)
            throw ModelFileError.Create(source, $"header length {n} exceeds the {r} bytes after the length field (truncated or corrupt file).");
        if (n > (ulong)Math.Min(o.MaxHeaderBytes, Array.MaxLength))
            throw ModelFileError.Create(source, $"header length {n} exceeds the limit of {o.MaxHeaderBytes} bytes.");
        if (n < 2) throw ModelFileError.Create(source, $"header length {n} is too small for a JSON object.");
        var header = new byte[(int)n];
        got = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        if (got < header.Length)
            throw ModelFileError.Create(source, $"header length {n} exceeds the {got} bytes after the length field (truncated or corrupt file).");
        byte[] data;
        if (remaining is long rem)
        {
            long dataLen = rem - (long)n;
            if (dataLen > Array.MaxLength) throw ModelFileError.Create(source, $"data buffer of {dataLen} bytes is too large to load.");
            data = new byte[dataLen];
            got = stream.ReadAtLeast(data, data.Length, throwOnEndOfStream: false);
            if (got < data.Length) throw ModelFileError.Create(source, $"data buffer ended after {got} of {dataLen} bytes.");
        }
        else
        {
            using var ms = new MemoryStream();
            stream.CopyTo(ms);
            data = ms.ToArray();
        }
        return Parse(header, data, o, source);
    }

    /// <summary>Parses safetensors content held in memory.</summary>
    public static TensorBundle Read(ReadOnlySpan<byte> content, SafeTensorsReadOptions? options = null, string source = "<bytes>")
    {
        using var ms = new MemoryStream(content.ToArray(), writable: false);
        return Read(ms, options, source);
    }

    private static TensorBundle Parse(byte[] header, byte[] data, SafeTensorsReadOptions o, string source)
    {
        if (!System.Text.Unicode.Utf8.IsValid(header))
            throw ModelFileError.Create(source, "header is not valid UTF-8.");
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(header, new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException e)
        {
            throw ModelFileError.Create(source, $"header is not valid JSON ({e.Message}).", e);
        }
        catch (ArgumentException e)
        {
            throw ModelFileError.Create(source, $"header is not valid UTF-8 JSON ({e.Message}).", e);
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw ModelFileError.Create(source, $"header must be a JSON object, found {root.ValueKind}.");
            var bundle = new TensorBundle(source);
            var infos = new List<Info>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            try
            {
                foreach (var prop in root.EnumerateObject())
                {
                    if (!seen.Add(prop.Name)) throw ModelFileError.Create(source, $"header lists '{prop.Name}' twice.");
                    if (prop.Name == MetadataKey) ReadMetadata(prop.Value, bundle, source);
                    else infos.Add(ReadInfo(prop.Name, prop.Value, source));
                }
            }
            catch (InvalidOperationException e)
            {
                // System.Text.Json accepts escaped lone surrogates (\uDDDD) in valid JSON but cannot turn them into a string.
                throw ModelFileError.Create(source, $"header holds a name or string that is not valid Unicode ({e.Message}).", e);
            }
            ValidateLayout(infos, data.LongLength, source);
            foreach (var info in infos)
            {
                var bytes = data.AsSpan((int)info.Begin, (int)(info.End - info.Begin));
                var (f, d) = Decode(info, bytes);
                if (o.RequireFinite && ((f?.HasNonFinite() ?? false) || (d?.HasNonFinite() ?? false)))
                    throw ModelFileError.Create(source, $"tensor '{info.Name}' contains NaN or infinite values.");
                bundle.AddLoaded(info.Name, info.DType, f, d);
            }
            return bundle;
        }
    }

    private static void ReadMetadata(JsonElement e, TensorBundle bundle, string source)
    {
        if (e.ValueKind != JsonValueKind.Object)
            throw ModelFileError.Create(source, $"'{MetadataKey}' must be an object of strings, found {e.ValueKind}.");
        foreach (var p in e.EnumerateObject())
        {
            if (p.Value.ValueKind != JsonValueKind.String)
                throw ModelFileError.Create(source, $"metadata value of '{p.Name}' must be a string, found {p.Value.ValueKind}.");
            bundle.Metadata[p.Name] = p.Value.GetString()!;
        }
    }

    private static Info ReadInfo(string name, JsonElement e, string source)
    {
        string Where() => $"tensor '{name}'";
        if (e.ValueKind != JsonValueKind.Object)
            throw ModelFileError.Create(source, $"{Where()}: entry must be an object, found {e.ValueKind}.");
        if (!e.TryGetProperty("dtype", out var dt) || dt.ValueKind != JsonValueKind.String)
            throw ModelFileError.Create(source, $"{Where()}: missing or non-string 'dtype'.");
        string dts = dt.GetString()!;
        if (!SafeTensorsDTypes.TryParse(dts, out var dtype))
            throw ModelFileError.Create(source, $"{Where()}: unsupported dtype '{dts}' (supported: F16, BF16, F32, F64, I8, I16, I32, I64, U8, U16, U32, U64, BOOL).");
        if (!e.TryGetProperty("shape", out var sh) || sh.ValueKind != JsonValueKind.Array)
            throw ModelFileError.Create(source, $"{Where()}: missing or non-array 'shape'.");
        var shape = new int[sh.GetArrayLength()];
        long nonZero = 1;
        bool hasZero = false;
        int k = 0;
        foreach (var x in sh.EnumerateArray())
        {
            if (x.ValueKind != JsonValueKind.Number || !x.TryGetInt64(out long v) || v < 0)
                throw ModelFileError.Create(source, $"{Where()}: shape entry {k} is not a non-negative integer ({x.GetRawText()}).");
            if (v > int.MaxValue) throw ModelFileError.Create(source, $"{Where()}: shape entry {k} = {v} is too large.");
            shape[k++] = (int)v;
            if (v != 0) nonZero = nonZero > Array.MaxLength / v ? long.MaxValue : nonZero * v;
            else hasZero = true;
        }
        long count = hasZero ? 0 : nonZero;
        if (nonZero > Array.MaxLength) throw ModelFileError.Create(source, $"{Where()}: shape {Shapes.Format(shape)} has too many elements.");
        if (!e.TryGetProperty("data_offsets", out var off) || off.ValueKind != JsonValueKind.Array || off.GetArrayLength() != 2)
            throw ModelFileError.Create(source, $"{Where()}: 'data_offsets' must be an array [begin, end].");
        var be = new long[2];
        k = 0;
        foreach (var x in off.EnumerateArray())
        {
            if (x.ValueKind != JsonValueKind.Number || !x.TryGetInt64(out long v) || v < 0)
                throw ModelFileError.Create(source, $"{Where()}: data offset {x.GetRawText()} is not a non-negative integer.");
            be[k++] = v;
        }
        if (be[1] < be[0]) throw ModelFileError.Create(source, $"{Where()}: data_offsets [{be[0]}, {be[1]}] end before they begin.");
        long nbytes = count * SafeTensorsDTypes.Size(dtype);
        if (be[1] - be[0] != nbytes)
            throw ModelFileError.Create(source, $"{Where()}: shape {Shapes.Format(shape)} of {dts} needs {nbytes} bytes but data_offsets [{be[0]}, {be[1]}] span {be[1] - be[0]}.");
        return new Info(name, dtype, shape, be[0], be[1]);
    }

    private static void ValidateLayout(List<Info> infos, long dataLength, string source)
    {
        var sorted = infos.OrderBy(i => i.Begin).ThenBy(i => i.End).ToArray();
        long at = 0;
        foreach (var i in sorted)
        {
            if (i.End > dataLength)
                throw ModelFileError.Create(source, $"tensor '{i.Name}': data_offsets [{i.Begin}, {i.End}] run past the {dataLength}-byte data buffer.");
            if (i.Begin < at)
                throw ModelFileError.Create(source, $"tensor '{i.Name}': data_offsets [{i.Begin}, {i.End}] overlap the previous tensor (which ends at {at}).");
            if (i.Begin > at)
                throw ModelFileError.Create(source, $"tensor '{i.Name}': data_offsets [{i.Begin}, {i.End}] leave a gap after byte {at} of the data buffer.");
            at = i.End;
        }
        if (at != dataLength)
            throw ModelFileError.Create(source, $"tensors cover {at} bytes but the data buffer has {dataLength} (trailing bytes or truncated header).");
    }

    private static (Tensor<float>? F, Tensor<double>? D) Decode(Info info, ReadOnlySpan<byte> b)
    {
        if (SafeTensorsDTypes.LoadsAsFloat(info.DType))
        {
            var t = new Tensor<float>(info.Shape);
            var d = t.Span;
            switch (info.DType)
            {
                case SafeTensorsDType.F32:
                    if (BitConverter.IsLittleEndian) MemoryMarshal.Cast<byte, float>(b).CopyTo(d);
                    else for (int i = 0; i < d.Length; i++) d[i] = BinaryPrimitives.ReadSingleLittleEndian(b.Slice(4 * i));
                    break;
                case SafeTensorsDType.F16:
                    for (int i = 0; i < d.Length; i++) d[i] = (float)BinaryPrimitives.ReadHalfLittleEndian(b.Slice(2 * i));
                    break;
                default:
                    for (int i = 0; i < d.Length; i++) d[i] = BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(b.Slice(2 * i)) << 16);
                    break;
            }
            return (t, null);
        }
        var td = new Tensor<double>(info.Shape);
        var dd = td.Span;
        for (int i = 0; i < dd.Length; i++)
            dd[i] = info.DType switch
            {
                SafeTensorsDType.F64 => BinaryPrimitives.ReadDoubleLittleEndian(b.Slice(8 * i)),
                SafeTensorsDType.I8 => (sbyte)b[i],
                SafeTensorsDType.U8 => b[i],
                SafeTensorsDType.Bool => b[i] != 0 ? 1 : 0,
                SafeTensorsDType.I16 => BinaryPrimitives.ReadInt16LittleEndian(b.Slice(2 * i)),
                SafeTensorsDType.U16 => BinaryPrimitives.ReadUInt16LittleEndian(b.Slice(2 * i)),
                SafeTensorsDType.I32 => BinaryPrimitives.ReadInt32LittleEndian(b.Slice(4 * i)),
                SafeTensorsDType.U32 => BinaryPrimitives.ReadUInt32LittleEndian(b.Slice(4 * i)),
                SafeTensorsDType.I64 => BinaryPrimitives.ReadInt64LittleEndian(b.Slice(8 * i)),
                _ => BinaryPrimitives.ReadUInt64LittleEndian(b.Slice(8 * i)),
            };
        return (null, td);
    }

    private static byte[] Header(TensorBundle bundle, string[] names)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms))
        {
            w.WriteStartObject();
            if (bundle.Metadata.Count > 0)
            {
                w.WriteStartObject(MetadataKey);
                foreach (var kv in bundle.Metadata.OrderBy(kv => kv.Key, StringComparer.Ordinal)) w.WriteString(kv.Key, kv.Value);
                w.WriteEndObject();
            }
            long at = 0;
            foreach (var name in names)
            {
                var (f, d) = bundle.Raw(name);
                int size = f is not null ? 4 : 8;
                var shape = f is not null ? f.Shape : d!.Shape;
                long nbytes = (long)Shapes.Size(shape) * size;
                w.WriteStartObject(name);
                w.WriteString("dtype", size == 4 ? "F32" : "F64");
                w.WriteStartArray("shape");
                foreach (var s in shape) w.WriteNumberValue(s);
                w.WriteEndArray();
                w.WriteStartArray("data_offsets");
                w.WriteNumberValue(at);
                w.WriteNumberValue(at + nbytes);
                w.WriteEndArray();
                w.WriteEndObject();
                at += nbytes;
            }
            w.WriteEndObject();
        }
        return ms.ToArray();
    }

    private static void WriteValues<T>(Stream s, ReadOnlySpan<T> values) where T : unmanaged
    {
        if (BitConverter.IsLittleEndian) { s.Write(MemoryMarshal.AsBytes(values)); return; }
        Span<byte> buf = stackalloc byte[8];
        foreach (var v in values)
        {
            if (v is float f) { BinaryPrimitives.WriteSingleLittleEndian(buf, f); s.Write(buf[..4]); }
            else { BinaryPrimitives.WriteDoubleLittleEndian(buf, (double)(object)v); s.Write(buf); }
        }
    }

    private static int ElementSize(TensorBundle b, string name) => b.IsFloat(name) ? 4 : 8;

    private static TensorBundle Bundle<TT>(IReadOnlyDictionary<string, TT> tensors, IReadOnlyDictionary<string, string>? metadata,
        Action<TensorBundle, string, TT> add)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        var b = new TensorBundle();
        foreach (var kv in tensors) add(b, kv.Key, kv.Value);
        if (metadata is not null) foreach (var kv in metadata) b.Metadata[kv.Key] = kv.Value;
        return b;
    }

    private sealed record Info(string Name, SafeTensorsDType DType, int[] Shape, long Begin, long End);
}
