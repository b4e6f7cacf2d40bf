using System.Text;
using Azure.Storage.Queues;

namespace Ingest.Messages;

/// <summary>A message found in a poison queue.</summary>
/// <param name="MessageId">The queue's id of the message.</param>
/// <param name="InsertedOn">When it was put in the poison queue.</param>
/// <param name="Text">The message as the trigger reads it (Base64-decoded), or null when it is not valid Base64.</param>
/// <param name="Raw">The message exactly as stored.</param>
public sealed record PoisonMessage(string MessageId, DateTimeOffset? InsertedOn, string? Text, string Raw);

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
        return peeked.Value.Select(m => new PoisonMessage(m.MessageId, m.InsertedOn, Decode(m.Body.ToString()), m.Body.ToString())).ToList();
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
    public async Task<int> ReplayAsync(string queue, int max, CancellationToken cancellationToken)
    {
        var poison = rawQueues.GetQueueClient(QueueNames.PoisonOf(queue));
        var target = rawQueues.GetQueueClient(queue);
        if (!await poison.ExistsAsync(cancellationToken))
        {
            return 0;
        }

        await target.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        var moved = 0;
        while (moved < max)
        {
            var batch = (await poison.ReceiveMessagesAsync(Math.Min(32, max - moved), TimeSpan.FromMinutes(1), cancellationToken)).Value;
            if (batch.Length == 0)
            {
                break;
            }

            foreach (var message in batch)
            {
                await target.SendMessageAsync(message.Body, cancellationToken: cancellationToken);
                await poison.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
                moved++;
            }
        }

        return moved;
    }

    private static string? Decode(string raw)
    {
        var buffer = new byte[raw.Length];
        return Convert.TryFromBase64String(raw, buffer, out var written) ? Encoding.UTF8.GetString(buffer, 0, written) : null;
    }
}
