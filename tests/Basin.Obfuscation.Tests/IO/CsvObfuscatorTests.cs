using System.Globalization;
using Basin.Obfuscation.IO;
using Basin.Obfuscation.Transform;

namespace Basin.Obfuscation.Tests.IO;

public class CsvObfuscatorTests
{
    private static string Csv(double[] x, int n, int d)
    {
        var w = new StringWriter();
        for (int i = 0; i < n; i++) CsvObfuscator.WriteRow(w, x.AsSpan(i * d, d));
        return w.ToString();
    }

    private static double[] Parse(string csv) =>
        csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith('#'))
            .SelectMany(l => l.Trim().Split(',')).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();

    [Fact]
    public void ApplyThenInvert_RoundTripsBelow1e9_AcrossChunkBoundaries()
    {
        int n = CsvObfuscator.ChunkRows + 37, d = 12;
        var t = new KeyedTransform(TestData.SmallKey(d, block: 4));
        var x = TestData.RandomRows(new Random(1), n, d, 3);
        var obf = new StringWriter();
        Assert.Equal(n, CsvObfuscator.Apply(t, new StringReader(Csv(x, n, d)), obf));
        Assert.StartsWith("# basin-obf v2 fingerprint=" + t.Key.Fingerprint, obf.ToString());
        var y = Parse(obf.ToString());
        Assert.Equal(t.ForwardRows(x, n), y);
        var back = new StringWriter();
        Assert.Equal(n, CsvObfuscator.Invert(t, new StringReader(obf.ToString()), back));
        Assert.True(TestData.MaxRelativeError(x, Parse(back.ToString()), n, d) < 1e-9);
    }

    [Fact]
    public void WrongKey_IsRefused()
    {
        var t1 = new KeyedTransform(TestData.SmallKey(6, block: 3, seed: 1));
        var t2 = new KeyedTransform(TestData.SmallKey(6, block: 3, seed: 2));
        var obf = new StringWriter();
        CsvObfuscator.Apply(t1, new StringReader("1,2,3,4,5,6\n"), obf);
        var e = Assert.Throws<WrongKeyException>(() => CsvObfuscator.Invert(t2, new StringReader(obf.ToString()), new StringWriter()));
        Assert.Contains("wrong key", e.Message);
        var t3 = new KeyedTransform(TestData.SmallKey(7, block: 3, seed: 1));
        Assert.Throws<WrongKeyException>(() => CsvObfuscator.Invert(t3, new StringReader(obf.ToString()), new StringWriter()));
    }

    [Theory]
    [InlineData("1,2,3\n1,2\n", "line 2: expected 3 values, found 2")]
    [InlineData("1,2,3\n1,x,3\n", "line 2, column 2")]
    [InlineData("1,2,NaN\n", "line 1, column 3")]
    [InlineData("1,2,1e400\n", "line 1, column 3")]
    public void MalformedInput_IsNamedByLine_AndValidateFindsItBeforeAnythingIsWritten(string csv, string message)
    {
        var e = Assert.Throws<FormatException>(() => CsvObfuscator.Validate(new StringReader(csv), 3));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void MissingHeader_IsRefused()
    {
        var t = new KeyedTransform(TestData.SmallKey(3, block: 3));
        Assert.Throws<FormatException>(() => CsvObfuscator.Invert(t, new StringReader("1,2,3\n"), new StringWriter()));
        Assert.Throws<FormatException>(() => CsvObfuscator.Invert(t, new StringReader("# basin-obf v1 fingerprint=ab dim=3\n"), new StringWriter()));
    }
}
