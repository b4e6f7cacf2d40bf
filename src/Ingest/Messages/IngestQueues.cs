using System.Collections.Concurrent;
using System.Text.Json;
using Azure.Storage.Queues;

namespace Ingest.Messages;

/// <summary>
/// Sends the pipeline's queue messages. Every producer (timer fan-out, command line, tests) goes through here, so
/// every message is Base64-encoded JSON, the encoding the queue triggers are configured for.
/// </summary>
public sealed class IngestQueues(QueueServiceClient queues)
{
    // Queues known to exist; a failed creation is not remembered, so a storage outage at start heals by itself.
    private readonly ConcurrentDictionary<string, QueueClient> _ready = new(StringComparer.Ordinal);

    /// <summary>The encoding producers and triggers share (<c>host.json</c>: <c>extensions.queues.messageEncoding</c>).</summary>
    public const QueueMessageEncoding Encoding = QueueMessageEncoding.Base64;

    /// <summary>Sends one ingest request.</summary>
    public async Task SendAsync(IngestRequest request, CancellationToken cancellationToken)
    {
        var queue = await GetAsync(QueueNames.IngestRequests, cancellationToken);
        await queue.SendMessageAsync(JsonSerializer.Serialize(request, IngestJsonContext.Default.IngestRequest), cancellationToken);
    }

    /// <summary>Sends one re-parse request.</summary>
    public async Task SendAsync(ReparseRequest request, CancellationToken cancellationToken)
    {
        var queue = await GetAsync(QueueNames.ReparseRequests, cancellationToken);
        await queue.SendMessageAsync(JsonSerializer.Serialize(request, IngestJsonContext.Default.ReparseRequest), cancellationToken);
    }

    /// <summary>
    /// Puts a message that can never succeed on the poison queue of <paramref name="queue"/>, as the text the trigger
    /// read (sent in the triggers' encoding, so <c>ingest poison replay</c> moves it back unchanged).
    /// </summary>
    public async Task SendToPoisonAsync(string queue, string body, CancellationToken cancellationToken)
    {
        var poison = await GetAsync(QueueNames.PoisonOf(queue), cancellationToken);
        await poison.SendMessageAsync(body, cancellationToken);
    }

    /// <summary>
    /// Makes a leased message visible again at once, with the pop receipt its lease was taken with (a host that
    /// stopped cannot hand it back itself). False when the message is gone (handled) or its lease was renewed since
    /// (the receipt no longer matches): then it comes back when that lease ends.
    /// </summary>
    public async Task<bool> ReleaseAsync(string queue, string messageId, string popReceipt, CancellationToken cancellationToken)
    {
        try
        {
            await queues.GetQueueClient(queue).UpdateMessageAsync(messageId, popReceipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: cancellationToken);
            return true;
        }
        catch (Azure.RequestFailedException ex) when (ex.Status is 400 or 404)
        {
            return false;
        }
    }

    /// <summary>Creates the pipeline's queues and their poison queues if they do not exist.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        foreach (var name in QueueNames.Work)
        {
            await queues.GetQueueClient(name).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            await queues.GetQueueClient(QueueNames.PoisonOf(name)).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }
    }

    private async Task<QueueClient> GetAsync(string name, CancellationToken cancellationToken)
    {
        if (_ready.TryGetValue(name, out var ready))
        {
            return ready;
        }

        var client = queues.GetQueueClient(name);
        await client.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        return _ready.GetOrAdd(name, client);
    }
}
