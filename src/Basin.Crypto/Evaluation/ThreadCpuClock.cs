using System.Runtime.InteropServices;

namespace Basin.Crypto.Evaluation;

/// <summary>
/// The CPU time of the calling thread (POSIX <c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>, Linux): on a machine shared with
/// other jobs it counts only the time this thread ran, so rates measured with it are far less sensitive to the load than
/// wall-clock rates (a busy SMT sibling still slows the thread down). Unavailable elsewhere.
/// </summary>
internal static partial class ThreadCpuClock
{
    private const int ClockThreadCpuTimeId = 3;

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec { public long Seconds; public long Nanoseconds; }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    /// <summary>Whether the thread CPU clock can be read here.</summary>
    public static bool IsAvailable { get; } = OperatingSystem.IsLinux() && Probe();

    private static bool Probe()
    {
        try { return ClockGetTime(ClockThreadCpuTimeId, out _) == 0; }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException) { return false; }
    }

    /// <summary>Seconds of CPU time this thread has used.</summary>
    public static double Seconds()
    {
        ClockGetTime(ClockThreadCpuTimeId, out var t);
        return t.Seconds + t.Nanoseconds * 1e-9;
    }
}
