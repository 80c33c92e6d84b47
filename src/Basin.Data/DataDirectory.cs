namespace Basin.Data;

/// <summary>
/// Locates Basin's data cache: <c>$BASIN_DATA</c> if set; otherwise <c>$XDG_CACHE_HOME/basin</c> or
/// <c>~/.cache/basin</c> on Unix-like systems and <c>%LOCALAPPDATA%\basin</c> on Windows.
/// </summary>
public static class DataDirectory
{
    /// <summary>The environment variable that overrides the cache root.</summary>
    public const string EnvironmentVariable = "BASIN_DATA";

    /// <summary>The cache root for the current process environment (not created).</summary>
    public static string Root =>
        Resolve(Environment.GetEnvironmentVariable, OperatingSystem.IsWindows(),
            Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
            Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData));

    /// <summary>The cache root for an explicit environment; the rules of <see cref="DataDirectory"/>.</summary>
    /// <param name="getEnvironmentVariable">Reads an environment variable (null when unset).</param>
    /// <param name="isWindows">Whether to use the Windows location.</param>
    /// <param name="home">The user's home directory.</param>
    /// <param name="localApplicationData">The Windows local application data folder.</param>
    public static string Resolve(Func<string, string?> getEnvironmentVariable, bool isWindows, string home, string localApplicationData)
    {
        ArgumentNullException.ThrowIfNull(getEnvironmentVariable);
        string? explicitRoot = getEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(explicitRoot))
            return Path.GetFullPath(explicitRoot);
        if (isWindows)
            return Path.Combine(localApplicationData, "basin");
        string? xdg = getEnvironmentVariable("XDG_CACHE_HOME");
        // The XDG base directory specification says relative paths are invalid and must be ignored.
        if (!string.IsNullOrWhiteSpace(xdg) && Path.IsPathRooted(xdg))
            return Path.Combine(xdg, "basin");
        return Path.Combine(home, ".cache", "basin");
    }
}
