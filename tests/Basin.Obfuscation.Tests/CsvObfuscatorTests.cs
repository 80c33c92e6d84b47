using Basin.Obfuscation;

namespace Basin.Obfuscation.Tests;

public class CsvObfuscatorTests
{
    [Fact]
    public void Csv_RoundTrip_WithKey()
    {
        var t = new KeyedTransform(ObfuscationKey.Generate(3, 0.5));
        var obf = new StringWriter();
        Assert.Equal(2, CsvObfuscator.Apply(t, new StringReader("1,2,3\n-4.5,0,1e3\n"), obf));
        var plain = new StringWriter();
        CsvObfuscator.Invert(t, new StringReader(obf.ToString()), plain);
        var rows = plain.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var v = rows[1].Split(',').Select(s => double.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(-4.5, v[0], 9); Assert.Equal(0, v[1], 9); Assert.Equal(1000, v[2], 9);
    }

    [Fact]
    public void WrongKey_IsRefused()
    {
        var t = new KeyedTransform(ObfuscationKey.Generate(3, 0.5));
        var other = new KeyedTransform(ObfuscationKey.Generate(3, 0.5));
        var obf = new StringWriter();
        CsvObfuscator.Apply(t, new StringReader("1,2,3\n"), obf);
        var ex = Assert.Throws<WrongKeyException>(() => CsvObfuscator.Invert(other, new StringReader(obf.ToString()), new StringWriter()));
        Assert.Contains("wrong key", ex.Message);
    }

    [Theory]
    [InlineData("1,2\n", "expected 3 values")]
    [InlineData("1,2,abc\n", "column 3")]
    [InlineData("1,2,NaN\n", "not a finite number")]
    public void MalformedCsv_IsRefusedWithLine(string csv, string message)
    {
        var t = new KeyedTransform(ObfuscationKey.Generate(3, 0.5));
        var ex = Assert.Throws<FormatException>(() => CsvObfuscator.Apply(t, new StringReader(csv), new StringWriter()));
        Assert.Contains(message, ex.Message);
        Assert.Contains("line 1", ex.Message);
    }

    [Fact]
    public void Invert_WithoutHeader_IsRefused()
    {
        var t = new KeyedTransform(ObfuscationKey.Generate(3, 0.5));
        Assert.Throws<FormatException>(() => CsvObfuscator.Invert(t, new StringReader("1,2,3\n"), new StringWriter()));
    }
}
