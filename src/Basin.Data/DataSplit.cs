namespace Basin.Data;

/// <summary>Which part of a dataset to load.</summary>
public enum DataSplit
{
    /// <summary>The training split.</summary>
    Train,

    /// <summary>The test split (MNIST's <c>t10k</c> files).</summary>
    Test,
}

/// <summary>Parsing of split names as users type them.</summary>
public static class DataSplits
{
    /// <summary>Parses "train"/"training" or "test"/"t10k" (case-insensitive).</summary>
    /// <exception cref="ArgumentException">Any other name.</exception>
    public static DataSplit Parse(string split) => split?.Trim().ToLowerInvariant() switch
    {
        "train" or "training" => DataSplit.Train,
        "test" or "t10k" => DataSplit.Test,
        _ => throw new ArgumentException($"Unknown split '{split}'; use 'train' or 'test'.", nameof(split)),
    };
}
