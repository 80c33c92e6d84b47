using System.CommandLine;
using System.Globalization;
using Basin.Data;
using Basin.SaNode.Studies;
using Basin.Studies.SaNode;
using Basin.Tensors.IO;
using Spectre.Console;

namespace Basin.Cli.Commands.SaNode;

/// <summary>
/// <c>basin sanode study horizon</c>: H, nearest-attractor accuracy, m_f and MSE read out at several times t of one
/// integration, and how many samples still change attractor after each t (<see cref="HorizonStudy"/>, run by
/// <see cref="HorizonStudyRun"/>, drawn by <see cref="HorizonFigures"/>). With <c>--shard K/N</c> it scores the K-th part
/// of the images and writes a partial result for <c>basin merge</c>.
/// </summary>
public static class SaNodeStudyHorizonCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var model = CommonOptions.Model("Model file or pretrained:mnist|fashion.");
        var dataset = CommonOptions.Dataset("Test images: mnist, fashion or letters.", "mnist");
        var times = CommonOptions.DoubleList("--times", "Read-out times t, comma-separated (the last is the horizon).", HorizonStudyOptions.DefaultTimes, positiveAscending: false);
        var count = new Option<int>("--count") { Description = "Score only the first N test images (0 = all).", DefaultValueFactory = _ => 0 };
        var dt = new Option<double>("--dt") { Description = "Step size Δt.", DefaultValueFactory = _ => 0.1 };
        var solver = CommonOptions.Solver();
        var rtol = CommonOptions.Rtol();
        var atol = CommonOptions.Atol();
        var maxSteps = CommonOptions.MaxSteps();
        var output = CommonOptions.Out("Output directory (with --shard: the partial-result JSON file, or a directory to put it in).", "basin-study");
        var shard = CommonOptions.Shard();
        var json = CommonOptions.Json();
        var cmd = new Command("horizon", "Accuracy against integration time t: does the classification hold beyond the training horizon? (plot, CSV, summary.json)")
            { model, dataset, times, count, dt, solver, rtol, atol, maxSteps, output, shard, json };
        CommandAction.Set(cmd, (p, ct) =>
        {
            var ts = p.GetValue(times)!;
            if (ts.Any(t => !(t > 0))) throw new ArgumentException($"--times: every time must be positive ({string.Join(",", ts)}).");
            var o = new HorizonStudyOptions(p.GetValue(model)!, p.GetValue(dataset)!, ts, p.GetValue(count), p.GetValue(dt), p.GetValue(solver)!,
                Rtol: p.GetValue(rtol), Atol: p.GetValue(atol), MaxSteps: p.GetValue(maxSteps));
            var data = new DataOptions { Progress = new Progress<string>(Terminal.Note) };
            var part = CommonOptions.ShardValue(p, shard);
            bool quiet = p.GetValue(json);
            int images = HorizonStudyRun.Images(o, data).Count;
            var sw = System.Diagnostics.Stopwatch.StartNew();
            if (!part.IsWhole)
            {
                var doc = ProgressRunner.Run($"shard {part}: integrating to t = {ts.Max():G4}", part.Range(images).Length,
                    pr => HorizonStudyRun.RunShard(o, part, data, pr, ct), quiet);
                var file = p.GetValue(output)!;
                if (!file.EndsWith(".json", StringComparison.OrdinalIgnoreCase)) file = Path.Combine(file, $"horizon-part-{part.Index}-of-{part.Count}.json");
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
                JsonOutput.Write(file, doc);
                if (quiet) JsonPrinter.Print(doc);
                Terminal.Note($"wrote shard {part} ({part.Range(images).Length} of {images} images) to {file}; combine the shards with basin merge");
                return 0;
            }
            var report = ProgressRunner.Run($"integrating {images} images to t = {ts.Max():G4}", images, pr => HorizonStudyRun.Run(o, data, pr, ct), quiet);
            double seconds = sw.Elapsed.TotalSeconds;
            var dir = p.GetValue(output)!;
            HorizonFigures.Write(dir, report, seconds);
            if (quiet) { JsonPrinter.Print(report.ToJson()); return 0; }
            var r = report.Result;
            var table = new Table().AddColumns("t", "H", "perfect", "nearest", "m_f", "MSE", "change later", "right → wrong later");
            for (int i = 0; i < r.Times.Length; i++)
                table.AddRow($"{r.Times[i]:G4}", $"{r.Accuracy[i]:P2}", $"{r.Perfect[i]}", $"{r.NearestAccuracy[i]:P2}", $"{r.Overlap[i]:F4}",
                    $"{r.Mse[i]:E2}", $"{r.ChangedLater[i]}", $"{r.LostLater[i]}");
            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine(string.Format(CultureInfo.InvariantCulture, "{0} images, {1:F0} s, {2} evaluations of F over all images ({3}). Plot, CSV and summary.json in {4}",
                r.Count, seconds, report.RowEvaluations, Markup.Escape(o.Adaptive ? $"{report.Solver}, rtol {o.Rtol:G3}, atol {o.Atol:G3}, per-image steps" : $"{report.Solver}, Δt {o.Dt:G3}"), Markup.Escape(dir)));
            return 0;
        });
        return cmd;
    }
}
