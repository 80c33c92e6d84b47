using Basin.SaNode;
using Basin.Tensors;
using Basin.Tensors.IO;

namespace Basin.Fuzz.Targets;

/// <summary>SA-nODE model files: the safetensors container, then <see cref="SaNodeFile.FromBundle{T}"/> (configuration JSON, shapes, γ).</summary>
public sealed class SaNodeModelTarget : FuzzTarget
{
    public override string Name => "sanode-model";
    public override string Description => "SaNodeFile.FromBundle<float>(SafeTensors.Read): an SA-nODE model file";
    public override IReadOnlyList<Type> Rejections => [typeof(InvalidDataException)];
    public override void Parse(byte[] input) => SaNodeFile.FromBundle<float>(SafeTensors.Read(input, source: "fuzz-model.safetensors"));

    public override IEnumerable<(string Name, byte[] Bytes)> Seeds()
    {
        foreach (var (n, k) in new[] { (6, 2), (12, 3) })
        {
            var m = new SaNodeModel<float>(new SaNodeConfig { N = n, K = k }, new Rng(1));
            yield return ($"model-n{n}-k{k}", SafeTensorsTarget.ToBytes(SaNodeFile.AddTo(new TensorBundle(), m)));
        }
    }
}
