namespace Basin.Serve.Tests.Browser;

/// <summary>A fact that reports itself skipped when Debian's Chromium is not installed (<c>apt-get install chromium</c>; .ci/run installs it).</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    /// <summary>Where the tests expect the browser.</summary>
    public const string ExecutablePath = "/usr/bin/chromium";

    public ChromiumFactAttribute() { if (!File.Exists(ExecutablePath)) Skip = $"{ExecutablePath} is not installed (apt-get install chromium)"; }
}
