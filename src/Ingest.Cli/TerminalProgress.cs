using System.Diagnostics;
using System.Globalization;

namespace Ingest.Cli;

/// <summary>
/// A progress line for a command that runs longer than a few seconds, drawn on stderr and redrawn in place (a bar
/// when the total is known, a count when not). Only at a terminal: when stdout or stderr is redirected (a pipe, a
/// file, CI, a test) nothing is drawn, so logs and output stay plain lines. It appears after <see cref="Delay"/>, so
/// a quick command never shows it, and is wiped when disposed.
/// </summary>
internal sealed class TerminalProgress : IDisposable
{
    /// <summary>How long a command runs before its progress shows.</summary>
    public static readonly TimeSpan Delay = TimeSpan.FromSeconds(2);

    private readonly string _label;
    private readonly TextWriter? _writer;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Timer? _timer;
    private readonly Lock _lock = new();
    private long _done;
    private long _total;
    private string? _detail;
    private bool _drawn;
    private bool _stopped;

    private TerminalProgress(string label, TextWriter? writer)
    {
        _label = label;
        _writer = writer;
        _timer = writer is null ? null : new Timer(_ => Draw(), null, Delay, TimeSpan.FromMilliseconds(250));
    }

    /// <summary>True when stdout and stderr are both a terminal.</summary>
    public static bool Enabled => !Console.IsOutputRedirected && !Console.IsErrorRedirected;

    /// <summary>A progress that never draws (a command whose output is a stream of its own, like 'ingest run').</summary>
    public static TerminalProgress None() => new("", null);

    /// <summary>Starts a progress line labelled <paramref name="label"/>; it draws only at a terminal.</summary>
    public static TerminalProgress Start(string label) => new(label, Enabled ? Console.Error : null);

    /// <summary>Sets how far the work is: <paramref name="done"/> of <paramref name="total"/> (0: unknown).</summary>
    public void Report(long done, long total = 0, string? detail = null)
    {
        Interlocked.Exchange(ref _done, done);
        Interlocked.Exchange(ref _total, total);
        Volatile.Write(ref _detail, detail);
    }

    /// <summary>Adds one to what is done.</summary>
    public void Step() => Interlocked.Increment(ref _done);

    /// <summary>Sets the total.</summary>
    public void Total(long total) => Interlocked.Exchange(ref _total, total);

    /// <summary>The line for a state of the work, at most <paramref name="width"/> characters.</summary>
    public static string Line(string label, long done, long total, TimeSpan elapsed, string? detail, int width)
    {
        var seconds = string.Create(CultureInfo.InvariantCulture, $"{elapsed.TotalSeconds:0} s");
        string line;
        if (total > 0)
        {
            var share = Math.Clamp((double)done / total, 0, 1);
            const int Bar = 24;
            var filled = (int)Math.Round(share * Bar);
            line = string.Create(CultureInfo.InvariantCulture, $"{label} [{new string('#', filled)}{new string('.', Bar - filled)}] {done}/{total} {share * 100,3:0}%  {seconds}");
        }
        else
        {
            line = string.Create(CultureInfo.InvariantCulture, $"{label}: {done}  {seconds}");
        }

        if (detail is { Length: > 0 })
        {
            line += "  " + detail;
        }

        return line.Length <= width ? line : line[..Math.Max(0, width)];
    }

    public void Dispose()
    {
        _timer?.Dispose();
        lock (_lock)
        {
            if (_drawn && _writer is not null)
            {
                _writer.Write("\r\u001b[2K");
                _writer.Flush();
            }

            _drawn = false;
            _stopped = true;
        }
    }

    private void Draw()
    {
        lock (_lock)
        {
            if (_writer is null || _stopped)
            {
                return;
            }

            var width = Math.Max(20, (Console.IsErrorRedirected ? 100 : SafeWidth()) - 1);
            _writer.Write("\r\u001b[2K" + Line(_label, Interlocked.Read(ref _done), Interlocked.Read(ref _total), _clock.Elapsed, Volatile.Read(ref _detail), width));
            _writer.Flush();
            _drawn = true;
        }
    }

    private static int SafeWidth()
    {
        try
        {
            return Console.WindowWidth > 0 ? Console.WindowWidth : 100;
        }
        catch (IOException)
        {
            return 100;
        }
    }
}
