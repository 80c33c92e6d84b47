using System.CommandLine;
using Basin.Studies.Sharding;
using Basin.Tensors.IO;

namespace Basin.Cli.Commands.Studies;

/// <summary><c>basin merge PART… --out FILE</c>: combines the partial results of a study run with <c>--shard K/N</c>.</summary>
public static class MergeCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var parts = new Argument<string[]>("parts") { Description = "The partial-result JSON files of shards 1/N … N/N (any order).", Arity = ArgumentArity.OneOrMore };
        var output = CommonOptions.OutOptional("Write the merged result (JSON) here.");
        var report = new Option<string?>("--report") { Description = "Also write the study's tables and figures for the merged result into this directory." };
        var json = CommonOptions.Json();
        var cmd = new Command("merge", $"Merge the partial results of a sharded study into the unsharded result. Sharded studies: {string.Join(", ", ShardedStudies.Catalogue.Select(s => s.Name))}.")
        {
            parts, output, report, json,
        };
        CommandAction.Set(cmd, (p, _) =>
        {
            var read = p.GetValue(parts)!.Select(ShardDocument.Read).ToArray();
            var (study, result) = ShardedStudies.Merge(read);
            if (p.GetValue(output) is { } o)
            {
                JsonOutput.Write(o, result);
                Terminal.Note($"merged {read.Length} shards of {study.Name} into {o}");
            }
            if (p.GetValue(report) is { } dir)
                foreach (var f in study.Render(result, dir)) Terminal.Note($"wrote {f}");
            if (p.GetValue(json) || p.GetValue(output) is null) JsonPrinter.Print(result);
            return 0;
        });
        return cmd;
    }
}
