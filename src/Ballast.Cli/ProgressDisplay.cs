using Ballast.Core.Reporting.Import;
using Spectre.Console;

namespace Ballast.Cli;

/// <summary>A progress bar on standard error for long imports; silent when standard error is not a terminal.</summary>
internal static class ProgressDisplay
{
    public static T Run<T>(CliConsole console, string title, Func<IProgress<ImportProgress>?, T> work)
    {
        if (!console.Interactive) return work(new LineProgress(console.Error, title));
        var ansi = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return ansi.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var tasks = new Dictionary<string, ProgressTask>(StringComparer.Ordinal);
                var progress = new SynchronousProgress<ImportProgress>(p =>
                {
                    if (!tasks.TryGetValue(p.File, out var task))
                    {
                        task = ctx.AddTask($"{title} {Markup.Escape(Path.GetFileName(p.File))}", maxValue: Math.Max(1, p.TotalBytes));
                        tasks[p.File] = task;
                    }
                    task.Value = p.BytesRead;
                    task.Description = $"{title} {Markup.Escape(Path.GetFileName(p.File))} ({p.Rows:N0} rows)";
                });
                var result = work(progress);
                foreach (var t in tasks.Values) t.Value = t.MaxValue;
                return result;
            });
    }

    /// <summary>For logs and pipes: one line per file each time another tenth of it has been read.</summary>
    private sealed class LineProgress(TextWriter error, string title) : IProgress<ImportProgress>
    {
        private readonly Dictionary<string, int> _lastTenth = new(StringComparer.Ordinal);

        public void Report(ImportProgress p)
        {
            if (p.TotalBytes <= 0) return;
            int tenth = (int)Math.Min(10, p.BytesRead * 10 / p.TotalBytes);
            if (_lastTenth.TryGetValue(p.File, out var last) && tenth <= last) return;
            _lastTenth[p.File] = tenth;
            if (tenth == 0) return;
            error.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{title} {Path.GetFileName(p.File)}: {tenth * 10}% ({p.Rows:N0} rows)"));
            error.Flush();
        }
    }

    /// <summary>Reports on the calling thread (Progress&lt;T&gt; would post to the thread pool, out of order).</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
