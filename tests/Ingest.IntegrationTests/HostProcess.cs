using System.Diagnostics;

namespace Ingest.IntegrationTests;

/// <summary>
/// The local host as a real process of its own ('ingest run --once'), configured by environment variables.
/// Its stdout and stderr are read while it runs: a child that writes more than a pipe holds blocks until someone
/// reads, so reading only after it exits can hang a test for good. Every wait on it is bounded: a host that does
/// not exit in time is killed with its process tree and the test fails with what it wrote.
/// </summary>
internal sealed class HostProcess : IAsyncDisposable
{
    /// <summary>
    /// How long a host may run before a test gives up on it: above the host's own 300 s drain timeout (the
    /// <c>--timeout</c> it is started with), so a host that times out by itself gets to say so first.
    /// </summary>
    public static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(330);

    // After SIGKILL the process is gone within moments; this only bounds the wait for its pipes to close.
    private static readonly TimeSpan KillGrace = TimeSpan.FromSeconds(10);

    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly List<string> _stdout = [];

    private HostProcess(Process process) => _process = process;

    public bool HasExited => _process.HasExited;

    /// <summary>What the host wrote to stdout alone (a command's output; its logs go to stderr).</summary>
    public string StandardOutput
    {
        get
        {
            lock (_lines)
            {
                return string.Join('\n', _stdout);
            }
        }
    }

    public int ExitCode => _process.ExitCode;

    /// <summary>What the host wrote so far, stdout and stderr interleaved in the order the lines arrived.</summary>
    public string Output
    {
        get
        {
            lock (_lines)
            {
                return string.Join('\n', _lines);
            }
        }
    }

    /// <summary>Starts <c>Ingest.Cli run --once</c> with the given settings (":" in keys becomes "__").</summary>
    public static HostProcess Start(IReadOnlyDictionary<string, string?> settings, bool discover) =>
        StartCommand(settings, discover ? ["run", "--once", "--timeout", "300"] : ["run", "--once", "--skip-discovery", "--timeout", "300"]);

    /// <summary>Starts <c>Ingest.Cli</c> with any command line and the given settings (":" in keys becomes "__").</summary>
    public static HostProcess StartCommand(IReadOnlyDictionary<string, string?> settings, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Ingest.Cli.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the host process.");
        var host = new HostProcess(process);
        process.OutputDataReceived += (_, e) => host.Keep(e.Data, stdout: true);
        process.ErrorDataReceived += (_, e) => host.Keep(e.Data, stdout: false);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    /// <summary>
    /// Waits until the host exits by itself and its output is read to the end. Past <see cref="ExitTimeout"/>, or
    /// when the test is cancelled (its xunit timeout), kills the host's process tree and throws with its output.
    /// </summary>
    public async Task WaitForExitAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ExitTimeout);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException ex)
        {
            await KillAsync();
            var why = cancellationToken.IsCancellationRequested ? "the test was cancelled" : $"it did not exit within {ExitTimeout.TotalSeconds:F0} s";
            throw new TimeoutException($"Host process {_process.Id} killed: {why}. Its output:\n{Output}", ex);
        }
    }

    /// <summary>Kills the host and its children (SIGKILL, no goodbye) and waits, bounded, until it is gone.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        using var grace = new CancellationTokenSource(KillGrace);
        try
        {
            await _process.WaitForExitAsync(grace.Token);
        }
        catch (OperationCanceledException ex)
        {
            throw new TimeoutException($"Host process {_process.Id} was killed but its output did not end within {KillGrace.TotalSeconds:F0} s. Its output:\n{Output}", ex);
        }
    }

    /// <summary>Kills the host if a test ends (passes, fails or throws) while it still runs, so none outlives its test.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await KillAsync();
        }
        finally
        {
            _process.Dispose();
        }
    }

    private void Keep(string? line, bool stdout)
    {
        if (line is null)
        {
            return;
        }

        lock (_lines)
        {
            _lines.Add(line);
            if (stdout)
            {
                _stdout.Add(line);
            }
        }
    }
}
