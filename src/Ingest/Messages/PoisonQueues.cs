using System.Text;
using Azure.Storage.Queues;

namespace Ingest.Messages;

/// <summary>A message found in a poison queue.</summary>
/// <param name="MessageId">The queue's id of the message.</param>
/// <param name="InsertedOn">When it was put in the poison queue.</param>
/// <param name="Text">The message as the trigger reads it (Base64-decoded), or null when it is not valid Base64.</param>
/// <param name="Raw">The message exactly as stored.</param>
/// <param name="DequeueCount">How many times it was read from the poison queue (0 for a message never taken).</param>
public sealed record PoisonMessage(string MessageId, DateTimeOffset? InsertedOn, string? Text, string Raw, long DequeueCount = 0)
{
    /// <summary>The bytes the trigger reads (the Base64-decoded message), or null when it is not valid Base64.</summary>
    public byte[]? Bytes => Text is null ? null : Encoding.UTF8.GetBytes(Text);
}

/// <summary>
/// Inspects and re-queues the poison queues. Messages are moved byte for byte (read and written without any
/// encoding applied), so a replayed message is exactly what the producer sent, in the trigger's encoding.
/// </summary>
public sealed class PoisonQueues(QueueServiceClient rawQueues)
{
    /// <summary>Up to 32 messages of the poison queue of <paramref name="queue"/>, without taking them.</summary>
    public async Task<IReadOnlyList<PoisonMessage>> PeekAsync(string queue, CancellationToken cancellationToken)
    {
        var poison = rawQueues.GetQueueClient(QueueNames.PoisonOf(queue));
        if (!await poison.ExistsAsync(cancellationToken))
        {
            return [];
        }

        var peeked = await poison.PeekMessagesAsync(maxMessages: 32, cancellationToken);
        return peeked.Value.Select(m => Read(m.MessageId, m.InsertedOn, m.Body, m.DequeueCount)).ToList();
    }

    /// <summary>How many messages the poison queue of <paramref name="queue"/> holds.</summary>
    public async Task<int> CountAsync(string queue, CancellationToken cancellationToken)
    {
        var poison = rawQueues.GetQueueClient(QueueNames.PoisonOf(queue));
        return await poison.ExistsAsync(cancellationToken) ? (await poison.GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount : 0;
    }

    /// <summary>How many messages the poison queues of all work queues hold.</summary>
    public async Task<int> CountAllAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        foreach (var queue in QueueNames.Work)
        {
            total += await CountAsync(queue, cancellationToken);
        }

        return total;
    }

    /// <summary>
    /// Moves up to <paramref name="max"/> messages from the poison queue back to <paramref name="queue"/>: each is sent
    /// first and deleted from the poison queue after, so a crash in between duplicates a message but never loses one.
    /// </summary>
    public async Task<int> ReplayAsync(string queue, int max, CancellationToken cancellationToken, Func<PoisonMessage, Task>? moved = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        var poison = rawQueues.GetQueueClient(QueueNames.PoisonOf(queue));
        var target = rawQueues.GetQueueClient(queue);
        if (!await poison.ExistsAsync(cancellationToken))
        {
            return 0;
        }

        await target.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        var count = 0;
        while (count < max)
        {
            var batch = (await poison.ReceiveMessagesAsync(Math.Min(32, max - count), TimeSpan.FromMinutes(1), cancellationToken)).Value;
            if (batch.Length == 0)
            {
                break;
            }

            foreach (var message in batch)
            {
                await target.SendMessageAsync(message.Body, cancellationToken: cancellationToken);
                await poison.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
                count++;
                if (moved is not null)
                {
                    await moved(Read(message));
                }
            }
        }

        return count;
    }

    /// <summary>
    /// Deletes the messages of the poison queue of <paramref name="queue"/> that were put there before
    /// <paramref name="before"/> (all of them when null); <paramref name="removed"/> is called for each, after its deletion.
    /// </summary>
    public async Task<int> PurgeAsync(string queue, DateTimeOffset? before, CancellationToken cancellationToken, Func<PoisonMessage, Task>? removed = null)
    {
        var poison = rawQueues.GetQueueClient(QueueNames.PoisonOf(queue));
        if (!await poison.ExistsAsync(cancellationToken))
        {
            return 0;
        }

        // Messages taken and kept (too young) stay invisible while the listing goes on, so each is seen once; they
        // are made visible again at the end.
        var count = 0;
        var kept = new List<(string Id, string PopReceipt)>();
        while (true)
        {
            var batch = (await poison.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(1), cancellationToken)).Value;
            if (batch.Length == 0)
            {
                foreach (var (id, popReceipt) in kept)
                {
                    await poison.UpdateMessageAsync(id, popReceipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: cancellationToken);
                }

                return count;
            }

            foreach (var message in batch)
            {
                if (before is not null && message.InsertedOn is { } inserted && inserted >= before)
                {
                    kept.Add((message.MessageId, message.PopReceipt));
                    continue;
                }

                await poison.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
                count++;
                if (removed is not null)
                {
                    await removed(Read(message));
                }
            }
        }
    }

    private static PoisonMessage Read(Azure.Storage.Queues.Models.QueueMessage message) =>
        Read(message.MessageId, message.InsertedOn, message.Body, message.DequeueCount);

    private static PoisonMessage Read(string id, DateTimeOffset? insertedOn, BinaryData body, long dequeueCount)
    {
        var raw = body.ToString();
        return new PoisonMessage(id, insertedOn, Decode(raw), raw, dequeueCount);
    }

    private static string? Decode(string raw)
    {
        var buffer = new byte[raw.Length];
        return Convert.TryFromBase64String(raw, buffer, out var written) ? Encoding.UTF8.GetString(buffer, 0, written) : null;
    }
}
