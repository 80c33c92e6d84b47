using Basin.Tensors.IO;
using CsCheck;

namespace Basin.Tensors.Tests.Properties;

/// <summary>
/// Property (issue 28 §3): safetensors write → read is the identity over random bundles — names (quotes, backslashes,
/// control characters, non-ASCII, surrogate pairs), shapes (rank 0 … 4, zero-length axes), dtypes (F32, F64), values as
/// random bit patterns (NaN payloads, ±∞, subnormals, −0; read with RequireFinite off), transposed (non-contiguous) views
/// and metadata; and writing what was read gives the same bytes (the writer is canonical).
/// </summary>
public sealed class SafeTensorsPropertyTests
{
    /// <summary>One generated tensor: its name, shape, dtype, element bits and whether it is written as a transposed view.</summary>
    public sealed record TensorSpec(string Name, int[] Shape, bool Double, ulong[] Bits, bool Transposed)
    {
        public override string ToString() =>
            $"{System.Text.Json.JsonSerializer.Serialize(Name)} {(Double ? "F64" : "F32")} [{string.Join(',', Shape)}]{(Transposed ? " transposed" : "")}";
    }

    private static readonly Gen<char> NameChar = Gen.Frequency(
        (8, Gen.Char['a', 'z']), (2, Gen.Char['0', '9']), (2, Gen.OneOf('.', '_', '-', '"', '\\', '/', ' ', '\n', '\t', '\u0001', '\u007f')),
        (2, Gen.OneOf('é', 'ß', 'Ж', '中', '\u2028', '\uFEFF', '\uFFFD')));

    /// <summary>Strings of valid UTF-16 (surrogates only in pairs: 😀 𝔸).</summary>
    private static Gen<string> Text(int min, int max) =>
        Gen.Frequency((9, NameChar.Select(c => c.ToString())), (1, Gen.OneOf("😀", "𝔸"))).Array[min, max].Select(p => string.Concat(p));

    private static readonly Gen<TensorSpec> Spec =
        from name in Text(1, 12).Where(n => n != "__metadata__")
        from shape in Gen.Int[0, 4].Array[0, 4]
        from dbl in Gen.Bool
        from transposed in Gen.Bool
        from bits in Gen.Frequency(
            (3, Gen.ULong),
            (1, Gen.OneOf(0UL, 0x8000_0000_0000_0000UL, 0x7FF0_0000_0000_0000UL, 0x7FF8_0000_0000_0001UL, 0xFFF4_0000_0000_0000UL, 1UL,
                          0x7FC0_0001UL, 0x7F80_0000UL, 0xFF80_0000UL, 0x8000_0000UL, 0x0000_0001UL, 0x3F80_0000UL)))
            .Array[shape.Aggregate(1, (a, b) => a * b)]
        select new TensorSpec(name, shape, dbl, bits, transposed && shape.Length >= 2);

    private static readonly Gen<(TensorSpec[] Tensors, Dictionary<string, string> Metadata)> BundleGen =
        from specs in Spec.Array[0, 6]
        from meta in Gen.Select(Text(1, 10).Where(k => k != "__metadata__"), Text(0, 20)).Array[0, 4]
        select (specs.DistinctBy(s => s.Name).ToArray(), meta.DistinctBy(m => m.Item1).ToDictionary(m => m.Item1, m => m.Item2));

    private static TensorBundle Build(TensorSpec[] specs, Dictionary<string, string> metadata)
    {
        var b = new TensorBundle();
        foreach (var s in specs)
        {
            // A transposed view is built from the transposed shape, so its logical (row-major) elements are Bits.
            int[] stored = s.Transposed ? [s.Shape[1], s.Shape[0], .. s.Shape[2..]] : s.Shape;
            if (s.Double)
            {
                var t = new Tensor<double>(stored);
                var view = s.Transposed ? t.Transpose() : t;
                view.Scatter(s.Bits.Select(BitConverter.UInt64BitsToDouble).ToArray());
                b.Add(s.Name, view);
            }
            else
            {
                var t = new Tensor<float>(stored);
                var view = s.Transposed ? t.Transpose() : t;
                view.Scatter(s.Bits.Select(x => BitConverter.UInt32BitsToSingle((uint)x)).ToArray());
                b.Add(s.Name, view);
            }
        }
        foreach (var (k, v) in metadata) b.Metadata[k] = v;
        return b;
    }

    private static byte[] Bytes(TensorBundle b)
    {
        var ms = new MemoryStream();
        SafeTensors.Write(ms, b);
        return ms.ToArray();
    }

    [Fact]
    public void WriteThenReadIsTheIdentity() =>
        BundleGen.Sample(g =>
        {
            var bytes = Bytes(Build(g.Tensors, g.Metadata));
            var read = SafeTensors.Read(bytes, new SafeTensorsReadOptions(RequireFinite: false));
            Assert.Equal(g.Tensors.Select(s => s.Name).Order(StringComparer.Ordinal), read.Names.Order(StringComparer.Ordinal));
            foreach (var s in g.Tensors)
            {
                Assert.Equal(s.Double ? SafeTensorsDType.F64 : SafeTensorsDType.F32, read.DTypeOf(s.Name));
                Assert.Equal(s.Shape, read.ShapeOf(s.Name));
                ulong[] got = s.Double
                    ? read.GetDouble(s.Name).ToArray().Select(BitConverter.DoubleToUInt64Bits).ToArray()
                    : read.GetFloat(s.Name).ToArray().Select(x => (ulong)BitConverter.SingleToUInt32Bits(x)).ToArray();
                Assert.Equal(s.Double ? s.Bits : s.Bits.Select(x => x & 0xFFFF_FFFFUL).ToArray(), got);
            }
            Assert.Equal(g.Metadata.OrderBy(p => p.Key, StringComparer.Ordinal), read.Metadata.OrderBy(p => p.Key, StringComparer.Ordinal));
            Assert.Equal(bytes, Bytes(read));
        }, iter: 2000, print: g => $"tensors {string.Join("; ", g.Tensors.Select(t => t.ToString()))}; metadata {System.Text.Json.JsonSerializer.Serialize(g.Metadata)}");
}
