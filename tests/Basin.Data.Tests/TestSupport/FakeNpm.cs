namespace Basin.Data.Tests;

/// <summary>Plays <c>npm pack SPEC --pack-destination DIR</c> by writing a prepared tarball; records the calls.</summary>
internal sealed class FakeNpm(Dictionary<string, byte[]> tarballs) : IProcessRunner
{
    public List<(string Program, string[] Arguments)> Calls { get; } = [];

    public bool Missing { get; init; }

    public int ExitCode { get; init; }

    public Task<ProcessResult> RunAsync(string program, IReadOnlyList<string> arguments, string workingDirectory, CancellationToken cancellationToken)
    {
        Calls.Add((program, [.. arguments]));
        if (Missing)
            throw new FileNotFoundException($"'{program}' was not found on PATH.", program);
        if (ExitCode != 0)
            return Task.FromResult(new ProcessResult(ExitCode, "", "npm error 404 Not Found"));
        string spec = arguments[1];
        string destination = arguments[arguments.ToList().IndexOf("--pack-destination") + 1];
        string name = spec[..spec.LastIndexOf('@')];
        string version = spec[(spec.LastIndexOf('@') + 1)..];
        File.WriteAllBytes(Path.Combine(destination, $"{name}-{version}.tgz"), tarballs[spec]);
        return Task.FromResult(new ProcessResult(0, $"{name}-{version}.tgz\n", ""));
    }
}
