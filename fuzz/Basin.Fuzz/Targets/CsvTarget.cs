using System.Text;
using Basin.Obfuscation.IO;

namespace Basin.Fuzz.Targets;

/// <summary>
/// CSV input and obfuscated CSV files, as <c>obfuscate apply</c> and <c>invert</c> read them under the fixed fuzz key
/// (dimension 8): a file starting with the <c># basin-obf</c> header goes through <see cref="CsvObfuscator.Invert"/>,
/// any other through <see cref="CsvObfuscator.Apply"/>.
/// </summary>
public sealed class CsvTarget : FuzzTarget
{
    public override string Name => "csv";
    public override string Description => "CsvObfuscator.Apply / Invert under tests/fuzz/keys/obfuscation.key: plain and obfuscated CSV";
    public override IReadOnlyList<Type> Rejections => [typeof(FormatException), typeof(WrongKeyException)];

    public override void Parse(byte[] input)
    {
        using var reader = new StreamReader(new MemoryStream(input, writable: false), Encoding.UTF8);
        var t = FuzzKeys.ObfuscationTransform;
        if (input.AsSpan().StartsWith("# basin-obf"u8)) CsvObfuscator.Invert(t, reader, TextWriter.Null);
        else CsvObfuscator.Apply(t, reader, TextWriter.Null);
    }

    public override IEnumerable<(string Name, byte[] Bytes)> Seeds()
    {
        string plain = "0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8\n# comment\n1,2,3,4,5,6,7,8e-3\n-1,0,0,0,0,0,0,1.5\n";
        yield return ("plain.csv", Encoding.UTF8.GetBytes(plain));
        var o = new StringWriter();
        CsvObfuscator.Apply(FuzzKeys.ObfuscationTransform, new StringReader(plain), o);
        yield return ("obfuscated.csv", Encoding.UTF8.GetBytes(o.ToString()));
    }
}
