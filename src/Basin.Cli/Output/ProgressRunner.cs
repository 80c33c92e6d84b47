using Spectre.Console;

namespace Basin.Cli.Output;

/// <summary>
/// The one progress display of long commands: a bar with percentage and remaining time on standard error when it is a
/// terminal; otherwise (a log, a pipe, CI) a plain line on standard error at most every 10 % of the work, so that logs
/// show progress without escape sequences; nothing with <c>quiet</c>. Standard output is never touched.
/// </summary>
public static class ProgressRunner
{
    /// <summary>Runs <paramref name="work"/> with a progress reporter over <paramref name="total"/> units.</summary>
    public static T Run<T>(string label, double total, Func<IProgress<double>, T> work, bool quiet = false)
    {
        if (quiet) return work(new SyncProgress<double>(_ => { }));
        if (!Terminal.StderrIsTerminal)
        {
            Console.Error.WriteLine($"{label} …");
            double next = 0.1;
            var r = work(new SyncProgress<double>(v =>
            {
                if (total <= 0 || v / total < next) return;
                Console.Error.WriteLine($"  {label}: {Math.Min(100, 100 * v / total):F0} %");
                while (v / total >= next) next += 0.1;
            }));
            return r;
        }
        T result = default!;
        Terminal.Error.Progress().AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(Markup.Escape(label), maxValue: Math.Max(total, 1e-9));
                result = work(new SyncProgress<double>(v => task.Value = v));
            });
        return result;
    }

    /// <summary>Integer-counted variant (images, epochs).</summary>
    public static T Run<T>(string label, int total, Func<IProgress<int>, T> work, bool quiet = false) =>
        Run(label, (double)total, p => work(new SyncProgress<int>(i => p.Report(i))), quiet);

    /// <summary>Variant without a result.</summary>
    public static void Run(string label, int total, Action<IProgress<int>> work, bool quiet = false) =>
        Run<int>(label, total, p => { work(p); return 0; }, quiet);
}

/// <summary>A progress reporter that calls its handler synchronously on the reporting thread (unlike <see cref="Progress{T}"/>).</summary>
public sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
{
    /// <inheritdoc />
    public void Report(T value) => report(value);
}
