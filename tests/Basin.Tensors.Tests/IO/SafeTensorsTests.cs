using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using Basin.Tensors.IO;

namespace Basin.Tensors.Tests.IO;

public sealed class SafeTensorsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("basin-st-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>A file laid out by hand from the format description: u64 header length, JSON, raw LE data.</summary>
    private static byte[] HandMade(string json, byte[] data)
    {
        var h = Encoding.UTF8.GetBytes(json);
        var bytes = new byte[8 + h.Length + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)h.Length);
        h.CopyTo(bytes, 8);
        data.CopyTo(bytes, 8 + h.Length);
        return bytes;
    }

    private static byte[] LE(params float[] v)
    {
        var b = new byte[4 * v.Length];
        for (int i = 0; i < v.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(b.AsSpan(4 * i), v[i]);
        return b;
    }

    private static byte[] Small()
    {
        var b = new TensorBundle().Add("w", Tensor.FromSpan<float>(new float[] { 1, 2, 3, 4, 5, 6 }, 2, 3))
            .Add("g", Tensor.Scalar(0.4)).Add("e", new Tensor<float>(0, 3));
        b.Metadata["format"] = "pt";
        var ms = new MemoryStream();
        SafeTensors.Write(ms, b);
        return ms.ToArray();
    }

    [Fact]
    public void ParsesHandBuiltFile()
    {
        var data = LE(1, 2, 3, 4).Concat(BitConverter.GetBytes(-1.5)).Concat(new byte[2]).ToArray();
        var json = "{\"__metadata__\":{\"format\":\"pt\"},\"a\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,16]}," +
                   "\"b\":{\"dtype\":\"F64\",\"shape\":[],\"data_offsets\":[16,24]},\"c\":{\"dtype\":\"BF16\",\"shape\":[1],\"data_offsets\":[24,26]}}";
        var bytes = HandMade(json, data);
        bytes[^2] = 0xC0; bytes[^1] = 0x3F; // bf16 0x3FC0 = 1.5
        var t = SafeTensors.Read(bytes);
        Assert.Equal("pt", t.Metadata["format"]);
        Assert.Equal(new float[] { 1, 2, 3, 4 }, t.GetFloat("a", 2, 2).ToArray());
        Assert.Equal(-1.5, t.GetDouble("b").Scalar());
        Assert.Equal(1.5f, t.GetFloat("c")[0]);
        Assert.Equal(SafeTensorsDType.BF16, t.DTypeOf("c"));
    }

    [Fact]
    public void AcceptsAnyTensorNameFoundInAFile()
    {
        var t = SafeTensors.Read(HandMade("{\"\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", LE(2)));
        Assert.Equal(2f, t.GetFloat("")[0]);
    }

    [Fact]
    public void ReadsHalfAndIntegerDtypes()
    {
        var data = new byte[2 + 8 + 4];
        BinaryPrimitives.WriteHalfLittleEndian(data, (Half)0.25);
        BinaryPrimitives.WriteInt64LittleEndian(data.AsSpan(2), -42);
        BinaryPrimitives.WriteInt32LittleEndian(data.AsSpan(10), 7);
        var json = "{\"h\":{\"dtype\":\"F16\",\"shape\":[1],\"data_offsets\":[0,2]},\"l\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[2,10]}," +
                   "\"i\":{\"dtype\":\"I32\",\"shape\":[1],\"data_offsets\":[10,14]}}";
        var t = SafeTensors.Read(HandMade(json, data));
        Assert.Equal(0.25f, t.GetFloat("h")[0]);
        Assert.Equal(-42.0, t.GetDouble("l")[0]);
        Assert.Equal(7.0, t.GetDouble("i")[0]);
    }

    [Fact]
    public void EmitsSpecHeaderLayout()
    {
        var bytes = Small();
        ulong n = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        Assert.Equal(0UL, (8 + n) % 8);
        var json = Encoding.UTF8.GetString(bytes, 8, (int)n);
        Assert.StartsWith("{", json);
        Assert.True(json.Substring(json.TrimEnd().Length).All(c => c == ' '));
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        Assert.Equal("pt", root.GetProperty("__metadata__").GetProperty("format").GetString());
        // F64 first (larger elements first), then F32 by name: g, e, w.
        Assert.Equal("F64", root.GetProperty("g").GetProperty("dtype").GetString());
        Assert.Equal(0, root.GetProperty("g").GetProperty("shape").GetArrayLength());
        Assert.Equal(new[] { 0L, 8L }, root.GetProperty("g").GetProperty("data_offsets").EnumerateArray().Select(x => x.GetInt64()));
        Assert.Equal(new[] { 8L, 8L }, root.GetProperty("e").GetProperty("data_offsets").EnumerateArray().Select(x => x.GetInt64()));
        Assert.Equal(new[] { 8L, 32L }, root.GetProperty("w").GetProperty("data_offsets").EnumerateArray().Select(x => x.GetInt64()));
        Assert.Equal(new[] { 2, 3 }, root.GetProperty("w").GetProperty("shape").EnumerateArray().Select(x => x.GetInt32()));
        Assert.Equal(8 + (int)n + 32, bytes.Length);
        Assert.Equal(0.4, BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan(8 + (int)n)));
        Assert.Equal(1f, BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(8 + (int)n + 8)));
    }

    [Fact]
    public void RoundTripsFloatDoubleScalarsEmptyAndMetadata()
    {
        var rng = new Rng(1);
        var f = Tensor.Normal(rng, 0f, 1f, 3, 4, 5);
        var d = Tensor.Normal(rng, 0.0, 1.0, 7, 2);
        var path = Path.Combine(_dir, "m.safetensors");
        var b = new TensorBundle().Add("f", f).Add("d", d).Add("s", Tensor.Scalar(3.5f)).Add("empty", new Tensor<double>(0));
        b.Metadata["model"] = "sa-node"; b.Metadata["ünïcode"] = "λ = 8a²γ/β";
        SafeTensors.Save(path, b);
        var r = SafeTensors.Load(path);
        Assert.Equal(f.ToArray(), r.GetFloat("f", 3, 4, 5).ToArray());
        Assert.Equal(d.ToArray(), r.GetDouble("d", 7, 2).ToArray());
        Assert.Equal(3.5f, r.GetFloat("s").Scalar());
        Assert.Equal(new[] { 0 }, r.ShapeOf("empty"));
        Assert.Equal(0, r.GetDouble("empty").Length);
        Assert.Equal("λ = 8a²γ/β", r.GetMetadata("ünïcode"));
        Assert.Equal("sa-node", r.Metadata["model"]);
        // Conversions on request.
        Assert.Equal(d.ToArray().Select(x => (float)x), r.GetFloat("d").ToArray());
        Assert.Equal(f.ToArray().Select(x => (double)x), r.GetDouble("f").ToArray());
        // Dictionary overloads.
        var p2 = Path.Combine(_dir, "d.safetensors");
        SafeTensors.Save(p2, new Dictionary<string, Tensor<double>> { ["x"] = d }, new Dictionary<string, string> { ["k"] = "v" });
        Assert.Equal(d.ToArray(), SafeTensors.Load(p2).GetDouble("x").ToArray());
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp"));
        Assert.Equal(2, Directory.GetFiles(_dir).Length);
    }

    [Fact]
    public void MissingTensorAndWrongShapeNameFileAndTensor()
    {
        var path = Path.Combine(_dir, "model.safetensors");
        SafeTensors.Save(path, new Dictionary<string, Tensor<float>> { ["phi"] = new Tensor<float>(4, 2) });
        var b = SafeTensors.Load(path);
        var e1 = Assert.Throws<InvalidDataException>(() => b.GetFloat("lambda"));
        Assert.Contains("model.safetensors", e1.Message); Assert.Contains("'lambda'", e1.Message); Assert.Contains("phi", e1.Message);
        var e2 = Assert.Throws<InvalidDataException>(() => b.GetDouble("phi", 4, 4));
        Assert.Contains("'phi' has shape", e2.Message);
    }

    [Fact]
    public void EveryTruncationIsInvalidData()
    {
        var bytes = Small();
        for (int len = 0; len < bytes.Length; len++)
        {
            var cut = bytes.AsSpan(0, len).ToArray();
            var e = Record.Exception(() => SafeTensors.Read(cut));
            Assert.True(e is InvalidDataException, $"length {len}: {e?.GetType().Name ?? "no exception"} {e?.Message}");
        }
        Assert.Equal(3, SafeTensors.Read(bytes).Count);
    }

    [Fact]
    public void EveryByteFlipInHeaderIsInvalidDataOrStillValid()
    {
        var bytes = Small();
        int n = (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        for (int i = 0; i < 8 + n; i++)
            foreach (byte x in new byte[] { 0x00, 0xFF, (byte)'9', (byte)'"', (byte)'-' })
            {
                var c = (byte[])bytes.Clone();
                c[i] = x;
                var e = Record.Exception(() => SafeTensors.Read(c));
                Assert.True(e is null or InvalidDataException, $"byte {i} ← {x}: {e}");
            }
    }

    [Theory]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}", "not valid JSON")]
    [InlineData("[1,2]", "must be a JSON object")]
    [InlineData("{\"a\":{\"dtype\":\"F8_E4M3\",\"shape\":[2],\"data_offsets\":[0,8]}}", "unsupported dtype 'F8_E4M3'")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", "needs 12 bytes")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,8]}}", "non-negative integer")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[2.5],\"data_offsets\":[0,8]}}", "non-negative integer")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0]}}", "[begin, end]")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,0]}}", "end before they begin")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}", "run past")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", "gap")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", "trailing bytes")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", "overlap")]
    [InlineData("{\"a\":{\"shape\":[2],\"data_offsets\":[0,8]}}", "'dtype'")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"data_offsets\":[0,8]}}", "'shape'")]
    [InlineData("{\"__metadata__\":{\"k\":1},\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", "must be a string")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", "twice")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[99999999999],\"data_offsets\":[0,8]}}", "too large")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[2147483647,2147483647,0],\"data_offsets\":[0,8]}}", "too many elements")]
    public void CorruptHeadersGiveClearErrors(string json, string expected)
    {
        var bytes = HandMade(json, LE(1, 2));
        var e = Assert.Throws<InvalidDataException>(() => SafeTensors.Read(bytes, source: "bad.safetensors"));
        Assert.StartsWith("bad.safetensors: ", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void HeaderLengthBeyondFileOrLimitIsRejected()
    {
        var bytes = Small();
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, ulong.MaxValue);
        Assert.Contains("exceeds", Assert.Throws<InvalidDataException>(() => SafeTensors.Read(bytes)).Message);
        var big = HandMade("{}", new byte[0]);
        Assert.Contains("limit", Assert.Throws<InvalidDataException>(() => SafeTensors.Read(big, new SafeTensorsReadOptions(MaxHeaderBytes: 1))).Message);
    }

    [Fact]
    public void NonFiniteValuesAreRejectedUnlessAllowed()
    {
        var bytes = HandMade("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", LE(1, float.NaN));
        Assert.Contains("NaN", Assert.Throws<InvalidDataException>(() => SafeTensors.Read(bytes)).Message);
        Assert.True(float.IsNaN(SafeTensors.Read(bytes, new SafeTensorsReadOptions(RequireFinite: false)).GetFloat("a")[1]));
    }

    [Fact]
    public void FailedWriteKeepsExistingFileAndLeavesNoTempFiles()
    {
        var path = Path.Combine(_dir, "keep.safetensors");
        SafeTensors.Save(path, new Dictionary<string, Tensor<double>> { ["old"] = Tensor.Scalar(1.0) });
        var before = File.ReadAllBytes(path);
        var big = new TensorBundle().Add("new", new Tensor<double>(1000));
        var e = Assert.Throws<IOException>(() => AtomicFile.Write(path, s => SafeTensors.Write(new FailingStream(s, failAfter: 500), big)));
        Assert.Equal("disk full", e.Message);
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Single(Directory.GetFiles(_dir));
        Assert.Equal(1.0, SafeTensors.Load(path).GetDouble("old").Scalar());
    }

    /// <summary>Passes writes through until <c>failAfter</c> bytes, then throws like a full disk.</summary>
    private sealed class FailingStream(Stream inner, int failAfter) : Stream
    {
        private int _written;
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _written; set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));
        public override void Write(ReadOnlySpan<byte> buffer)
        {
            if (_written + buffer.Length > failAfter) throw new IOException("disk full");
            inner.Write(buffer);
            _written += buffer.Length;
        }
    }
}
