using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Basin.Plotting;
using Basin.SaNode;
using Basin.Tensors.IO;
using Spectre.Console;

namespace Basin.Cli.Commands.SaNode;

/// <summary>
/// <c>basin sanode history CKPT [--out PREFIX]</c>: the learning curve stored in a training checkpoint — loss, training H
/// and validation H per epoch against cumulative training time — as a table, CSV and SVG/PNG.
/// </summary>
public static class SaNodeHistoryCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var ckpt = new Argument<string>("checkpoint") { Description = "A checkpoint written by 'basin sanode train' (MODEL.safetensors.ckpt)." };
        var output = new Option<string?>("--out") { Description = "Write PREFIX.csv, PREFIX.svg and PREFIX.png." };
        var json = new Option<bool>("--json") { Description = "Print the history as JSON." };
        var cmd = new Command("history", "Show and plot the learning curve (H against training time) stored in a checkpoint.") { ckpt, output, json };
        CommandAction.Set(cmd, (p, _) =>
        {
            var path = p.GetValue(ckpt)!;
            if (!File.Exists(path)) throw new FileNotFoundException($"Checkpoint '{path}' does not exist.");
            var bundle = SafeTensors.Load(path);
            if (!bundle.Metadata.TryGetValue("checkpoint.history", out var h))
                throw new InvalidDataException($"{path}: no training history (is it a model file rather than a checkpoint?).");
            var history = JsonSerializer.Deserialize<List<SaNodeEpoch>>(h) ?? new();
            if (p.GetValue(json)) { Console.WriteLine(h); return 0; }
            double clock = 0;
            var hours = new List<double>();
            foreach (var e in history) { clock += e.Seconds; hours.Add(clock / 3600); }
            var table = new Table().AddColumns("epoch", "hours", "loss", "train H", "validation H", "m_f", "γ", "lr");
            for (int i = 0; i < history.Count; i++)
            {
                var e = history[i];
                table.AddRow(e.Epoch.ToString(CultureInfo.InvariantCulture), hours[i].ToString("F2", CultureInfo.InvariantCulture),
                    e.Loss.ToString("F5", CultureInfo.InvariantCulture), e.TrainAccuracy.ToString("P2", CultureInfo.InvariantCulture),
                    e.ValidationAccuracy?.ToString("P2", CultureInfo.InvariantCulture) ?? "–", e.ValidationOverlap?.ToString("F4", CultureInfo.InvariantCulture) ?? "–",
                    e.Gamma.ToString("F4", CultureInfo.InvariantCulture), e.LearningRate.ToString("G3", CultureInfo.InvariantCulture));
            }
            AnsiConsole.Write(table);
            if (p.GetValue(output) is { } prefix)
            {
                var plot = new LinePlot { Title = "SA-nODE learning curve", XLabel = "training time (hours, this machine)", YLabel = "accuracy H" };
                plot.Add("train H (training horizon)", hours.ToArray(), history.Select(e => e.TrainAccuracy).ToArray());
                var v = history.Where(e => e.ValidationAccuracy.HasValue).ToList();
                if (v.Count > 0)
                    plot.Add("validation H (evaluation horizon)", history.Select((e, i) => (e, i)).Where(t => t.e.ValidationAccuracy.HasValue).Select(t => hours[t.i]).ToArray(),
                        v.Select(e => e.ValidationAccuracy!.Value).ToArray());
                plot.Save(prefix, 900, 520);
                var csv = new CsvTable("epoch", "hours", "loss", "train_h", "validation_h", "overlap", "gamma", "lr");
                for (int i = 0; i < history.Count; i++)
                {
                    var e = history[i];
                    csv.AddRow(e.Epoch, hours[i], e.Loss, e.TrainAccuracy, e.ValidationAccuracy ?? double.NaN, e.ValidationOverlap ?? double.NaN, e.Gamma, e.LearningRate);
                }
                csv.Save(prefix + ".csv");
                AnsiConsole.MarkupLine($"wrote {Markup.Escape(prefix)}.svg, .png and .csv");
            }
            return 0;
        });
        return cmd;
    }
}
