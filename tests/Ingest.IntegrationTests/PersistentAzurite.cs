using System.Text.Json.Nodes;
using Ingest.Cli.Hosting;

namespace Ingest.IntegrationTests;

/// <summary>
/// An Azurite of its own, persisting to a temporary folder, that a test can stop and start again with the same data,
/// as an outage would. <see cref="RestartAsync"/> can also let time pass for message leases: a host killed while it
/// held messages leaves them invisible for the WebJobs queue listener's 10-minute lease, and waiting that out has no
/// place in a test suite, so the restart rewrites the leases' expiry in Azurite's own store to "now", which is
/// exactly what ten minutes of waiting would do.
/// </summary>
internal sealed class PersistentAzurite : IAsyncDisposable
{
    private readonly string _location = Directory.CreateTempSubdirectory("ingest-azurite-").FullName;
    private readonly int _blob;
    private readonly int _queue;
    private readonly int _table;
    private LocalAzurite? _running;

    public PersistentAzurite()
    {
        var ports = LocalAzurite.FreePorts(3);
        (_blob, _queue, _table) = (ports[0], ports[1], ports[2]);
    }

    public string ConnectionString => LocalAzurite.ConnectionStringFor(_blob, _queue, _table);

    /// <summary>
    /// Starts Azurite on this store's ports. While it was down, one of its ports can have been handed to some other
    /// connection as a local port (they come from the same ephemeral range), so a start that ends at once is tried
    /// again, up to three times, before its reason is reported.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                _running = await LocalAzurite.StartAsync(_blob, _queue, _table, _location, cancellationToken);
                return;
            }
            catch (AzuriteExitedException ex) when (attempt < 3)
            {
                TestContext.Current.SendDiagnosticMessage($"Azurite start {attempt} failed, trying again: {ex.Message}");
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
    }

    /// <summary>Stops Azurite gracefully (it saves its state).</summary>
    public async Task StopAsync()
    {
        if (_running is not null)
        {
            await _running.DisposeAsync();
            _running = null;
        }
    }

    /// <summary>Stops and starts Azurite; with <paramref name="expireLeases"/>, every invisible message is visible again.</summary>
    public async Task RestartAsync(bool expireLeases, CancellationToken cancellationToken)
    {
        await StopAsync();
        if (expireLeases)
        {
            ExpireLeases();
        }

        await StartAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Directory.Delete(_location, recursive: true);
    }

    private void ExpireLeases()
    {
        var path = Path.Combine(_location, "__azurite_db_queue__.json");
        var db = JsonNode.Parse(File.ReadAllText(path))!;
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - 1000;
        foreach (var collection in db["collections"]!.AsArray())
        {
            if (collection!["name"]!.GetValue<string>() != "$MESSAGES_COLLECTION$")
            {
                continue;
            }

            foreach (var message in collection["data"]!.AsArray())
            {
                if (message!["timeNextVisible"]!.GetValue<long>() > now)
                {
                    message["timeNextVisible"] = now;
                }
            }

            // Make the store rebuild its indexes from the changed values.
            foreach (var index in collection["binaryIndices"]!.AsObject())
            {
                index.Value!["dirty"] = true;
            }
        }

        File.WriteAllText(path, db.ToJsonString());
    }
}
