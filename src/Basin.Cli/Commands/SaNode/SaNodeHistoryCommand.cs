using System.CommandLine;
using System.Globalization;
using Basin.Studies.SaNode;
using Spectre.Console;

namespace Basin.Cli.Commands.SaNode;

/// <summary>
/// <c>basin sanode history CKPT [--out PREFIX]</c>: the learning curve stored in a training checkpoint — loss, training H
/// and validation H per epoch against cumulative training time — as a table, CSV and SVG/PNG (<see cref="TrainingHistory"/>).
/// </summary>
public static class SaNodeHistoryCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var ckpt = new Argument<string>("checkpoint") { Description = "A checkpoint written by 'basin sanode train' (MODEL.safetensors.ckpt)." };
        var output = new Option<string?>("--out", "-o") { Description = "Write PREFIX.csv, PREFIX.svg and PREFIX.png." };
        var json = CommonOptions.Json();
        var cmd = new Command("history", "Show and plot the learning curve (H against training time) stored in a checkpoint.") { ckpt, output, json };
        CommandAction.Set(cmd, (p, _) =>
        {
            var h = TrainingHistory.Read(p.GetValue(ckpt)!);
            if (p.GetValue(json)) { Console.WriteLine(h.Json); return 0; }
            var inv = CultureInfo.InvariantCulture;
            var table = new Table().AddColumns("epoch", "hours", "loss", "train H", "validation H", "m_f", "γ", "lr");
            for (int i = 0; i < h.Epochs.Count; i++)
            {
                var e = h.Epochs[i];
                table.AddRow(e.Epoch.ToString(inv), h.Hours[i].ToString("F2", inv), e.Loss.ToString("F5", inv), e.TrainAccuracy.ToString("P2", inv),
                    e.ValidationAccuracy?.ToString("P2", inv) ?? "–", e.ValidationOverlap?.ToString("F4", inv) ?? "–",
                    e.Gamma.ToString("F4", inv), e.LearningRate.ToString("G3", inv));
            }
            AnsiConsole.Write(table);
            if (p.GetValue(output) is { } prefix)
            {
                h.Write(prefix);
                AnsiConsole.MarkupLine($"wrote {Markup.Escape(prefix)}.svg, .png and .csv");
            }
            return 0;
        });
        return cmd;
    }
}
