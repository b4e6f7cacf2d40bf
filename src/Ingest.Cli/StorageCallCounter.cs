using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using Ingest.Cli.Hosting;

namespace Ingest.Cli;

/// <summary>
/// Counts the HTTP requests this process makes to one Azurite, by service (blob, queue) and method, from the .NET HTTP
/// client's own metrics (<c>http.client.request.duration</c>), so the benchmark can say how many storage calls a page
/// costs without touching the clients. On Azure Storage every one of them is a billed transaction and counts against
/// the account's request rate.
/// </summary>
internal sealed class StorageCallCounter : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<(string Service, string Method), long> _counts = new();
    private readonly Dictionary<int, string> _services;

    private StorageCallCounter(LocalAzurite azurite)
    {
        _services = new Dictionary<int, string> { [azurite.BlobPort] = "blob", [azurite.QueuePort] = "queue", [azurite.TablePort] = "table" };
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "System.Net.Http" && instrument.Name == "http.client.request.duration")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>(OnRequest);
        _listener.Start();
    }

    /// <summary>Starts counting.</summary>
    public static StorageCallCounter Start(LocalAzurite azurite) => new(azurite ?? throw new ArgumentNullException(nameof(azurite)));

    /// <summary>The counts so far, to subtract from a later snapshot.</summary>
    public IReadOnlyDictionary<(string Service, string Method), long> Snapshot() => new Dictionary<(string, string), long>(_counts);

    /// <summary>Calls per page between two snapshots, e.g. <c>12.9 (blob 9.1: PUT 5.0, GET 2.0 …; queue 3.8: …)</c>.</summary>
    public static string PerPage(IReadOnlyDictionary<(string Service, string Method), long> before, IReadOnlyDictionary<(string Service, string Method), long> after, int pages)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        pages = Math.Max(pages, 1);
        var delta = after.ToDictionary(kv => kv.Key, kv => kv.Value - before.GetValueOrDefault(kv.Key));
        string F(double v) => (v / pages).ToString("0.0", CultureInfo.InvariantCulture);
        var services = delta.Where(kv => kv.Value > 0).GroupBy(kv => kv.Key.Service).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
            $"{g.Key} {F(g.Sum(kv => kv.Value))}: " + string.Join(", ", g.OrderByDescending(kv => kv.Value).Select(kv => $"{kv.Key.Method} {F(kv.Value)}")));
        return $"{F(delta.Values.Sum())} ({string.Join("; ", services)})";
    }

    private void OnRequest(Instrument instrument, double measurement, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        string? method = null;
        int? port = null;
        foreach (var tag in tags)
        {
            switch (tag.Key)
            {
                case "http.request.method":
                    method = tag.Value as string;
                    break;
                case "server.port":
                    port = tag.Value switch { int p => p, long l => (int)l, string s when int.TryParse(s, CultureInfo.InvariantCulture, out var p) => p, _ => null };
                    break;
            }
        }

        if (method is not null && port is { } known && _services.TryGetValue(known, out var service))
        {
            _counts.AddOrUpdate((service, method), 1, (_, n) => n + 1);
        }
    }

    public void Dispose() => _listener.Dispose();
}
