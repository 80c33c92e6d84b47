using System.Collections.Concurrent;
using Basin.SaNode;
using Basin.Serve.Api;
using Basin.Stability.Classifiers;

namespace Basin.Serve.Models;

/// <summary>
/// The models the server offers: <c>pretrained:mnist</c>, <c>pretrained:fashion</c> (<see cref="PretrainedModels"/>) and
/// every SA-nODE <c>*.safetensors</c> in the models directory (re-listed on each call, so a model written while the server
/// runs appears; other formats are skipped). Loaded models are cached by path and modification time.
/// </summary>
public sealed class ModelRegistry(string? directory)
{
    private readonly ConcurrentDictionary<(string Path, DateTime Modified), Lazy<ServedModel>> _cache = new();

    /// <summary>API names and files of the offered models, pretrained first.</summary>
    public IReadOnlyList<(string Name, string Path)> List()
    {
        var list = new List<(string, string)>();
        foreach (var p in PretrainedModels.Names)
        {
            try { list.Add((PretrainedModels.Prefix + p, PretrainedModels.Resolve(PretrainedModels.Prefix + p))); }
            catch (FileNotFoundException) { }
        }
        if (directory != null && Directory.Exists(directory))
            foreach (var f in Directory.EnumerateFiles(directory, "*.safetensors").Order(StringComparer.Ordinal))
            {
                try { if (ModelFiles.Detect(f) == ModelFormat.SaNode) list.Add((Path.GetFileName(f), f)); }
                catch (Exception e) when (e is InvalidDataException or IOException or ArgumentException) { }
            }
        return list;
    }

    /// <summary>The model called <paramref name="name"/> (null or empty: the first one); 404 for an unknown name.</summary>
    public ServedModel Get(string? name)
    {
        var all = List();
        if (all.Count == 0) throw ApiException.NotFound("no models are available.");
        var entry = string.IsNullOrWhiteSpace(name) ? all[0] : all.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase));
        if (entry.Name is null) throw ApiException.NotFound($"unknown model '{name}'; models: {string.Join(", ", all.Select(m => m.Name))}.");
        var key = (entry.Path, File.GetLastWriteTimeUtc(entry.Path));
        var lazy = _cache.GetOrAdd(key, k => new Lazy<ServedModel>(() => ServedModel.Load(entry.Name, k.Path)));
        try { return lazy.Value; }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            _cache.TryRemove(key, out _);
            throw new ApiException(422, $"model '{entry.Name}' could not be read: {e.Message}");
        }
    }
}
