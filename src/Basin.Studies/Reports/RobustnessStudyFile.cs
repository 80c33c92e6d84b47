using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Basin.Studies.Stability;
using Basin.Tensors.IO;

namespace Basin.Studies.Reports;

/// <summary>
/// Reads robustness curves from the JSON the stability commands write: an accurate-or-stable result
/// (<see cref="AccurateOrStableResult"/>: per model and norm, the per-image worst case over every attack — with ε = 0 the
/// clean accuracy and the extended PGD budgets — and each attack's own curve) and <c>basin attack --json</c> results
/// (one budgeted attack at one ε each: the files of one model, attack and norm are joined into one curve, starting at the
/// clean accuracy at ε = 0). Anything else — a shard part, another study's result, a minimal-norm attack with no budget —
/// is refused with one <see cref="InvalidDataException"/> naming the file.
/// </summary>
public static class RobustnessStudyFile
{
    /// <summary>The curves of every file in <paramref name="paths"/>, in file order.</summary>
    public static List<RobustnessCurve> Read(IEnumerable<string> paths)
    {
        var curves = new List<RobustnessCurve>();
        var points = new Dictionary<(string Model, string Norm, string Attack), List<(double Eps, double Robust, double Clean, int Images, string File)>>();
        var order = new List<(string Model, string Norm, string Attack)>();
        foreach (var path in paths)
        {
            if (!File.Exists(path)) throw new FileNotFoundException($"Study file '{path}' does not exist.");
            var node = JsonOutput.Read(path);
            if (node is not JsonObject o) throw Shape(path, "the document is not a JSON object");
            if (o.ContainsKey("shard") && o.ContainsKey("study"))
                throw Shape(path, $"a partial result (shard {o["shard"]}) of a sharded study; combine the parts with 'basin merge' first");
            if (o["models"] is JsonArray) curves.AddRange(FromStudy(o, path));
            else if (o["attack"] is JsonValue && o.ContainsKey("clean_accuracy"))
            {
                var p = FromAttack(o, path);
                var key = (p.Model, p.Norm, p.Attack);
                if (!points.TryGetValue(key, out var list)) { points[key] = list = new(); order.Add(key); }
                list.Add((p.Eps, p.Robust, p.Clean, p.Images, Path.GetFileName(path)));
            }
            else throw Shape(path, "neither an accurate-or-stable result ('models') nor a 'basin attack --json' result ('attack', 'clean_accuracy')");
        }
        foreach (var key in order)
        {
            var list = points[key].OrderBy(p => p.Eps).ToList();
            for (int i = 1; i < list.Count; i++)
                if (list[i].Eps == list[i - 1].Eps)
                    throw new InvalidDataException($"{list[i].File} and {list[i - 1].File}: two results of {key.Attack} on {key.Model} at the same ε = {list[i].Eps.ToString(CultureInfo.InvariantCulture)}.");
            curves.Add(new RobustnessCurve(string.Join(", ", list.Select(p => p.File)), key.Model, key.Norm, key.Attack, list.Min(p => p.Images),
                [0, .. list.Select(p => p.Eps)], [list[0].Clean, .. list.Select(p => p.Robust)]));
        }
        return curves;
    }

    private static InvalidDataException Shape(string path, string why) => new($"{path}: not a robustness study result ({why}).");

    private static IEnumerable<RobustnessCurve> FromStudy(JsonObject o, string path)
    {
        AccurateOrStableResult r;
        try { r = AccurateOrStableStudy.FromJson<AccurateOrStableResult>(o); }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NotSupportedException)
        { throw Shape(path, $"the accurate-or-stable result does not read: {e.Message}"); }
        if (r.Models is null || r.Models.Count == 0) throw Shape(path, "'models' is empty");
        string file = Path.GetFileName(path);
        var curves = new List<RobustnessCurve>();
        foreach (var m in r.Models)
        {
            if (m?.Model is null || m.LInf is null || m.L2 is null) throw Shape(path, "a model lacks 'model', 'linf' or 'l2'");
            foreach (var nc in new[] { m.LInf, m.L2 })
            {
                if (nc.Epsilons is null || nc.WorstCase is null || nc.Epsilons.Length != nc.WorstCase.Length)
                    throw Shape(path, $"{m.Model}: '{nc.Norm}' has no budgets or a worst case of another length");
                var extEps = nc.ExtendedEpsilons ?? [];
                var extWorst = nc.ExtendedWorstCase ?? [];
                if (extEps.Length != extWorst.Length) throw Shape(path, $"{m.Model}: '{nc.Norm}' extended budgets and worst case differ in length");
                if (nc.Epsilons.Length == 0) continue;
                curves.Add(new RobustnessCurve(file, m.Model, nc.Norm, "worst-case", m.Count,
                    [0, .. nc.Epsilons, .. extEps], [m.CleanAccuracy, .. nc.WorstCase, .. extWorst]));
                foreach (var a in nc.Attacks ?? [])
                {
                    if (a?.RobustAccuracy is null || a.RobustAccuracy.Length != nc.Epsilons.Length)
                        throw Shape(path, $"{m.Model}: an attack curve of '{nc.Norm}' does not match its budgets");
                    curves.Add(new RobustnessCurve(file, m.Model, nc.Norm, a.Attack, a.Images, [0, .. nc.Epsilons], [m.CleanAccuracy, .. a.RobustAccuracy]));
                }
            }
        }
        return curves;
    }

    private static (string Model, string Norm, string Attack, double Eps, double Robust, double Clean, int Images) FromAttack(JsonObject o, string path)
    {
        string attack = Text(o, "attack", path), model = Text(o, "model", path), norm = Text(o, "norm", path);
        if (norm is not ("linf" or "l2")) throw Shape(path, $"'norm' is '{norm}', not linf or l2");
        if (o["eps"] is null || o["robust_accuracy"] is null)
            throw Shape(path, $"{attack} is a minimal-norm attack (a median distance, no robust accuracy at a budget); give results of budgeted attacks (--eps)");
        double eps = Number(o, "eps", path), robust = Number(o, "robust_accuracy", path), clean = Number(o, "clean_accuracy", path), count = Number(o, "count", path);
        if (!(eps > 0) || !double.IsFinite(eps) || robust is < 0 or > 1 || clean is < 0 or > 1 || !(count >= 1) || count != Math.Floor(count))
            throw Shape(path, "eps, robust_accuracy, clean_accuracy or count out of range");
        return (model, norm, attack, eps, robust, clean, (int)count);
    }

    private static string Text(JsonObject o, string key, string path) =>
        o[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : throw Shape(path, $"'{key}' is missing or not a string");

    private static double Number(JsonObject o, string key, string path) =>
        o[key] is JsonValue v && v.TryGetValue<double>(out var d) ? d : throw Shape(path, $"'{key}' is missing or not a number");
}
