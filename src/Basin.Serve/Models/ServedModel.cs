using Basin.SaNode;
using Basin.Tensors.IO;

namespace Basin.Serve.Models;

/// <summary>One SA-nODE model the server offers: its API name, file, dataset (from the file's metadata) and the loaded model.</summary>
/// <param name="Name">API name: <c>pretrained:mnist</c>, <c>pretrained:fashion</c>, or the file name in --models.</param>
/// <param name="Path">The model file.</param>
/// <param name="Dataset">The <c>dataset</c> entry of the metadata ("unknown" when absent).</param>
/// <param name="Model">The model in float32 (the training precision).</param>
/// <param name="Metadata">Every metadata entry of the file (provenance: command, recipe, epochs…).</param>
public sealed record ServedModel(string Name, string Path, string Dataset, SaNodeModel<float> Model, IReadOnlyDictionary<string, string> Metadata)
{
    /// <summary>Nodes N (pixels).</summary>
    public int N => Model.Config.N;

    /// <summary>Attractors K (classes).</summary>
    public int K => Model.Config.K;

    /// <summary>The K patterns φ⁽ᵏ⁾ (K×N), computed once.</summary>
    public float[] Patterns { get; } = Model.Patterns.ToArray();

    /// <summary>Loads <paramref name="path"/>.</summary>
    public static ServedModel Load(string name, string path)
    {
        var bundle = SafeTensors.Load(path);
        var model = SaNodeFile.FromBundle<float>(bundle);
        return new ServedModel(name, path, bundle.Metadata.GetValueOrDefault("dataset") ?? "unknown", model,
            new Dictionary<string, string>(bundle.Metadata));
    }
}
