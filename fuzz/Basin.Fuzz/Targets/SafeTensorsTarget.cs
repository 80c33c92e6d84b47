using Basin.Tensors;
using Basin.Tensors.IO;

namespace Basin.Fuzz.Targets;

/// <summary>The safetensors container (<see cref="SafeTensors.Read(ReadOnlySpan{byte}, SafeTensorsReadOptions?, string)"/>): header length, JSON header, data layout, dtypes.</summary>
public sealed class SafeTensorsTarget : FuzzTarget
{
    public override string Name => "safetensors";
    public override string Description => "SafeTensors.Read: any safetensors file (model, checkpoint, key container)";
    public override IReadOnlyList<Type> Rejections => [typeof(InvalidDataException)];
    public override void Parse(byte[] input) => SafeTensors.Read(input, source: "fuzz.safetensors");

    public override IEnumerable<(string Name, byte[] Bytes)> Seeds()
    {
        var b = new TensorBundle();
        b.Add("w", Tensor.FromSpan<float>([1f, -2f, 0.5f, 3f, 0f, 7f], 2, 3));
        b.Add("v", Tensor.FromSpan<double>([1.5, -0.25], 2));
        b.Metadata["format"] = "fuzz";
        yield return ("f32-f64-metadata", ToBytes(b));
        var e = new TensorBundle();
        e.Add("empty", new Tensor<float>(0, 4));
        yield return ("empty-tensor", ToBytes(e));
    }

    /// <summary>The safetensors bytes of a bundle.</summary>
    public static byte[] ToBytes(TensorBundle b)
    {
        using var ms = new MemoryStream();
        SafeTensors.Write(ms, b);
        return ms.ToArray();
    }
}
