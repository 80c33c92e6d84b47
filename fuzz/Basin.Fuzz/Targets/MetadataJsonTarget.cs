using System.Text;
using Basin.Dfsa.Networks;
using Basin.SaNode;
using Basin.Studies.SaNode;
using Basin.Studies.Sharding;
using Basin.Tensors;
using Basin.Tensors.IO;

namespace Basin.Fuzz.Targets;

/// <summary>
/// The JSON documents Basin keeps inside its files and beside them: the first input byte picks the field, the rest is its
/// text, put into an otherwise valid file — 0: an SA-nODE model's <c>config</c>; 1: a checkpoint's recipe
/// (<c>checkpoint.options</c>); 2: its <c>checkpoint.history</c>; 3: a DFSA model's <c>network</c> spec; 4: a sharded
/// study's partial result (<c>basin merge</c>).
/// </summary>
public sealed class MetadataJsonTarget : FuzzTarget
{
    private static readonly string[] Fields = ["config", "checkpoint.options", "checkpoint.history", "network", "shard"];
    private static readonly Lazy<TensorBundle> Checkpoint = new(() => SafeTensors.Read(SaNodeCheckpointTarget.TinyCheckpoint()));
    private static readonly Lazy<TensorBundle> Dfsa = new(() =>
        DfsaModelFile.AddTo(new TensorBundle(), new NetworkSpec(Architecture.AffineCoupling, 4, 4, Hidden: 3, Layers: 2).Create<double>(new Rng(3))));

    public override string Name => "metadata-json";
    public override string Description => "recipe/metadata JSON: SA-nODE config, checkpoint recipe and history, DFSA network spec, shard documents";
    public override IReadOnlyList<Type> Rejections => [typeof(InvalidDataException)];

    public override void Parse(byte[] input)
    {
        if (input.Length == 0) return;
        string text = Encoding.UTF8.GetString(input.AsSpan(1));
        switch (input[0] % Fields.Length)
        {
            case 0:
                SaNodeFile.FromBundle<float>(With(Checkpoint.Value, "config", text));
                break;
            case 1:
            case 2:
                string path = FuzzScratch.Output("fuzz-meta.ckpt");
                SafeTensors.Save(path, With(Checkpoint.Value, Fields[input[0] % Fields.Length], text));
                SaNodeTrainer.Resume(path);
                TrainingHistory.Read(path);
                break;
            case 3:
                DfsaModelFile.FromBundle<double>(With(Dfsa.Value, "network", text));
                break;
            default:
                ShardDocument.Read(FuzzScratch.Write("fuzz-part.json", input[1..]));
                break;
        }
    }

    public override IEnumerable<(string Name, byte[] Bytes)> Seeds()
    {
        var ck = Checkpoint.Value;
        for (int i = 0; i < 3; i++) yield return (Fields[i], Field(i, ck.Metadata[Fields[i]]));
        yield return ("network", Field(3, Dfsa.Value.Metadata["network"]));
        yield return ("shard", Field(4, """{"study":"accurate-or-stable","shard":"1/2","options":{"count":10},"result":{"rows":[1,2]}}"""));
    }

    private static byte[] Field(int index, string text) => [(byte)index, .. Encoding.UTF8.GetBytes(text)];

    private static TensorBundle With(TensorBundle template, string key, string value)
    {
        var b = new TensorBundle("fuzz-meta.safetensors");
        foreach (var name in template.Names)
        {
            if (template.IsFloat(name)) b.Add(name, template.GetFloat(name));
            else b.Add(name, template.GetDouble(name));
        }
        foreach (var (k, v) in template.Metadata) b.Metadata[k] = v;
        b.Metadata[key] = value;
        return b;
    }
}
