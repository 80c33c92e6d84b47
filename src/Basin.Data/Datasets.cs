namespace Basin.Data;

/// <summary>
/// The registry of Basin's datasets by name — <c>mnist</c>, <c>fashion</c>, <c>letters</c> — as the CLI
/// uses them (<c>basin data fetch mnist</c>, <c>--data fashion --split test</c>, <c>--idx-dir DIR</c>).
/// </summary>
public static class Datasets
{
    /// <summary>MNIST handwritten digits, see <see cref="Mnist"/>.</summary>
    public const string MnistName = "mnist";

    /// <summary>Fashion-MNIST with the reconstructed split, see <see cref="FashionMnist"/>.</summary>
    public const string FashionName = "fashion";

    /// <summary>The built-in 7×7 letters A–E, see <see cref="Letters"/>.</summary>
    public const string LettersName = "letters";

    /// <summary>All dataset names.</summary>
    public static IReadOnlyList<string> Names { get; } = [MnistName, FashionName, LettersName];

    /// <summary>The names of the datasets that are fetched (the others are built in).</summary>
    public static IReadOnlyList<string> FetchableNames { get; } = [MnistName, FashionName];

    /// <summary>A one-line description of each dataset, for help texts.</summary>
    public static string Describe(string name) => Normalize(name) switch
    {
        MnistName => $"MNIST digits, 28×28, {Mnist.TrainCount} train / {Mnist.TestCount} test ({Mnist.Package.Spec})",
        FashionName => $"Fashion-MNIST, 28×28, 60000 train / 10000 test, reconstructed split ({FashionMnist.Package.Spec})",
        _ => "letters A–E, 7×7, built in (copies of each letter; add noise with Noise.Corrupt)",
    };

    /// <summary>Loads split <paramref name="split"/> ("train" or "test") of dataset <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">Unknown name or split.</exception>
    /// <exception cref="DataFetchException">The data is not cached and cannot be fetched.</exception>
    /// <exception cref="InvalidDataException">Files are malformed.</exception>
    public static LabeledImages Load(string name, string split, DataOptions? options = null) =>
        Load(name, DataSplits.Parse(split), options);

    /// <summary>Loads a split of dataset <paramref name="name"/>.</summary>
    public static LabeledImages Load(string name, DataSplit split, DataOptions? options = null)
    {
        options ??= new DataOptions();
        return Normalize(name) switch
        {
            MnistName => Mnist.Load(split, options),
            FashionName => FashionMnist.Load(split, options),
            _ => Letters.Create(options.LetterCopies),
        };
    }

    /// <summary>Whether dataset <paramref name="name"/> can be loaded without fetching (always true for the letters).</summary>
    public static bool IsAvailable(string name, DataOptions? options = null)
    {
        options ??= new DataOptions();
        string key = Normalize(name);
        if (key == LettersName)
            return true;
        if (options.IdxDirectory is { } idx)
            return IdxDirectoryLoader.HasSplit(idx, DataSplit.Train) && IdxDirectoryLoader.HasSplit(idx, DataSplit.Test);
        return key == MnistName ? Mnist.IsCached(options.ResolvedCacheRoot) : FashionMnist.IsCached(options.ResolvedCacheRoot);
    }

    /// <summary>Fetches dataset <paramref name="name"/> into the cache unless it is already there.</summary>
    /// <returns>The cache directory, or an empty string for the built-in letters.</returns>
    public static async Task<string> FetchAsync(string name, IProgress<string>? progress = null, DataOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new DataOptions();
        progress ??= options.Progress;
        string root = options.ResolvedCacheRoot;
        switch (Normalize(name))
        {
            case MnistName:
                return await Mnist.FetchAsync(root, progress, options.ProcessRunner, cancellationToken).ConfigureAwait(false);
            case FashionName:
                return await FashionMnist.FetchAsync(root, progress, options.ProcessRunner, cancellationToken).ConfigureAwait(false);
            default:
                progress?.Report("The letters are built in; nothing to fetch.");
                return "";
        }
    }

    /// <summary>Synchronous <see cref="FetchAsync"/>.</summary>
    public static string Fetch(string name, IProgress<string>? progress = null, DataOptions? options = null) =>
        FetchAsync(name, progress, options).GetAwaiter().GetResult();

    /// <summary>The canonical name for <paramref name="name"/>: accepts "fashion-mnist" and "fmnist" for "fashion".</summary>
    /// <exception cref="ArgumentException">Unknown name.</exception>
    public static string Normalize(string name) => name?.Trim().ToLowerInvariant() switch
    {
        "mnist" => MnistName,
        "fashion" or "fashion-mnist" or "fashionmnist" or "fmnist" => FashionName,
        "letters" => LettersName,
        _ => throw new ArgumentException($"Unknown dataset '{name}'; known: {string.Join(", ", Names)}.", nameof(name)),
    };
}
