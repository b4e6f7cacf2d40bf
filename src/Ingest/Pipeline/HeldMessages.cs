using System.Collections.Concurrent;
using Ingest.Messages;
using Ingest.Storage;

namespace Ingest.Pipeline;

/// <summary>
/// The messages this host holds, published in its beat before their work begins, so that if the host dies another
/// host can hand them back to their queue (see <see cref="WorkLeases"/>). Writes are shared: handlers that start while
/// a beat is being written wait for the next one, which lists them all, so a batch of messages costs one write, not
/// one each. A message is dropped from the list when its work ends, without a write: the next beat leaves it out.
/// </summary>
public sealed class HeldMessages(WorkClaims claims, HostIdentity self, TimeProvider time)
{
    private readonly ConcurrentDictionary<(string Queue, string MessageId), LeasedMessage> _held = new();
    private readonly SemaphoreSlim _writer = new(1, 1);
    private static readonly TimeSpan WriteTimeout = TimeSpan.FromSeconds(10);
    private long _changes;
    private long _published;

    /// <summary>How many messages this host holds now.</summary>
    public int Count => _held.Count;

    /// <summary>
    /// Adds a message and returns once a beat listing it is written; dispose the result when its work ends. A
    /// delivery without a pop receipt (a caller other than a queue trigger) cannot be handed back and is not listed.
    /// </summary>
    public async Task<IDisposable> HoldAsync(QueueDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        if (delivery.PopReceipt is null)
        {
            return Held.None;
        }

        var key = (delivery.Queue, delivery.MessageId);
        _held[key] = new LeasedMessage(delivery.Queue, delivery.MessageId, delivery.PopReceipt, time.GetUtcNow());
        var held = new Held(this, key);
        try
        {
            await PublishAsync(Interlocked.Increment(ref _changes), cancellationToken);
            return held;
        }
        catch
        {
            held.Dispose();
            throw;
        }
    }

    /// <summary>Writes a beat now (the heartbeat's periodic one), with what is held.</summary>
    public Task BeatAsync(CancellationToken cancellationToken) => PublishAsync(Interlocked.Increment(ref _changes), cancellationToken);

    // Returns once a beat written after change number 'upTo' is stored; one writer at a time, each writing everything.
    private async Task PublishAsync(long upTo, CancellationToken cancellationToken)
    {
        while (Interlocked.Read(ref _published) < upTo)
        {
            await _writer.WaitAsync(cancellationToken);
            try
            {
                if (Interlocked.Read(ref _published) >= upTo)
                {
                    return;
                }

                // Bounded: with storage unreachable, the handlers waiting here fail (and are retried) instead of
                // waiting out the storage client's own retries one after the other.
                var changes = Interlocked.Read(ref _changes);
                using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                bounded.CancelAfter(WriteTimeout);
                try
                {
                    await claims.BeatAsync(self.Beat(time.GetUtcNow(), [.. _held.Values]), bounded.Token);
                }
                catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new TimeoutException($"this host's beat could not be written within {WriteTimeout.TotalSeconds:0} s", ex);
                }

                Interlocked.Exchange(ref _published, changes);
            }
            finally
            {
                _writer.Release();
            }
        }
    }

    private sealed class Held(HeldMessages? owner, (string, string) key) : IDisposable
    {
        public static readonly Held None = new(null, default);

        public void Dispose() => owner?._held.TryRemove(key, out _);
    }
}
