using System.Diagnostics;

namespace Ingest.Cli;

/// <summary>
/// One <c>ingest run --once --skip-discovery</c> process of this same program against a given storage connection, for
/// the benchmark's several-hosts figure. Its output is read while it runs (and dropped), so it never blocks on a full
/// pipe; its CPU and memory are sampled while it runs, as a process that has exited can no longer be asked.
/// </summary>
internal sealed class HostChild : IDisposable
{
    private readonly Process _process;
    private readonly Queue<string> _tail = new();
    private TimeSpan _cpu;

    private HostChild(Process process) => _process = process;

    /// <summary>The CPU time it had used when last sampled.</summary>
    public TimeSpan ProcessorTime => _cpu;

    /// <summary>Its exit code, once it has exited.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>Starts a host that handles what is queued and exits when the queues are empty.</summary>
    public static HostChild Start(string connectionString)
    {
        var program = typeof(HostChild).Assembly.Location;
        var start = new ProcessStartInfo(Environment.ProcessPath ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (!Path.GetFileNameWithoutExtension(start.FileName).Equals(Path.GetFileNameWithoutExtension(program), StringComparison.Ordinal))
        {
            start.ArgumentList.Add(program); // run as 'dotnet Ingest.Cli.dll', not as an apphost
        }

        foreach (var arg in new[] { "run", "--once", "--skip-discovery", "--timeout", "7200" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["IngestStorage"] = connectionString;
        start.Environment["AzureWebJobsStorage"] = connectionString;
        start.Environment["Ingest__Fetching__Contact"] = "local benchmark"; // it fetches nothing, but the setting is required
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
        var child = new HostChild(process);
        process.OutputDataReceived += (_, e) => child.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => child.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Its last lines of output (stdout and stderr), to say why it failed.</summary>
    public string Tail()
    {
        lock (_tail)
        {
            return string.Join(Environment.NewLine, _tail);
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_tail)
        {
            _tail.Enqueue(line);
            while (_tail.Count > 20)
            {
                _tail.Dequeue();
            }
        }
    }

    /// <summary>Samples its CPU time and returns its working set now (0 once it has exited).</summary>
    public long Sample()
    {
        try
        {
            _process.Refresh();
            if (_process.HasExited)
            {
                return 0;
            }

            _cpu = _process.TotalProcessorTime;
            return _process.WorkingSet64;
        }
        catch (InvalidOperationException)
        {
            return 0; // exited between the check and the read
        }
    }

    /// <summary>Waits for it to exit.</summary>
    public Task WaitAsync(CancellationToken cancellationToken) => _process.WaitForExitAsync(cancellationToken);

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
    }
}

/// <summary>Samples a figure (a working set) every 100 ms until stopped and keeps its peak.</summary>
internal sealed class PeakSampler : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _peak;

    private PeakSampler(Func<long> read)
    {
        _peak = read();
        _loop = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                _peak = Math.Max(_peak, read());
                try
                {
                    await Task.Delay(100, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        });
    }

    /// <summary>Starts sampling.</summary>
    public static PeakSampler Start(Func<long> read) => new(read ?? throw new ArgumentNullException(nameof(read)));

    /// <summary>Stops sampling and returns the peak seen.</summary>
    public async Task<long> StopAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        return _peak;
    }

    public void Dispose() => _stop.Dispose();
}
