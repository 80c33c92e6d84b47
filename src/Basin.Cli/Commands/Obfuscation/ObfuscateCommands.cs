using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Basin.Obfuscation;

namespace Basin.Cli.Commands.Obfuscation;

/// <summary>Registers <c>basin obfuscate keygen|apply|invert|eval</c>.</summary>
public static class ObfuscateCommands
{
    /// <summary>Adds <c>obfuscate</c> to <paramref name="root"/>.</summary>
    public static void Register(RootCommand root)
    {
        root.Subcommands.Add(new Command("obfuscate", "Keyed invertible obfuscation of vectors (CSV): keygen, apply, invert, eval.")
        {
            Keygen(), Apply(true), Apply(false), Eval(),
        });
    }

    private static Command Keygen()
    {
        var dim = new Option<int>("--dim") { Description = "Vector dimension d.", Required = true };
        var geometry = new Option<double>("--geometry") { Description = "Geometry weight w ≥ 0: coupling amplitude 1/(1+w); large w ≈ isometric (rotation), 0 = most scrambled.", DefaultValueFactory = _ => 1.0 };
        var layers = new Option<int>("--layers") { Description = "Additive coupling layers.", DefaultValueFactory = _ => 4 };
        var scale = new Option<double>("--scale") { Description = "Typical coordinate scale of the data.", DefaultValueFactory = _ => 1.0 };
        var output = new Option<string>("--output", "-o") { Description = "Key file to write (keep it secret).", Required = true };
        var cmd = new Command("keygen", "Generate a secret key (32 random bytes) with its parameters.") { dim, geometry, layers, scale, output };
        CommandAction.Set(cmd, (p, _) =>
        {
            var key = ObfuscationKey.Generate(p.GetValue(dim), p.GetValue(geometry), p.GetValue(layers), p.GetValue(scale));
            new KeyedTransform(key).Forward(new double[key.Dim], new double[key.Dim]);
            KeyFile.Save(key, p.GetValue(output)!);
            Console.WriteLine($"key {key.Fingerprint} written to {p.GetValue(output)}");
            return 0;
        });
        return cmd;
    }

    private static Command Apply(bool forward)
    {
        var key = new Option<string>("--key") { Description = "Key file.", Required = true };
        var input = new Argument<string>("input") { Description = "CSV file (one vector per line), or - for stdin." };
        var output = new Option<string>("--output", "-o") { Description = "Output CSV, or - for stdout.", DefaultValueFactory = _ => "-" };
        var cmd = new Command(forward ? "apply" : "invert", forward
            ? "Obfuscate a CSV of vectors (streamed; header line records the key fingerprint)."
            : "Invert an obfuscated CSV with its key (a wrong key is refused).") { input, key, output };
        CommandAction.Set(cmd, (p, _) =>
        {
            var t = new KeyedTransform(KeyFile.Load(p.GetValue(key)!));
            var inPath = p.GetValue(input)!; var outPath = p.GetValue(output)!;
            using var r = inPath == "-" ? Console.In : new StreamReader(inPath);
            using var w = outPath == "-" ? Console.Out : new StreamWriter(outPath);
            if (forward) CsvObfuscator.Apply(t, r, w); else CsvObfuscator.Invert(t, r, w);
            return 0;
        });
        return cmd;
    }

    private static Command Eval()
    {
        var json = new Option<bool>("--json") { Description = "Print JSON with a transforms array." };
        var quick = new Option<bool>("--quick") { Description = "Small sizes (500 train, 100 test) for smoke tests." };
        var train = new Option<int>("--train") { Description = "MNIST training images.", DefaultValueFactory = _ => 5000 };
        var test = new Option<int>("--test") { Description = "MNIST test images.", DefaultValueFactory = _ => 1000 };
        var geometries = new Option<double[]>("--geometry") { Description = "Geometry weights of our transform (repeat).", AllowMultipleArgumentsPerToken = true };
        var cmd = new Command("eval", "Measure utility (k-NN) and privacy (least-squares known-pair attacker) on MNIST for our transform and baselines.") { json, quick, train, test, geometries };
        CommandAction.Set(cmd, (p, _) =>
        {
            bool q = p.GetValue(quick);
            var g = p.GetValue(geometries);
            var o = new EvaluationOptions(q ? 500 : p.GetValue(train), q ? 100 : p.GetValue(test), g is { Length: > 0 } ? g : null);
            bool asJson = p.GetValue(json);
            var res = Evaluation.Run(o, asJson ? s => Console.Error.WriteLine(s) : Console.WriteLine);
            if (!asJson) return 0;
            var arr = new JsonArray();
            foreach (var r in res)
                arr.Add(new JsonObject
                {
                    ["name"] = r.Name,
                    ["utility"] = new JsonObject(r.Utility.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
                    ["plain_utility"] = new JsonObject(r.PlainUtility.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
                    ["distance_rank_correlation"] = r.DistanceRankCorrelation,
                    ["attack"] = new JsonArray(r.Attack.Select(a => (JsonNode?)new JsonObject
                    {
                        ["attacker"] = a.Attacker, ["known_pairs"] = a.KnownPairs, ["median_relative_error"] = a.MedianRelativeError,
                        ["recovered_within_5_percent"] = a.RecoveredWithin5Percent,
                    }).ToArray()),
                });
            Console.WriteLine(new JsonObject { ["train"] = o.Train, ["test"] = o.Test, ["transforms"] = arr }.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            return 0;
        });
        return cmd;
    }
}
