using Basin.Dfsa.Networks;
using Basin.Dynamics;
using Basin.SaNode;
using Basin.Tensors.IO;

namespace Basin.Stability.Classifiers;

/// <summary>The model formats Basin writes, told apart by the <c>format</c> entry of the safetensors metadata.</summary>
public enum ModelFormat
{
    /// <summary><c>basin.sanode.v1</c>: an SA-nODE classifier.</summary>
    SaNode,
    /// <summary><c>basin.mlp.v1</c>: the ReLU MLP baseline.</summary>
    Mlp,
    /// <summary><c>basin.logreg.v1</c>: logistic regression.</summary>
    LogisticRegression,
    /// <summary><c>basin.dfsa.v1</c>: a data-free stochastic-attractor network.</summary>
    Dfsa,
}

/// <summary>How an SA-nODE model is integrated when it is loaded as a classifier.</summary>
/// <param name="Steps">Steps of <paramref name="Dt"/> (horizon T = Steps·Dt; the training horizon is 55 × 0.1).</param>
/// <param name="Dt">Step size.</param>
/// <param name="Solver">Tableau name from <see cref="ButcherTableau.Catalogue"/>.</param>
/// <param name="SinglePrecision">Integrate in float32 (twice the speed, the training precision).</param>
public sealed record ClassifierOptions(int Steps = 55, double Dt = 0.1, string Solver = "euler", bool SinglePrecision = false);

/// <summary>
/// The one loader of model files for every command and study: resolves <c>pretrained:NAME</c>
/// (<see cref="PretrainedModels"/>), recognises the format from the metadata and loads it as what the caller needs,
/// with one clear <see cref="InvalidDataException"/> when the file is not that kind of model.
/// </summary>
public static class ModelFiles
{
    /// <summary>The metadata tag of every format.</summary>
    public static IReadOnlyDictionary<string, ModelFormat> Tags { get; } = new Dictionary<string, ModelFormat>
    {
        [SaNodeFile.Format] = ModelFormat.SaNode,
        [MlpClassifier.MlpFormat] = ModelFormat.Mlp,
        [MlpClassifier.LogRegFormat] = ModelFormat.LogisticRegression,
        [DfsaModelFile.Format] = ModelFormat.Dfsa,
    };

    /// <summary>Resolves <paramref name="spec"/> (a path or <c>pretrained:NAME</c>) to an existing file.</summary>
    public static string Resolve(string spec) => PretrainedModels.Resolve(spec);

    /// <summary>Loads <paramref name="spec"/> and tells its format.</summary>
    public static (TensorBundle Bundle, ModelFormat Format) Open(string spec)
    {
        var bundle = SafeTensors.Load(Resolve(spec));
        var tag = bundle.Metadata.GetValueOrDefault("format");
        if (tag == null || !Tags.TryGetValue(tag, out var format))
            throw new InvalidDataException($"{bundle.Source}: not a Basin model (metadata 'format' is '{tag ?? "missing"}'; known: {string.Join(", ", Tags.Keys)}).");
        return (bundle, format);
    }

    /// <summary>The format of the model file <paramref name="spec"/>.</summary>
    public static ModelFormat Detect(string spec) => Open(spec).Format;

    /// <summary>Any Basin model as a classifier (SA-nODE integrated with <paramref name="options"/>).</summary>
    public static IClassifier LoadClassifier(string spec, ClassifierOptions? options = null)
    {
        options ??= new ClassifierOptions();
        var (bundle, format) = Open(spec);
        switch (format)
        {
            case ModelFormat.SaNode:
                var m = SaNodeFile.FromBundle<double>(bundle);
                var solver = new SolverOptions(ButcherTableau.Parse(options.Solver), options.Dt, options.Steps, Clip: 10 * m.Config.A).Validate();
                return new SaNodeClassifier(m, solver, options.SinglePrecision);
            case ModelFormat.Dfsa:
                return new DfsaClassifier(DfsaModelFile.FromBundle<double>(bundle));
            default:
                return MlpClassifier.FromBundle(bundle);
        }
    }

    /// <summary>
    /// The training horizon T = Steps·|Dt| recorded in an SA-nODE model's <c>recipe</c> metadata (what <c>sanode train</c>
    /// writes); null when the file is not an SA-nODE model or records no recipe.
    /// </summary>
    public static double? TrainingHorizon(string spec)
    {
        var (bundle, format) = Open(spec);
        if (format != ModelFormat.SaNode || bundle.Metadata.GetValueOrDefault("recipe") is not { } recipe) return null;
        try
        {
            using var doc = System.Text.Json.JsonDocument.Parse(recipe);
            var r = doc.RootElement;
            if (!r.TryGetProperty("Steps", out var steps) || !r.TryGetProperty("Dt", out var dt)) return null;
            double t = steps.GetInt32() * Math.Abs(dt.GetDouble());
            return t > 0 && double.IsFinite(t) ? t : null;
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    /// <summary>An SA-nODE model; a clear error when <paramref name="spec"/> is another kind of model.</summary>
    public static SaNodeModel<T> LoadSaNode<T>(string spec) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var (bundle, format) = Open(spec);
        if (format != ModelFormat.SaNode) throw new InvalidDataException($"{bundle.Source}: a {Describe(format)}, not an SA-nODE model.");
        return SaNodeFile.FromBundle<T>(bundle);
    }

    /// <summary>A DFSA network and its metadata; a clear error when <paramref name="spec"/> is another kind of model.</summary>
    public static (DfsaNetwork<T> Network, IReadOnlyDictionary<string, string> Metadata) LoadDfsa<T>(string spec)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var (bundle, format) = Open(spec);
        if (format != ModelFormat.Dfsa) throw new InvalidDataException($"{bundle.Source}: a {Describe(format)}, not a DFSA network.");
        return (DfsaModelFile.FromBundle<T>(bundle), bundle.Metadata);
    }

    /// <summary>A few words naming the format.</summary>
    public static string Describe(ModelFormat f) => f switch
    {
        ModelFormat.SaNode => "SA-nODE model",
        ModelFormat.Mlp => "ReLU MLP",
        ModelFormat.LogisticRegression => "logistic-regression model",
        _ => "DFSA network",
    };
}
