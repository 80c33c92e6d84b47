using System.CommandLine;
using Basin.Data;
using Basin.Stability.Attacks;
using Basin.Stability.Certification;
using Basin.Stability.Classifiers;
using Spectre.Console;

namespace Basin.Cli.Commands.Stability;

/// <summary>
/// <c>basin certify</c>: randomized-smoothing certificates (Cohen, Rosenfeld &amp; Kolter 2019) on the first N test images
/// (<see cref="SmoothingCertification"/>) — certified accuracy by L2 radius and the abstain rate; per-image CSV and JSON
/// report with <c>-o DIR</c>.
/// </summary>
public static class CertifyCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var model = CommonOptions.Model("Base classifier file (SA-nODE, MLP, logreg or DFSA) or pretrained:mnist|fashion.");
        var dataset = CommonOptions.Dataset("Test images: mnist, fashion or letters.");
        var sigma = new Option<double>("--sigma") { Description = "Noise level σ of the smoothing 𝒩(0, σ²I), in pixel units.", Required = true };
        var n0 = new Option<int>("--n0") { Description = "Selection draws (the guess of the top class).", DefaultValueFactory = _ => 100 };
        var n = new Option<int>("--n") { Description = "Estimation draws (the Clopper–Pearson bound on p_A).", DefaultValueFactory = _ => 100_000 };
        var alpha = new Option<double>("--alpha") { Description = "Failure probability α of each certificate.", DefaultValueFactory = _ => 0.001 };
        var count = new Option<int>("--count") { Description = "Certify the first N test images.", DefaultValueFactory = _ => 500 };
        var radii = CommonOptions.DoubleList("--radii", "L2 radii of the certified-accuracy table (comma-separated, ascending, ≥ 0).",
            CertificationOptions.DefaultRadii, positiveAscending: false);
        var batch = new Option<int>("--batch") { Description = "Noisy copies per call of the base classifier.", DefaultValueFactory = _ => 1000 };
        var attack = new Option<string?>("--attack") { Description = "Also attack the smoothed model at every radius with this L2 attack (on the soft smoothed classifier, judged by PREDICT): the attacked side of the bracket." };
        attack.Validators.Add(r => { try { if (r.GetValueOrDefault<string?>() is { } a && AttackCatalogue.Find(a).Norm != Norm.L2) r.AddError($"--attack {a}: use an L2 attack."); } catch (ArgumentException e) { r.AddError(e.Message); } });
        var attackN = new Option<int>("--attack-n") { Description = "PREDICT draws judging each clean and attacked input.", DefaultValueFactory = _ => 1000 };
        var attackSamples = new Option<int>("--attack-samples") { Description = "Fixed draws of the soft smoothed classifier the attack differentiates.", DefaultValueFactory = _ => 64 };
        var iterations = new Option<int>("--iterations") { Description = "Iterations of the attack.", DefaultValueFactory = _ => 20 };
        var steps = CommonStability.Steps();
        var precision = CommonStability.Precision();
        var seed = CommonOptions.Seed(description: "Seed of the noise: the same seed gives the same certificates.");
        var json = CommonOptions.Json();
        var output = CommonOptions.OutOptional("Directory for certify.csv (per image) and certify.json (aggregate).");
        var cmd = new Command("certify", "Randomized-smoothing certificates: certified accuracy by L2 radius (Cohen et al. 2019).")
            { model, dataset, sigma, n0, n, alpha, count, radii, batch, attack, attackN, attackSamples, iterations, steps, precision, seed, json, output };
        CommandAction.Set(cmd, (p, ct) =>
        {
            var c = ModelFiles.LoadClassifier(p.GetValue(model)!, CommonStability.ClassifierOptions(p, steps, precision));
            var data = DataCommand.Load(p.GetValue(dataset)!, DataSplit.Test);
            var o = new CertificationOptions(p.GetValue(sigma), p.GetValue(n0), p.GetValue(n), p.GetValue(alpha), p.GetValue(batch),
                p.GetValue(seed), p.GetValue(count), p.GetValue(radii)).Validate();
            int m = Math.Min(o.Count, data.Count);
            var sw = System.Diagnostics.Stopwatch.StartNew();
            var r = ProgressRunner.Run($"certify σ = {o.Sigma} on {m} images", m, pr => SmoothingCertification.Run(c, data, o, pr, ct), quiet: p.GetValue(json));
            Terminal.Note($"certify: {sw.Elapsed.TotalSeconds:F1} s ({sw.Elapsed.TotalMilliseconds / m:F1} ms per image)");
            SmoothedAttackResult? attacked = null;
            if (p.GetValue(attack) is { } an)
            {
                var ao = new SmoothedAttackOptions(o.Sigma, AttackCatalogue.Find(an), o.RadiiOrDefault, p.GetValue(attackSamples), p.GetValue(attackN), o.Alpha, o.Count, o.BatchSize,
                    new AttackSettings(p.GetValue(iterations), Seed: o.Seed), o.Seed);
                sw.Restart();
                attacked = ProgressRunner.Run($"{an} on the smoothed model", m, pr => SmoothedAttackEvaluation.Run(c, data, ao, pr, ct), quiet: p.GetValue(json));
                Terminal.Note($"attack: {sw.Elapsed.TotalSeconds:F1} s");
            }
            if (p.GetValue(output) is { } dir)
            {
                var (csv, js) = CertificationReport.Write(r, dir, p.GetValue(dataset), attacked);
                Terminal.Note($"wrote {csv} and {js}");
            }
            if (p.GetValue(json)) { JsonPrinter.Print(CertificationReport.Json(r, p.GetValue(dataset), attacked)); return 0; }
            AnsiConsole.MarkupLine(Markup.Escape($"{r.Model}, σ = {r.Sigma}, n0 = {r.N0}, n = {r.N}, α = {r.Alpha}, {r.Count} test images: " +
                $"clean accuracy {r.CleanAccuracy:P1}, abstained {r.AbstainRate:P1}, median certified radius {r.MedianRadius:F3}"));
            var table = new Table().AddColumn("L2 radius").AddColumn("certified accuracy");
            if (attacked != null) table.AddColumn(Markup.Escape($"attacked ({attacked.Attack}, PREDICT)"));
            for (int i = 0; i < r.CertifiedAccuracy.Length; i++)
                table.AddRow([$"{r.CertifiedAccuracy[i].Radius:0.###}", $"{r.CertifiedAccuracy[i].Accuracy:P1}", .. attacked == null ? [] : new[] { $"{attacked.AttackedAccuracy[i].Accuracy:P1}" }]);
            AnsiConsole.Write(table);
            return 0;
        });
        return cmd;
    }
}
