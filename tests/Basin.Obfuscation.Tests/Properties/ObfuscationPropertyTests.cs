using System.Collections.Concurrent;
using Basin.Data;
using Basin.Obfuscation.IO;
using Basin.Obfuscation.Transform;
using CsCheck;

namespace Basin.Obfuscation.Tests.Properties;

/// <summary>
/// Properties (issue 28 §3): apply → invert is the identity where the format promises it — bit for bit for IDX byte
/// images (any item shape, any count, chunk boundaries, plain and gzip: the output file equals the plain input file), and
/// to the float64 rounding of the transform (relative error per row &lt; 1e-9, the README's bound) for CSV vectors of any
/// scale and shift. Keys are a small cached set (one per dimension and geometry; generating one trains a network).
/// </summary>
public sealed class ObfuscationPropertyTests : IDisposable
{
    private static readonly int[] Dims = [2, 3, 8, 12, 30];   // the coupling block needs 2 ≤ b ≤ d
    private static readonly ConcurrentDictionary<(int D, int Geometry), KeyedTransform> s_keys = new();
    private readonly string _dir = Directory.CreateTempSubdirectory("basin-obf-prop").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private static KeyedTransform Key(int d, int geometry) =>
        s_keys.GetOrAdd((d, geometry), k => new KeyedTransform(TestData.SmallKey(k.D, geometry: k.Geometry, seed: 17 * k.D + k.Geometry,
            block: Math.Min(8, k.D), center: 0.5, scale: 0.3)));

    public sealed record IdxCase(int[] ItemDims, int Count, bool Gzip, int Geometry, int Seed, bool Extremes)
    {
        public override string ToString() => $"items [{string.Join('×', ItemDims)}] × {Count}{(Gzip ? " gzip" : "")}, geometry {Geometry}, seed {Seed}{(Extremes ? ", 0/255 only" : "")}";
    }

    private static readonly Gen<IdxCase> Idx =
        from d in Gen.OneOf(Dims)
        from shape in Gen.OneOf(Gen.Const(new[] { d }), Gen.Const(d % 3 == 0 ? new[] { 3, d / 3 } : new[] { 1, d }), Gen.Const(new[] { 1, d, 1 }))
        from count in Gen.Frequency((6, Gen.Int[0, 40]), (1, Gen.Int[ObfuscatedMatrixFile.ChunkRows - 1, ObfuscatedMatrixFile.ChunkRows + 1]))
        from gzip in Gen.Bool
        from geometry in Gen.Int[0, 1]
        from seed in Gen.Int
        from extremes in Gen.Frequency((5, Gen.Const(false)), (1, Gen.Const(true)))
        select new IdxCase(shape, count, gzip, geometry, seed, extremes);

    [Fact]
    public void IdxApplyThenInvertIsBitForBit() =>
        Idx.Sample(c =>
        {
            var t = Key(c.ItemDims.Aggregate(1, (a, b) => a * b), c.Geometry);
            var px = new byte[c.Count * t.Dim];
            var rng = new Random(c.Seed);
            rng.NextBytes(px);
            if (c.Extremes) for (int i = 0; i < px.Length; i++) px[i] = (byte)(px[i] < 128 ? 0 : 255);
            string tag = Guid.NewGuid().ToString("N");
            string plain = Path.Combine(_dir, tag + ".idx"), input = c.Gzip ? plain + ".gz" : plain;
            IdxWriter.WriteFile(plain, px, [c.Count, .. c.ItemDims], gzip: false);
            if (c.Gzip) IdxWriter.WriteFile(input, px, [c.Count, .. c.ItemDims], gzip: true);
            string obf = Path.Combine(_dir, tag + ".bobf"), back = Path.Combine(_dir, tag + ".back.idx");
            Assert.Equal(c.Count, ObfuscatedMatrixFile.ApplyIdx(t, input, obf));
            Assert.Equal(c.Count, ObfuscatedMatrixFile.Invert(t, obf, back));
            Assert.Equal(File.ReadAllBytes(plain), File.ReadAllBytes(back));
            foreach (var f in new[] { plain, input, obf, back }) File.Delete(f);
        }, iter: 200, print: c => c.ToString());

    public sealed record CsvCase(int D, int Rows, double Scale, double Shift, int Geometry, int Seed)
    {
        public override string ToString() => $"d {D}, {Rows} rows, scale {Scale:G4}, shift {Shift:G4}, geometry {Geometry}, seed {Seed}";
    }

    private static readonly Gen<CsvCase> Csv =
        from d in Gen.OneOf(Dims)
        from rows in Gen.Frequency((6, Gen.Int[0, 30]), (1, Gen.Int[CsvObfuscator.ChunkRows - 1, CsvObfuscator.ChunkRows + 1]))
        from logScale in Gen.Double[-3, 3]
        from shift in Gen.OneOf(Gen.Const(0.0), Gen.Double[-100, 100])
        from geometry in Gen.Int[0, 1]
        from seed in Gen.Int
        select new CsvCase(d, rows, Math.Pow(10, logScale), shift, geometry, seed);

    [Fact]
    public void CsvApplyThenInvertIsTheIdentityToRounding() =>
        Csv.Sample(c =>
        {
            var t = Key(c.D, c.Geometry);
            var x = TestData.RandomRows(new Random(c.Seed), c.Rows, c.D, c.Scale, c.Shift);
            var csv = new StringWriter();
            for (int i = 0; i < c.Rows; i++) CsvObfuscator.WriteRow(csv, x.AsSpan(i * c.D, c.D));
            var obf = new StringWriter();
            Assert.Equal(c.Rows, CsvObfuscator.Apply(t, new StringReader(csv.ToString()), obf));
            var back = new StringWriter();
            Assert.Equal(c.Rows, CsvObfuscator.Invert(t, new StringReader(obf.ToString()), back));
            var lines = back.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(c.Rows, lines.Length);
            var y = lines.SelectMany(l => l.Split(',').Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture))).ToArray();
            if (c.Rows > 0) Assert.True(TestData.MaxRelativeError(x, y, c.Rows, c.D) < 1e-9, $"relative error {TestData.MaxRelativeError(x, y, c.Rows, c.D):E2}");
        }, iter: 300, print: c => c.ToString());
}
