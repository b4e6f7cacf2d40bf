using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Ingest.Cli.Hosting;

/// <summary>
/// A local Azurite (the Azure Storage emulator) on loopback, started from the repository's own npm install
/// (<c>node_modules/.bin/azurite</c>) and stopped with this object.
/// </summary>
internal sealed class LocalAzurite : IAsyncDisposable
{
    /// <summary>Azurite's well-known development account key (public, documented, not a secret).</summary>
    public const string DevAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process _process;
    private readonly List<string> _output = [];

    private LocalAzurite(Process process, int blobPort, int queuePort, int tablePort)
    {
        _process = process;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
    }

    /// <summary>The CPU time Azurite's process has used so far (for 'ingest bench': how much of the machine storage takes).</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            _process.Refresh();
            return _process.HasExited ? TimeSpan.Zero : _process.TotalProcessorTime;
        }
    }

    /// <summary>Azurite's resident memory now, in bytes (0 once it has exited).</summary>
    public long WorkingSet
    {
        get
        {
            _process.Refresh();
            return _process.HasExited ? 0 : _process.WorkingSet64;
        }
    }

    public int BlobPort { get; }

    public int QueuePort { get; }

    public int TablePort { get; }

    /// <summary>A connection string with explicit loopback endpoints for these ports.</summary>
    public string ConnectionString => ConnectionStringFor(BlobPort, QueuePort, TablePort);

    public static string ConnectionStringFor(int blobPort, int queuePort, int tablePort) =>
        string.Create(CultureInfo.InvariantCulture,
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={DevAccountKey};" +
            $"BlobEndpoint=http://127.0.0.1:{blobPort}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{queuePort}/devstoreaccount1;" +
            $"TableEndpoint=http://127.0.0.1:{tablePort}/devstoreaccount1;");

    /// <summary>True when something accepts connections on the port on 127.0.0.1.</summary>
    public static async Task<bool> IsListeningAsync(int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromMilliseconds(500));
            await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
            return true;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>
    /// <paramref name="count"/> different ports nobody listens on right now. Each is held until all are found: a port
    /// asked for and let go at once may be handed out again by the next asking (Azurite then found its queue and table
    /// services given one port, and stopped with EADDRINUSE).
    /// </summary>
    public static int[] FreePorts(int count)
    {
        var listeners = new List<TcpListener>(count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                listeners.Add(listener);
            }

            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Stop();
            }
        }
    }

    /// <summary>Starts Azurite on three ports nobody listens on (<see cref="FreePorts"/>); see <see cref="StartAsync"/>.</summary>
    public static Task<LocalAzurite> StartOnFreePortsAsync(string? location, CancellationToken cancellationToken)
    {
        var ports = FreePorts(3);
        return StartAsync(ports[0], ports[1], ports[2], location, cancellationToken);
    }

    /// <summary>
    /// Starts Azurite on the given ports, in memory when <paramref name="location"/> is null, else persisting there.
    /// Throws with a clear message when the repository's npm packages are not installed or Azurite does not come up.
    /// </summary>
    public static async Task<LocalAzurite> StartAsync(int blobPort, int queuePort, int tablePort, string? location, CancellationToken cancellationToken)
    {
        var executable = FindExecutable()
            ?? throw new InvalidOperationException(
                "Azurite is not installed: no node_modules/.bin/azurite above the current folder or the program's folder. " +
                "Run 'npm ci' in the repository (ingest.sh does it for you), or start your own Azurite and set IngestStorage.");
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            "--silent", "--skipApiVersionCheck", "--disableTelemetry", "--loose",
            "--blobHost", "127.0.0.1", "--blobPort", blobPort.ToString(CultureInfo.InvariantCulture),
            "--queueHost", "127.0.0.1", "--queuePort", queuePort.ToString(CultureInfo.InvariantCulture),
            "--tableHost", "127.0.0.1", "--tablePort", tablePort.ToString(CultureInfo.InvariantCulture),
        })
        {
            start.ArgumentList.Add(arg);
        }

        if (location is null)
        {
            start.ArgumentList.Add("--inMemoryPersistence");
        }
        else
        {
            Directory.CreateDirectory(location);
            start.ArgumentList.Add("--location");
            start.ArgumentList.Add(location);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}.");
        var azurite = new LocalAzurite(process, blobPort, queuePort, tablePort);
        process.OutputDataReceived += (_, e) => azurite.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => azurite.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (process.HasExited)
            {
                // Read what it said and its code before disposing: a disposed Process has neither.
                process.WaitForExit();
                var code = process.ExitCode;
                var output = azurite.Output();
                await azurite.DisposeAsync();
                throw new AzuriteExitedException($"Azurite exited at start with code {code}: {output}");
            }

            if (await IsListeningAsync(blobPort, cancellationToken) && await IsListeningAsync(queuePort, cancellationToken) && await IsListeningAsync(tablePort, cancellationToken))
            {
                return azurite;
            }

            await Task.Delay(100, cancellationToken);
        }

        await azurite.DisposeAsync();
        throw new InvalidOperationException($"Azurite did not listen on ports {blobPort}/{queuePort}/{tablePort} within 30 s: {azurite.Output()}");
    }

    /// <summary>
    /// Stops Azurite gracefully (SIGINT), so that with <c>--location</c> it writes its metadata to disk before it
    /// exits; a killed Azurite loses what it had not saved yet. Killed only if it does not stop within 15 s.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                if (!OperatingSystem.IsWindows() && await InterruptAsync(_process.Id))
                {
                    using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(15));
                    try
                    {
                        await _process.WaitForExitAsync(grace.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        // Did not stop in time: killed below.
                    }
                }

                if (!_process.HasExited)
                {
                    _process.Kill(entireProcessTree: true);
                    await _process.WaitForExitAsync();
                }
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
    }

    // SIGINT through the system's kill command: no unsafe interop for one signal.
    private static async Task<bool> InterruptAsync(int pid)
    {
        try
        {
            using var kill = Process.Start(new ProcessStartInfo("kill", ["-INT", pid.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false });
            if (kill is null)
            {
                return false;
            }

            await kill.WaitForExitAsync();
            return kill.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static string? FindExecutable()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "node_modules", ".bin", "azurite");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            if (_output.Count < 50)
            {
                _output.Add(line);
            }
        }
    }

    private string Output()
    {
        lock (_output)
        {
            return _output.Count == 0 ? "(no output)" : string.Join(" | ", _output);
        }
    }
}

/// <summary>Azurite ended before it listened (a port taken meanwhile, a broken install); the message carries its output.</summary>
internal sealed class AzuriteExitedException(string message) : InvalidOperationException(message);
