using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Basin.Data;
using Basin.Stability.Classifiers;
using Basin.Stability.Classifiers.Robust;

namespace Basin.Cli.Commands.Stability;

/// <summary><c>basin baseline train --kind mlp|logreg</c>: the baselines of the stability study (<see cref="BaselineTrainer"/>).</summary>
public static class BaselineCommand
{
    /// <summary>Creates the command group.</summary>
    public static Command Create()
    {
        var kind = new Option<string>("--kind") { Description = "mlp (784-800-10 ReLU) or logreg.", DefaultValueFactory = _ => "mlp" };
        kind.AcceptOnlyFromAmong("mlp", "logreg");
        var dataset = CommonOptions.Dataset();
        var epochs = new Option<int>("--epochs") { Description = "Epochs.", DefaultValueFactory = _ => 10 };
        var hidden = new Option<int>("--hidden") { Description = "Hidden width of the MLP.", DefaultValueFactory = _ => 800 };
        var lr = new Option<double>("--lr") { Description = "Adam learning rate.", DefaultValueFactory = _ => 1e-3 };
        var robust = new Option<string?>("--robust") { Description = "Robust-training recipe per batch, as in 'sanode train --robust': gaussian:σ (Gaussian noise for randomized smoothing, Cohen et al. 2019), pgd:eps=ε[,steps=K] (L∞ PGD-AT on the cross-entropy, step 2.5ε/K, Madry et al. 2018) or trades:eps=ε[,steps=K][,step=α][,beta=β] (CE + β·KL to the KL-maximising L∞ point, Zhang et al. 2019; defaults K = 10, α = 2.5ε/K, β = 6)." };
        var seed = CommonOptions.Seed();
        var json = CommonOptions.Json();
        var output = CommonOptions.OutOptional("Output file (.safetensors).", required: true);
        var train = new Command("train", "Train a ReLU MLP or a logistic regression with cross-entropy (Adam).") { kind, dataset, epochs, hidden, lr, robust, seed, json, output };
        CommandAction.Set(train, (p, ct) =>
        {
            var recipe = p.GetValue(robust) is { } spec ? BaselineRobustTraining.Parse(spec) : null;
            var data = DataCommand.Load(p.GetValue(dataset)!, DataSplit.Train);
            var test = DataCommand.Load(p.GetValue(dataset)!, DataSplit.Test);
            int[] widths = p.GetValue(kind) == "logreg" ? [data.PixelsPerImage, data.ClassCount] : [data.PixelsPerImage, p.GetValue(hidden), data.ClassCount];
            var c = new MlpClassifier(widths, p.GetValue(seed));
            c.Recipe = recipe?.Spec;
            var sw = System.Diagnostics.Stopwatch.StartNew();
            BaselineTrainer.Train(c, data, p.GetValue(epochs), learningRate: p.GetValue(lr), seed: p.GetValue(seed),
                progress: new SyncProgress<(int Epoch, double Loss)>(e => Terminal.Note($"epoch {e.Epoch}: loss {e.Loss:F4}")), cancel: ct, robust: recipe);
            double acc = BaselineTrainer.Accuracy(c, test);
            var provenance = new Dictionary<string, string>
            {
                ["dataset"] = p.GetValue(dataset)!, ["epochs"] = p.GetValue(epochs).ToString(CultureInfo.InvariantCulture),
                ["lr"] = p.GetValue(lr).ToString("R", CultureInfo.InvariantCulture), ["seed"] = p.GetValue(seed).ToString(CultureInfo.InvariantCulture),
                ["train_seconds"] = sw.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture),
                ["test_accuracy"] = acc.ToString("R", CultureInfo.InvariantCulture),
            };
            if (recipe != null) provenance["robust"] = recipe.Spec;
            c.Save(p.GetValue(output)!, provenance);
            if (p.GetValue(json))
                JsonPrinter.Print(new JsonObject { ["model"] = c.Name, ["dataset"] = p.GetValue(dataset), ["epochs"] = p.GetValue(epochs), ["robust"] = recipe?.Spec, ["train_seconds"] = sw.Elapsed.TotalSeconds, ["test_accuracy"] = acc, ["out"] = p.GetValue(output) });
            else Console.WriteLine($"{c.Name}: test accuracy {acc:P2} on {test.Count} images after {p.GetValue(epochs)} epochs ({sw.Elapsed.TotalSeconds:F0} s); wrote {p.GetValue(output)}");
            return 0;
        });
        return new Command("baseline", "Baseline classifiers (ReLU MLP, logistic regression) for the stability study.") { train };
    }
}
