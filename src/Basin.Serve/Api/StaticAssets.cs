using System.Reflection;

namespace Basin.Serve.Api;

/// <summary>The web app's files, embedded in this assembly as <c>wwwroot/NAME</c> (no CDN, no build step: works offline).</summary>
public static class StaticAssets
{
    private static readonly Assembly Assembly = typeof(StaticAssets).Assembly;

    /// <summary>Names of the embedded files (e.g. <c>index.html</c>, <c>app.js</c>).</summary>
    public static IReadOnlyList<string> Names { get; } =
        Assembly.GetManifestResourceNames().Where(n => n.StartsWith("wwwroot/", StringComparison.Ordinal)).Select(n => n["wwwroot/".Length..]).Order().ToArray();

    /// <summary>The bytes of <paramref name="name"/>, or null when there is no such file.</summary>
    public static byte[]? Read(string name)
    {
        if (!Names.Contains(name)) return null;
        using var s = Assembly.GetManifestResourceStream("wwwroot/" + name)!;
        using var ms = new MemoryStream();
        s.CopyTo(ms);
        return ms.ToArray();
    }

    /// <summary>The content type of a file name.</summary>
    public static string ContentType(string name) => Path.GetExtension(name).ToLowerInvariant() switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".svg" => "image/svg+xml",
        ".png" => "image/png",
        _ => "application/octet-stream",
    };
}
