using Basin.Dynamics;
using Basin.SaNode;
using Basin.Stability.Classifiers;
using Basin.Tensors.IO;

namespace Basin.Cli.Commands.Stability;

/// <summary>Loads any Basin classifier file (SA-nODE, MLP, logistic regression, DFSA network) behind <see cref="IClassifier"/>.</summary>
public static class ClassifierLoader
{
    /// <summary>Resolves and loads <paramref name="model"/>; SA-nODE models integrate <paramref name="steps"/> Euler steps of Δt = 0.1 (in float32 when <paramref name="singlePrecision"/>).</summary>
    public static IClassifier Load(string model, int steps, bool singlePrecision = false)
    {
        var path = ModelResolver.Resolve(model);
        var bundle = SafeTensors.Load(path);
        var format = bundle.Metadata.GetValueOrDefault("format");
        if (format == SaNodeFile.Format)
        {
            var m = SaNodeFile.FromBundle<double>(bundle);
            return new SaNodeClassifier(m, new SolverOptions(ButcherTableau.Euler, 0.1, steps, Clip: 10 * m.Config.A), singlePrecision);
        }
        if (format == Basin.Dfsa.Networks.DfsaModelFile.Format)
            return new DfsaClassifier(Basin.Dfsa.Networks.DfsaModelFile.FromBundle<double>(bundle));
        return MlpClassifier.FromBundle(bundle);
    }
}
