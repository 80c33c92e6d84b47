using System.Text.Json.Nodes;
using Basin.Data;
using Basin.Dynamics;
using Basin.SaNode;
using Basin.SaNode.Evaluation;
using Basin.SaNode.Studies;
using Basin.Stability.Classifiers;
using Basin.Studies.SaNode;
using Basin.Tensors.IO;

namespace Basin.Serve.Models;

/// <summary>
/// The model page: the linear-stability certificate (<see cref="SaNodeStabilityReport"/>, Marino et al. 2024 §II.B), the
/// effective eigenvalues λ before training (rebuilt from the recipe's seed) and after, the spectrum of J = −8|γ|a² I + βA,
/// the file's provenance metadata, and — when the model's dataset is in the cache (never fetched by the server) — the
/// per-class table (<see cref="SaNodeEvaluation"/>, T = 120 as <c>basin sanode eval</c>) and the horizon study
/// (<see cref="HorizonStudy"/>, T = 1, 5.5, 20, 60) on the first test images. Computed once per model file and cached.
/// </summary>
public sealed class ModelReport(int count)
{
    private readonly Dictionary<(string, DateTime), Lazy<JsonObject>> _cache = new();

    /// <summary>The report of <paramref name="model"/> as JSON.</summary>
    public JsonObject For(ServedModel model)
    {
        Lazy<JsonObject> lazy;
        lock (_cache)
        {
            var key = (model.Path, File.GetLastWriteTimeUtc(model.Path));
            if (!_cache.TryGetValue(key, out lazy!)) _cache[key] = lazy = new Lazy<JsonObject>(() => Compute(model));
        }
        return (JsonObject)lazy.Value.DeepClone();
    }

    private JsonObject Compute(ServedModel model)
    {
        var (doc, cert, config) = SaNodeStabilityReport.Run(model.Path);
        var (bundle, _) = ModelFiles.Open(model.Path);
        var initial = SaNodeStabilityReport.InitialModel(bundle, config);
        doc["model"] = model.Name;
        doc["dataset"] = model.Dataset;
        doc["lambda_trained"] = JsonOutput.FiniteArray(cert.LambdaEffective);
        doc["lambda_initial"] = initial is null ? null : JsonOutput.FiniteArray(initial.Lambda.ToArray());
        doc["spectrum_re"] = JsonOutput.FiniteArray(cert.CouplingSpectrum.Select(z => cert.ReactionSlope + cert.Beta * z.Real));
        doc["spectrum_im"] = JsonOutput.FiniteArray(cert.CouplingSpectrum.Select(z => cert.Beta * z.Imaginary));
        var provenance = new JsonObject();
        foreach (var (k, v) in model.Metadata.OrderBy(p => p.Key, StringComparer.Ordinal)) provenance[k] = v;
        doc["provenance"] = provenance;
        var data = TestImages.TryLoad(model.Dataset, model.N);
        if (data is null)
        {
            doc["evaluation"] = null;
            doc["evaluation_note"] = $"the {model.Dataset} test split is not in the data cache (basin data fetch {model.Dataset}); the server never downloads it.";
            return doc;
        }
        var subset = TestImages.First(data, count);
        var eval = SaNodeEvaluation.Run(model.Model, model.Path, subset, model.Dataset, "test", new SaNodeEvalOptions(Steps: 1200, Batch: 250));
        doc["evaluation"] = System.Text.Json.JsonSerializer.SerializeToNode(eval, JsonOutput.Options);
        var runner = new SaNodeRunner<float>(model.Model);
        runner.Refresh();
        var horizon = HorizonStudy.Run(runner, subset, ButcherTableau.Euler, 0.1, [1, 5.5, 20, 60], batchSize: 250);
        doc["horizon"] = System.Text.Json.JsonSerializer.SerializeToNode(horizon, JsonOutput.Options);
        return doc;
    }
}
