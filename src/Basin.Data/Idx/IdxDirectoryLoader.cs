namespace Basin.Data;

/// <summary>
/// Loads the train and test splits from a directory holding the four official IDX files of MNIST or
/// Fashion-MNIST, under the names their distributors use: <c>train-images-idx3-ubyte</c>,
/// <c>train-labels-idx1-ubyte</c>, <c>t10k-images-idx3-ubyte</c>, <c>t10k-labels-idx1-ubyte</c>, or the
/// variants <c>train-images.idx3-ubyte</c>, <c>train-images-idx3-ubyte.idx</c>, <c>train-images.idx</c>,
/// <c>test-…</c> for <c>t10k-…</c>, each optionally with <c>.gz</c>. Names are matched case-insensitively.
/// </summary>
public static class IdxDirectoryLoader
{
    /// <summary>The file stems tried for a split, in order of preference.</summary>
    public static IReadOnlyList<string> SplitPrefixes(DataSplit split) =>
        split == DataSplit.Train ? ["train"] : ["t10k", "test"];

    /// <summary>
    /// The candidate file names for one file of a split, in order of preference, e.g.
    /// <c>train-images-idx3-ubyte</c>, <c>train-images-idx3-ubyte.gz</c>, <c>train-images.idx3-ubyte</c>, ….
    /// </summary>
    public static IReadOnlyList<string> CandidateNames(DataSplit split, bool labels)
    {
        string kind = labels ? "labels" : "images";
        string rank = labels ? "idx1" : "idx3";
        var names = new List<string>();
        foreach (string prefix in SplitPrefixes(split))
        {
            string stem = $"{prefix}-{kind}";
            foreach (string suffix in (string[])[$"-{rank}-ubyte", $".{rank}-ubyte", $"-{rank}-ubyte.idx", ".idx", $".{rank}", ""])
            {
                names.Add(stem + suffix);
                names.Add(stem + suffix + ".gz");
            }
        }
        return names;
    }

    /// <summary>The path of one file of a split in <paramref name="directory"/>, or null if none of the candidate names exists.</summary>
    public static string? FindFile(string directory, DataSplit split, bool labels)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!Directory.Exists(directory))
            return null;
        var present = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (string path in Directory.EnumerateFiles(directory))
            present.TryAdd(Path.GetFileName(path), path);
        foreach (string name in CandidateNames(split, labels))
        {
            if (present.TryGetValue(name, out string? path))
                return path;
        }
        return null;
    }

    /// <summary>Whether both files of <paramref name="split"/> are present in <paramref name="directory"/>.</summary>
    public static bool HasSplit(string directory, DataSplit split) =>
        FindFile(directory, split, labels: false) is not null && FindFile(directory, split, labels: true) is not null;

    /// <summary>Loads one split from <paramref name="directory"/>, pixels scaled to [0, 1].</summary>
    /// <param name="directory">The directory holding the IDX files.</param>
    /// <param name="split">Which split to load.</param>
    /// <param name="name">The dataset name to give the result.</param>
    /// <param name="classNames">The class names (ten for MNIST and Fashion-MNIST).</param>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    /// <exception cref="FileNotFoundException">A file of the split is missing; the message lists the names tried.</exception>
    /// <exception cref="InvalidDataException">A file is malformed or the counts disagree.</exception>
    public static LabeledImages Load(string directory, DataSplit split, string name, IReadOnlyList<string> classNames)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!Directory.Exists(directory))
            throw new DirectoryNotFoundException($"IDX directory '{directory}' does not exist.");
        string images = Require(directory, split, labels: false);
        string labels = Require(directory, split, labels: true);
        return IdxReader.ReadLabeledImages(images, labels, name, classNames);
    }

    /// <summary>Loads both splits from <paramref name="directory"/>; names them "<paramref name="name"/> train" and "… test".</summary>
    public static (LabeledImages Train, LabeledImages Test) LoadTrainTest(string directory, string name, IReadOnlyList<string> classNames) =>
        (Load(directory, DataSplit.Train, $"{name} train", classNames), Load(directory, DataSplit.Test, $"{name} test", classNames));

    private static string Require(string directory, DataSplit split, bool labels) =>
        FindFile(directory, split, labels) ?? throw new FileNotFoundException(
            $"No {split.ToString().ToLowerInvariant()} {(labels ? "label" : "image")} file in '{directory}'. " +
            $"Expected one of: {string.Join(", ", CandidateNames(split, labels).Where(n => !n.EndsWith(".gz", StringComparison.Ordinal)))} (each optionally ending in .gz).");
}
