using Basin.Dfsa.Networks;
using Basin.Tensors;
using Basin.Tensors.IO;

namespace Basin.Fuzz.Targets;

/// <summary>DFSA model files: the safetensors container, then <see cref="DfsaModelFile.FromBundle{T}"/> (network spec JSON, parameters, buffers).</summary>
public sealed class DfsaModelTarget : FuzzTarget
{
    public override string Name => "dfsa-model";
    public override string Description => "DfsaModelFile.FromBundle<double>(SafeTensors.Read): a DFSA network file";
    public override IReadOnlyList<Type> Rejections => [typeof(InvalidDataException)];
    public override void Parse(byte[] input) => DfsaModelFile.FromBundle<double>(SafeTensors.Read(input, source: "fuzz-dfsa.safetensors"));

    public override IEnumerable<(string Name, byte[] Bytes)> Seeds()
    {
        var specs = new (string Name, NetworkSpec Spec)[]
        {
            ("mlp", new NetworkSpec(Architecture.Mlp, 3, 2, Hidden: 4, Layers: 1)),
            ("affine", new NetworkSpec(Architecture.AffineCoupling, 4, 4, Hidden: 3, Layers: 2)),
            ("cppn", new NetworkSpec(Architecture.Cppn, 2, 1, Hidden: 3, Layers: 1)),
        };
        foreach (var (name, spec) in specs)
            yield return (name, SafeTensorsTarget.ToBytes(DfsaModelFile.AddTo(new TensorBundle(), spec.Create<double>(new Rng(3)))));
    }
}
