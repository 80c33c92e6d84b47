using Basin.Cli.Commands;
using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Basin.Data;
using Basin.Stability;
using Basin.Stability.Attacks;
using Basin.Stability.Classifiers;
using Spectre.Console;
using Basin.Cli.Commands.SaNode;

namespace Basin.Cli.Commands.Stability;

/// <summary>
/// <c>basin attack</c>: one attack on the first N test images — robust accuracy at a budget, or the minimal distance of a
/// minimal-norm attack — with the per-image masking check against a white-box or noise reference on the same images.
/// </summary>
public static class AttackCommand
{
    /// <summary>Attack names accepted by <c>--attack</c>.</summary>
    public static readonly string[] Names = ["fgsm", "pgd-linf", "pgd-l2", "deepfool", "minimal-linf", "square", "hopskipjump", "transfer", "noise"];

    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var model = CommonOptions.Model("Classifier file (SA-nODE, MLP or logreg) or pretrained:mnist|fashion.");
        var dataset = CommonOptions.Dataset("Test images: mnist, fashion or letters.");
        var attack = new Option<string>("--attack")
        {
            Description = "fgsm, pgd-linf, pgd-l2, deepfool (minimal L2, white-box), minimal-linf (PGD bisection), square (score-based, L∞), " +
                          "hopskipjump (decision-only, minimal L2), transfer (PGD on --surrogate), noise.",
            DefaultValueFactory = _ => "pgd-linf",
        };
        attack.AcceptOnlyFromAmong(Names);
        var eps = new Option<double>("--eps") { Description = "Budget ε (L2 for pgd-l2 and --norm l2, else L∞).", DefaultValueFactory = _ => 0.1 };
        var norm = new Option<string>("--norm") { Description = "Norm for transfer and noise: linf or l2.", DefaultValueFactory = _ => "linf" };
        norm.AcceptOnlyFromAmong("linf", "l2");
        var count = new Option<int>("--count") { Description = "Attack the first N test images.", DefaultValueFactory = _ => 100 };
        var iterations = new Option<int>("--iterations") { Description = "PGD iterations (also HopSkipJump rounds).", DefaultValueFactory = _ => 20 };
        var restarts = new Option<int>("--restarts") { Description = "PGD random restarts.", DefaultValueFactory = _ => 1 };
        var loss = new Option<string>("--loss") { Description = "ce or margin.", DefaultValueFactory = _ => "margin" };
        loss.AcceptOnlyFromAmong("ce", "margin");
        var queries = new Option<int>("--queries") { Description = "Square: score queries per image.", DefaultValueFactory = _ => 500 };
        var surrogate = new Option<string?>("--surrogate") { Description = "transfer: the model whose gradients craft the examples (e.g. the MLP file)." };
        var steps = CommonStability.Steps();
        var precision = CommonStability.Precision();
        var batch = new Option<int>("--batch") { Description = "Images attacked together.", DefaultValueFactory = _ => 100 };
        var seed = new Option<ulong>("--seed") { Description = "Seed of random starts and probes.", DefaultValueFactory = _ => 1 };
        var json = CommonOptions.Json();
        var save = new Option<string?>("--save") { Description = "Write up to 8 successful adversarial examples (original / adversarial / 5·|difference|) as PREFIX.png/.svg." };
        var cmd = new Command("attack", "Adversarial attack on the first N test images: clean and robust accuracy, minimal distances, masking check.")
            { model, dataset, attack, eps, norm, count, iterations, restarts, loss, queries, surrogate, steps, precision, batch, seed, json, save };
        CommandAction.Set(cmd, (p, ct) =>
        {
            var c = ModelFiles.LoadClassifier(p.GetValue(model)!, new ClassifierOptions(p.GetValue(steps), SinglePrecision: p.GetValue(precision) == "f32"));
            var data = DataCommand.Load(p.GetValue(dataset)!, DataSplit.Test);
            if (data.PixelsPerImage != c.Dimension) throw new ArgumentException($"Images have {data.PixelsPerImage} pixels; the classifier expects {c.Dimension}.");
            int n = Math.Min(p.GetValue(count), data.Count), bs = p.GetValue(batch);
            if (n < 1 || bs < 1) throw new ArgumentException("--count and --batch must be ≥ 1.");
            string kind = p.GetValue(attack)!;
            double e = p.GetValue(eps);
            if (!(e > 0) && kind is not ("deepfool" or "minimal-linf" or "hopskipjump")) throw new ArgumentException("--eps must be > 0.");
            IClassifier? sur = null;
            if (kind == "transfer")
                sur = ModelFiles.LoadClassifier(p.GetValue(surrogate) ?? throw new ArgumentException("--attack transfer needs --surrogate FILE."), new ClassifierOptions(p.GetValue(steps), SinglePrecision: p.GetValue(precision) == "f32"));
            var run = new AttackRun(c, kind, e, p.GetValue(norm) == "l2" || kind == "pgd-l2" ? Norm.L2 : Norm.LInf,
                p.GetValue(iterations), p.GetValue(restarts), p.GetValue(loss) == "ce" ? AttackLoss.CrossEntropy : AttackLoss.Margin,
                p.GetValue(queries), sur, p.GetValue(seed));
            var sw = System.Diagnostics.Stopwatch.StartNew();
            bool quiet = p.GetValue(json) || Console.IsErrorRedirected;
            if (quiet) run.Execute(data, n, bs, null, ct);
            else
                AnsiConsole.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                    .Start(ctx =>
                    {
                        var task = ctx.AddTask($"{kind} on {n} images", maxValue: n);
                        run.Execute(data, n, bs, new SyncProgress<int>(d => task.Value = d), ct);
                    });
            if (p.GetValue(save) is { } prefix && run.Examples.Count > 0) CommonStability.SaveExamples(prefix, run.Examples, kind);
            bool minimal = run.IsMinimalNorm;
            var (med, lo, hi) = RobustnessEvaluation.MedianWithCi(run.Distances, 7);
            var doc = new JsonObject
            {
                ["model"] = c.Name, ["horizon"] = c is SaNodeClassifier s ? s.Horizon : null, ["attack"] = kind,
                ["norm"] = run.Norm == Norm.L2 || kind is "deepfool" or "hopskipjump" ? "l2" : "linf",
                ["eps"] = minimal ? null : e, ["count"] = n,
                ["clean_accuracy"] = (double)run.Clean / n, ["robust_accuracy"] = minimal ? null : (double)run.Robust / n,
                ["median_l2"] = kind is "deepfool" or "hopskipjump" ? CommonStability.Finite(med) : null,
                ["median_linf"] = kind == "minimal-linf" ? CommonStability.Finite(med) : null,
                ["median_ci95"] = minimal ? new JsonArray(CommonStability.Finite(lo), CommonStability.Finite(hi)) : null,
                ["reference"] = run.Reference, ["reference_only_failures"] = run.ReferenceWins,
                ["masking_suspected"] = run.ReferenceWins > 0,
                ["iterations"] = p.GetValue(iterations), ["restarts"] = p.GetValue(restarts), ["loss"] = p.GetValue(loss),
                ["seconds"] = Math.Round(sw.Elapsed.TotalSeconds, 2),
            };
            if (p.GetValue(json)) { Console.WriteLine(doc.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping })); return 0; }
            AnsiConsole.MarkupLine($"{Markup.Escape(c.Name)}, {kind}{(minimal ? "" : $" ε = {e}")}, {n} test images: clean accuracy {(double)run.Clean / n:P1}" +
                (minimal ? $", median minimal {(kind == "minimal-linf" ? "L∞" : "L2")} {med:F4} (95 % CI {lo:F4}–{hi:F4})" : $", robust accuracy {(double)run.Robust / n:P1}"));
            AnsiConsole.MarkupLine($"masking check against {Markup.Escape(run.Reference)} on the same images: " +
                (run.ReferenceWins > 0 ? $"[yellow]gradient masking suspected[/] ({run.ReferenceWins} images)" : "[green]passed[/]"));
            return 0;
        });
        return cmd;
    }

    /// <summary>One attack over a dataset prefix, with its per-image reference check.</summary>
    private sealed class AttackRun(IClassifier c, string kind, double eps, Norm norm, int iterations, int restarts, AttackLoss loss, int queries,
        IClassifier? surrogate, ulong seed)
    {
        public int Clean, Robust, ReferenceWins;
        public readonly List<double> Distances = [];
        public readonly List<AdversarialExample> Examples = [];
        public Norm Norm => norm;
        public bool IsMinimalNorm => kind is "deepfool" or "minimal-linf" or "hopskipjump";

        /// <summary>
        /// The per-image check: white-box attacks are compared with noise of the same budget (noise must never succeed where the
        /// attack failed); score-, decision-based and transfer attacks with PGD (margin, 2 restarts) on the same image at the
        /// same budget — for HopSkipJump at the distance it found — and must never succeed where PGD failed.
        /// </summary>
        public string Reference => kind switch
        {
            "square" or "transfer" => $"PGD-{(norm == Norm.L2 ? "L2" : "L∞")} (margin, 2 restarts) at the same ε",
            "hopskipjump" => "PGD-L2 (margin, 2 restarts) at the distance HopSkipJump found, and DeepFool",
            "noise" or "deepfool" or "minimal-linf" => "none",
            _ => $"uniform {(norm == Norm.L2 ? "L2" : "L∞")} noise at the same budget",
        };

        public void Execute(LabeledImages data, int n, int batch, IProgress<int>? progress, CancellationToken ct)
        {
            int d = c.Dimension;
            ulong s = seed;
            for (int start = 0; start < n; start += batch)
            {
                ct.ThrowIfCancellationRequested();
                int b = Math.Min(batch, n - start);
                var x = new double[b * d]; var y = new int[b];
                for (int i = 0; i < b; i++) { CommonOptions.ImageAsDouble(data, start + i).CopyTo(x, i * d); y[i] = data.Labels[start + i]; }
                var pred = Classifier.Predict(c, x, b);
                var ok = Enumerable.Range(0, b).Where(i => pred[i] == y[i]).ToArray();
                Clean += ok.Length;
                int m = ok.Length;
                if (m == 0) { progress?.Report(start + b); continue; }
                var xs = new double[m * d];
                for (int a = 0; a < m; a++) x.AsSpan(ok[a] * d, d).CopyTo(xs.AsSpan(a * d));
                var ys = ok.Select(i => y[i]).ToArray();
                var ev = Enumerable.Repeat(eps, m).ToArray();
                double[]?[] adv;
                switch (kind)
                {
                    case "deepfool": adv = Attack.MinimalL2(c, xs, ys); break;
                    case "hopskipjump": adv = HopSkipJump.Run(c, xs, ys, new HopSkipJumpOptions(Iterations: iterations), s++); break;
                    case "minimal-linf":
                        var hi = Enumerable.Repeat(1.0, m).ToArray();
                        var dist = MinimalLInf.Run(c, xs, ys, new double[m], hi, new double[]?[m], rounds: 10, iterations, s++);
                        Distances.AddRange(dist);
                        progress?.Report(start + b);
                        continue;
                    default:
                        var flat = kind switch
                        {
                            "fgsm" => Attack.Fgsm(c, xs, ys, ev, Norm.LInf, loss),
                            "pgd-linf" => Attack.Pgd(c, xs, ys, ev, Norm.LInf, iterations, restarts, loss, s++),
                            "pgd-l2" => Attack.Pgd(c, xs, ys, ev, Norm.L2, iterations, restarts, loss, s++),
                            "square" => SquareAttack.Run(c, xs, ys, ev, queries, s++),
                            "transfer" => TransferAttack.Run(surrogate!, xs, ys, ev, norm, iterations, restarts, s++),
                            _ => Attack.RandomNoise(xs, d, ev, norm, s++),
                        };
                        adv = Enumerable.Range(0, m).Select(a => (double[]?)flat.AsSpan(a * d, d).ToArray()).ToArray();
                        break;
                }
                var found = Enumerable.Range(0, m).Select(a => adv[a] != null && Attack.Predict(c, adv[a]!) != ys[a]).ToArray();
                for (int a = 0; a < m; a++)
                {
                    if (IsMinimalNorm) Distances.Add(found[a] ? Attack.L2(adv[a]!, xs.AsSpan(a * d, d)) : double.PositiveInfinity);
                    else if (!found[a]) Robust++;
                    if (found[a] && Examples.Count < 8) Examples.Add(new AdversarialExample(kind, ys[a], Attack.Predict(c, adv[a]!), xs.AsSpan(a * d, d).ToArray(), adv[a]!));
                }
                ReferenceWins += ReferenceCheck(xs, ys, ev, found, adv, ref s);
                progress?.Report(start + b);
            }
        }

        private int ReferenceCheck(double[] xs, int[] ys, double[] ev, bool[] found, double[]?[] adv, ref ulong s)
        {
            int d = c.Dimension, m = ys.Length, wins = 0;
            bool[] Succ(double[] a) { var p = Classifier.Predict(c, a, m); return Enumerable.Range(0, m).Select(i => p[i] != ys[i]).ToArray(); }
            switch (kind)
            {
                case "noise": return 0;
                case "square" or "transfer":
                    var pgd = Succ(Attack.Pgd(c, xs, ys, ev, norm, 20, 2, AttackLoss.Margin, s++));
                    for (int a = 0; a < m; a++) if (found[a] && !pgd[a]) wins++;
                    return wins;
                case "hopskipjump":
                    var dist = Enumerable.Range(0, m).Select(a => found[a] ? Attack.L2(adv[a]!, xs.AsSpan(a * d, d)) * 1.0001 : 1.0).ToArray();
                    var pl2 = Succ(Attack.Pgd(c, xs, ys, dist, Norm.L2, 20, 2, AttackLoss.Margin, s++));
                    var df = Attack.MinimalL2(c, xs, ys);
                    for (int a = 0; a < m; a++)
                        if (found[a] && !pl2[a] && !(df[a] is { } z && Attack.L2(z, xs.AsSpan(a * d, d)) <= dist[a])) wins++;
                    return wins;
                case "deepfool" or "minimal-linf":
                    return 0;
                default:
                    var noise = Succ(Attack.RandomNoise(xs, d, ev, norm, s++));
                    for (int a = 0; a < m; a++) if (noise[a] && !found[a]) wins++;
                    return wins;
            }
        }
    }
}
