using System.Diagnostics;
using Basin.Plotting;

namespace Basin.Generative.Animation;

/// <summary>
/// MP4 (H.264, yuv420p) through the <c>ffmpeg</c> program when it is on the PATH (Debian: <c>apt-get install ffmpeg</c>):
/// raw RGBA frames go to its standard input. Basin has no video encoder of its own.
/// </summary>
public static class FfmpegVideo
{
    /// <summary>The ffmpeg executable on the PATH, or null.</summary>
    public static string? Find()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var p = Path.Combine(dir, "ffmpeg");
            if (File.Exists(p)) return p;
        }
        return null;
    }

    /// <summary>Encodes <paramref name="frames"/> at <paramref name="fps"/> to <paramref name="path"/> (written to a temporary file, then renamed).</summary>
    /// <exception cref="InvalidOperationException">ffmpeg is missing or fails.</exception>
    public static void WriteMp4(IReadOnlyList<Rgba32[]> frames, int width, int height, double fps, string path)
    {
        var exe = Find() ?? throw new InvalidOperationException("ffmpeg is not installed (apt-get install ffmpeg); MP4 needs it");
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        string temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileNameWithoutExtension(full)}.{Guid.NewGuid():N}.mp4");
        var psi = new ProcessStartInfo(exe)
        {
            RedirectStandardInput = true, RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false,
        };
        foreach (var a in new[] { "-hide_banner", "-loglevel", "error", "-y", "-f", "rawvideo", "-pix_fmt", "rgba", "-s", $"{width}x{height}",
                     "-r", fps.ToString(System.Globalization.CultureInfo.InvariantCulture), "-i", "-", "-c:v", "libx264", "-pix_fmt", "yuv420p",
                     "-vf", "pad=ceil(iw/2)*2:ceil(ih/2)*2", "-threads", "1", "-movflags", "+faststart", temp })
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("ffmpeg did not start");
        var err = p.StandardError.ReadToEndAsync();
        using (var stdin = p.StandardInput.BaseStream)
            foreach (var f in frames) stdin.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(f.AsSpan()));
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            try { File.Delete(temp); } catch (IOException) { }
            throw new InvalidOperationException($"ffmpeg failed ({p.ExitCode}): {err.Result.Trim()}");
        }
        File.Move(temp, full, overwrite: true);
    }
}
