using System.CommandLine;
using System.Globalization;
using Basin.Data;
using Basin.SaNode.Evaluation;
using Basin.Studies.Reports;
using Spectre.Console;

namespace Basin.Cli.Commands;

/// <summary>
/// <c>basin report --model M [--dataset D] [--checkpoint C] [--study S.json …] --out report.html</c>: one self-contained HTML
/// file describing an SA-nODE model — provenance, accuracy table, stability certificate, horizon study, learning curve,
/// right/wrong/unsettled examples and robustness curves (<see cref="ModelReportStudy"/>, written by <see cref="ModelReportHtml"/>).
/// </summary>
public static class ReportCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var d = new SaNodeEvalOptions();
        var model = CommonOptions.Model("SA-nODE model file or pretrained:mnist|fashion.");
        var dataset = new Option<string?>("--dataset") { Description = "Test images: mnist, fashion or letters (default: the dataset named in the model's metadata)." };
        dataset.AcceptOnlyFromAmong(SaNode.SaNodeCommand.DatasetNames);
        var checkpoint = new Option<string?>("--checkpoint") { Description = "Training checkpoint (M.safetensors.ckpt) whose history gives the learning curve." };
        var study = new Option<string[]>("--study")
        {
            Description = "Robustness results to plot: a 'basin study accurate-or-stable --json' (or 'basin merge') result and/or 'basin attack --json' results (repeat the option; one curve per model, attack and norm).",
            AllowMultipleArgumentsPerToken = false,
        };
        var count = new Option<int>("--count") { Description = "Evaluate the first N test images (0 = all).", DefaultValueFactory = _ => 500 };
        var examples = new Option<int>("--examples") { Description = "Images shown per kind (right, wrong, unsettled).", DefaultValueFactory = _ => 8 };
        var times = CommonOptions.DoubleList("--times", "Read-out times t of the horizon study, comma-separated (the examples are read at the largest).",
            Basin.Studies.SaNode.HorizonStudyOptions.DefaultTimes, positiveAscending: false);
        var steps = new Option<int>("--steps") { Description = "Accuracy table: integration steps (T = steps·Δt).", DefaultValueFactory = _ => d.Steps };
        var dt = new Option<double>("--dt") { Description = "Accuracy table: step size Δt.", DefaultValueFactory = _ => d.Dt };
        var solver = CommonOptions.Solver(d.Solver);
        var rtol = CommonOptions.Rtol();
        var atol = CommonOptions.Atol();
        var output = CommonOptions.OutOptional("The HTML file to write.", required: true);
        var json = CommonOptions.Json();
        var cmd = new Command("report", "One self-contained HTML report of an SA-nODE model: provenance, accuracy, stability certificate, horizon study, learning curve, examples, robustness.")
            { model, dataset, checkpoint, study, count, examples, times, steps, dt, solver, rtol, atol, output, json };
        CommandAction.Set(cmd, (p, ct) =>
        {
            var outPath = p.GetValue(output)!;
            ModelReportHtml.CheckWritable(outPath);
            var eval = d with { Steps = p.GetValue(steps), Dt = p.GetValue(dt), Solver = p.GetValue(solver)!, Rtol = p.GetValue(rtol), Atol = p.GetValue(atol) };
            var o = new ModelReportOptions(p.GetValue(model)!, p.GetValue(dataset), p.GetValue(checkpoint), p.GetValue(study) ?? [], p.GetValue(count),
                eval, p.GetValue(times), p.GetValue(examples)).Validate();
            var data = new DataOptions { Progress = new SyncProgress<string>(Terminal.Note) };
            bool quiet = p.GetValue(json);
            var inputs = ModelReportStudy.Prepare(o, data);
            int images = inputs.Images.Count;
            var r = ProgressRunner.Run($"report on {images} test images: evaluation, then horizon study", ModelReportStudy.Work(images),
                pr => ModelReportStudy.Run(inputs, data, pr, ct), quiet);
            ModelReportHtml.Save(outPath, r);
            if (quiet) { JsonPrinter.Print(r); return 0; }
            var e = r.Evaluation;
            AnsiConsole.MarkupLine(Markup.Escape(string.Format(CultureInfo.InvariantCulture,
                "{0} on {1} {2} test images: H = {3:P2}, nearest {4:P2} at T = {5:G4}; attractors {6}; at t = {7:G4}: {8} right, {9} wrong, {10} unsettled; {11:F1} s",
                r.Model, e.Count, r.Dataset, e.Accuracy, e.NearestAccuracy, e.Horizon, r.Certificate.AllAttractorsStable ? "all linearly stable" : "NOT all stable",
                r.Examples.Time, r.Examples.Right, r.Examples.Wrong, r.Examples.Unsettled, r.Seconds)));
            AnsiConsole.MarkupLine(Markup.Escape($"wrote {outPath}"));
            return 0;
        });
        return cmd;
    }
}
