using System.Text.Json.Nodes;
using Basin.Dfsa.Training;

namespace Basin.Dfsa.Terms;

/// <summary>The metric catalogue with each preset's weights, for listings (<c>basin dfsa terms</c>).</summary>
public static class TermTable
{
    /// <summary>Preset → (term → weight); terms a preset leaves out are absent.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> PresetWeights() =>
        Presets.Names.ToDictionary(n => n, n => (IReadOnlyDictionary<string, double>)Presets.Get(n).ToDictionary(t => t.Term.Name, t => t.Weight));

    /// <summary>One object per term of <see cref="TermCatalogue.All"/>: name, group, goal, formula, estimator, reading and preset_weights (0 where absent).</summary>
    public static JsonArray ToJson()
    {
        var presets = PresetWeights();
        var arr = new JsonArray();
        foreach (var t in TermCatalogue.All)
        {
            var w = new JsonObject();
            foreach (var (n, d) in presets) w[n] = d.TryGetValue(t.Name, out var v) ? v : 0;
            arr.Add(new JsonObject
            {
                ["name"] = t.Name, ["group"] = t.Group.ToString().ToLowerInvariant(), ["goal"] = t.Goal.ToString().ToLowerInvariant(),
                ["formula"] = t.Formula, ["estimator"] = t.Estimator, ["reading"] = t.Reading, ["preset_weights"] = w,
            });
        }
        return arr;
    }

    /// <summary>One help line listing every term.</summary>
    public static string Names() => string.Join(", ", TermCatalogue.All.Select(t => t.Name));
}
