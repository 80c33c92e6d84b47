using System.Text.Json.Nodes;
using Basin.Studies.SaNode;
using Basin.Tensors.IO;

namespace Basin.Serve.Runs;

/// <summary>
/// The learning curves of every training checkpoint (<c>*.ckpt</c>, any depth) under the runs directory, read with
/// <see cref="TrainingHistory"/> on every call, so that a training writing a checkpoint each epoch shows its new epoch
/// on the next poll. A checkpoint that cannot be read (mid-write, not a checkpoint) is listed with its error.
/// </summary>
public sealed class RunsService(string? directory)
{
    /// <summary>The runs, ordered by path: <c>[{name, modified, epochs: [{epoch, hours, loss, train_h, validation_h, overlap}]} | {name, error}]</c>.</summary>
    public JsonArray List()
    {
        var runs = new JsonArray();
        if (directory is null || !Directory.Exists(directory)) return runs;
        foreach (var f in Directory.EnumerateFiles(directory, "*.ckpt", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var name = Path.GetRelativePath(directory, f);
            try
            {
                var h = TrainingHistory.Read(f);
                var epochs = new JsonArray();
                for (int i = 0; i < h.Epochs.Count; i++)
                {
                    var e = h.Epochs[i];
                    epochs.Add(new JsonObject
                    {
                        ["epoch"] = e.Epoch, ["hours"] = JsonOutput.Finite(h.Hours[i]), ["loss"] = JsonOutput.Finite(e.Loss),
                        ["train_h"] = JsonOutput.Finite(e.TrainAccuracy),
                        ["validation_h"] = e.ValidationAccuracy is double v ? JsonOutput.Finite(v) : null,
                        ["overlap"] = e.ValidationOverlap is double m ? JsonOutput.Finite(m) : null,
                    });
                }
                runs.Add(new JsonObject { ["name"] = name, ["modified"] = File.GetLastWriteTimeUtc(f).ToString("O"), ["epochs"] = epochs });
            }
            catch (Exception e) when (e is IOException or InvalidDataException or System.Text.Json.JsonException or ArgumentException or UnauthorizedAccessException)
            {
                runs.Add(new JsonObject { ["name"] = name, ["error"] = e.Message });
            }
        }
        return runs;
    }
}
