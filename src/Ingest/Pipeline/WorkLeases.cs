using System.Globalization;
using Azure;
using Ingest.Messages;
using Ingest.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ingest.Pipeline;

/// <summary>One piece of work a message asks for: copies of it (the same article asked twice) share <see cref="Name"/>.</summary>
/// <param name="Name">The claim key, e.g. <c>ingest-requests/{article id}</c>.</param>
/// <param name="ArticleId">The article, when the work is one article.</param>
/// <param name="Url">Its URL, when known.</param>
/// <param name="Source">Its source, when known.</param>
public sealed record WorkKey(string Name, string? ArticleId = null, string? Url = null, string? Source = null);

/// <summary>What a sweep for stopped hosts found.</summary>
/// <param name="Released">Messages of stopped hosts handed back to their queue now.</param>
/// <param name="NotReleased">Messages of stopped hosts that were handled meanwhile, or re-leased (they come back when that lease ends).</param>
/// <param name="Held">Messages running hosts hold now, by host, with what is known of the host.</param>
public sealed record SweepReport(int Released, int NotReleased, IReadOnlyDictionary<string, (int Count, string State)> Held);

/// <summary>
/// Keeps a dead host's messages from waiting out the queue extension's 10-minute lease, and copies of one ingest
/// from fetching twice:
/// <list type="bullet">
/// <item>every message a host takes is listed in its beat (<see cref="HeldMessages"/>) before its work begins; a
/// survivor that knows the host stopped (<see cref="LivenessOptions"/>) hands those messages back to their queue at
/// once with the pop receipts listed;</item>
/// <item>ingest work is also claimed (<see cref="WorkClaims"/>): two copies of one request handled at the same moment,
/// on one host or two, cost one fetch; the second finds the first's claim and is dropped as a duplicate (the first's
/// own message is retried if its work fails). Re-parse work is not claimed: a repeated re-parse costs no site
/// anything, and the record's conditional writes keep it to one revision.</item>
/// </list>
/// Cost per message: a share of one beat write (one per batch taken), and for ingest one write and one delete.
/// </summary>
public sealed partial class WorkLeases(
    WorkClaims claims,
    HeldMessages heldMessages,
    IngestQueues queues,
    HostIdentity self,
    IOptions<LivenessOptions> options,
    TimeProvider time,
    ILogger<WorkLeases> logger)
{
    /// <summary>
    /// Runs <paramref name="work"/> with its message listed in this host's beat and, when <paramref name="key"/> is
    /// given, under a claim of that work. When a running host holds the work under another message, returns the
    /// <see cref="ArticleOutcomeKind.Duplicate"/> outcome (null for work that is not one article) without running it;
    /// when it holds it under this very message (its lease ran out and the message came back), throws a transient
    /// <see cref="WorkInProgressException"/> so it is tried again later.
    /// </summary>
    public async Task<ArticleOutcome?> RunAsync(QueueDelivery delivery, WorkKey? key, Func<CancellationToken, Task<ArticleOutcome?>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        ArgumentNullException.ThrowIfNull(work);
        if (key is null)
        {
            return await HoldAsync(delivery, work, cancellationToken);
        }

        using var hold = await heldMessages.HoldAsync(delivery, cancellationToken);
        var claim = await ClaimAsync(delivery, key, cancellationToken);
        if (claim.Held is { } held)
        {
            var detail = string.Create(CultureInfo.InvariantCulture, $"being handled by host {held.Claim.HostId} ({claim.HolderState}) under message {held.Claim.MessageId} since {held.Claim.Since:u}; this copy is dropped");
            return key.ArticleId is null ? null : new ArticleOutcome(ArticleOutcomeKind.Duplicate, key.ArticleId, key.Url ?? key.ArticleId, detail, Source: key.Source);
        }

        try
        {
            return await work(cancellationToken);
        }
        finally
        {
            await RemoveBestEffortAsync(claim.Mine!);
        }
    }

    /// <summary>Runs <paramref name="work"/> with its message listed in this host's beat, unclaimed (work that may run twice).</summary>
    public async Task<T> HoldAsync<T>(QueueDelivery delivery, Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        ArgumentNullException.ThrowIfNull(work);
        using var hold = await heldMessages.HoldAsync(delivery, cancellationToken);
        return await work(cancellationToken);
    }

    /// <summary>
    /// Hands the messages of stopped hosts back to their queues, removes their beats and claims, and reports what
    /// running hosts hold. Safe on any number of hosts at once: a beat or claim is removed only at the version read.
    /// </summary>
    public async Task<SweepReport> SweepAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var states = new Dictionary<string, HolderState>(StringComparer.Ordinal);
        var held = new Dictionary<string, (int Count, string State)>(StringComparer.Ordinal);
        var (released, notReleased) = (0, 0);
        foreach (var stored in await claims.ListBeatsAsync(cancellationToken))
        {
            var beat = stored.Beat;
            var state = beat.HostId == self.HostId ? new HolderState(true, "this host") : Judge(beat, beat.LastBeat, now);
            states[beat.HostId] = state;
            if (state.Running)
            {
                held[beat.HostId] = (beat.InHand?.Count ?? 0, state.Description);
                continue;
            }

            var (r, n) = (0, 0);
            foreach (var message in beat.InHand ?? [])
            {
                var back = await queues.ReleaseAsync(message.Queue, message.MessageId, message.PopReceipt, cancellationToken);
                (r, n) = back ? (r + 1, n) : (r, n + 1);
            }

            await claims.RemoveBeatAsync(stored, cancellationToken);
            (released, notReleased) = (released + r, notReleased + n);
            if (r + n > 0)
            {
                Log.Released(logger, beat.HostId, state.Description, r, n);
            }
        }

        // Claims of hosts that stopped (their messages were handed back above, or their lease is over): remove them.
        foreach (var stored in await claims.ListAsync(cancellationToken))
        {
            var claim = stored.Claim;
            var state = states.GetValueOrDefault(claim.HostId) ?? Judge(null, claim.Since, now);
            if (!state.Running || now - claim.Since >= LivenessOptions.MaxHold)
            {
                await claims.RemoveAsync(stored, cancellationToken);
            }
        }

        return new SweepReport(released, notReleased, held);
    }

    /// <summary>Whether the host of a claim is running, judged from its beat.</summary>
    public async Task<HolderState> JudgeAsync(WorkClaim claim, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        return claim.HostId == self.HostId
            ? new HolderState(true, "this host")
            : Judge(await claims.GetBeatAsync(claim.HostId, cancellationToken), claim.Since, now);
    }

    // A host with no beat is taken for stopped once what it holds is older than StaleAfter (it beats before it works).
    private HolderState Judge(HostBeat? beat, DateTimeOffset since, DateTimeOffset now)
    {
        var stale = options.Value.StaleAfter;
        if (beat is null)
        {
            return now - since > stale
                ? new HolderState(false, "stopped: no beat")
                : new HolderState(true, "starting: no beat yet");
        }

        if (self.IsGoneFromThisMachine(beat))
        {
            return new HolderState(false, string.Create(CultureInfo.InvariantCulture, $"stopped: process {beat.ProcessId} on this machine is not running"));
        }

        var age = now - beat.LastBeat;
        return age > stale
            ? new HolderState(false, string.Create(CultureInfo.InvariantCulture, $"stopped: no beat since {beat.LastBeat:u}"))
            : new HolderState(true, string.Create(CultureInfo.InvariantCulture, $"running, last beat {Math.Max(0, age.TotalSeconds):0} s ago"));
    }

    private async Task<(StoredClaim? Mine, StoredClaim? Held, string? HolderState)> ClaimAsync(QueueDelivery delivery, WorkKey key, CancellationToken cancellationToken)
    {
        var mine = new WorkClaim(key.Name, self.HostId, delivery.Queue, delivery.MessageId, delivery.PopReceipt, time.GetUtcNow());
        for (var attempt = 0; attempt < 4; attempt++)
        {
            var (created, existing) = await claims.TryCreateAsync(mine, cancellationToken);
            if (created)
            {
                return (existing, null, null);
            }

            if (existing is null)
            {
                continue; // Removed between our write and our read: try again.
            }

            var other = existing.Claim;
            var now = time.GetUtcNow();
            var state = await JudgeAsync(other, now, cancellationToken);
            if (state.Running && now - other.Since < LivenessOptions.MaxHold)
            {
                if (other.MessageId == delivery.MessageId && other.Queue == delivery.Queue)
                {
                    throw new WorkInProgressException($"this message is still being handled by host {other.HostId} ({state.Description}) since {other.Since:u}: its lease ran out meanwhile; tried again later");
                }

                return (null, existing, state.Description);
            }

            // Its host stopped (or the claim outlived any lease): the work is ours. The stopped host's message, if it
            // is another copy, goes back to its queue now and will find this claim, or the work done.
            if (await claims.TryReplaceAsync(existing, mine, cancellationToken) is { } taken)
            {
                if (other.MessageId != delivery.MessageId && other.PopReceipt is not null)
                {
                    await queues.ReleaseAsync(other.Queue, other.MessageId, other.PopReceipt, cancellationToken);
                }

                Log.TookOver(logger, key.Name, other.HostId, state.Description);
                return (taken, null, null);
            }
        }

        throw new WorkInProgressException($"could not claim '{key.Name}': its claim kept changing; tried again later");
    }

    // Removed even when the host is stopping (the work ended either way).
    private async Task RemoveBestEffortAsync(StoredClaim claim)
    {
        try
        {
            await claims.RemoveAsync(claim, CancellationToken.None);
        }
        catch (RequestFailedException ex)
        {
            // It outlives the work until a sweep finds it (a running host's claim is over after MaxHold).
            Log.ClaimNotRemoved(logger, claim.Claim.Key, ex.Message.ReplaceLineEndings(" "));
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 5101, Level = LogLevel.Warning, Message = "Host {HostId} {State}: handed {Released} of its leased message(s) back to the queue now; {NotReleased} were handled or re-leased meanwhile")]
        public static partial void Released(ILogger logger, string hostId, string state, int released, int notReleased);

        [LoggerMessage(EventId = 5102, Level = LogLevel.Information, Message = "Took over '{Key}' from host {HostId} ({State})")]
        public static partial void TookOver(ILogger logger, string key, string hostId, string state);

        [LoggerMessage(EventId = 5103, Level = LogLevel.Warning, Message = "The claim of '{Key}' could not be removed; it lapses by itself: {Reason}")]
        public static partial void ClaimNotRemoved(ILogger logger, string key, string reason);
    }
}

/// <summary>The work of a message is being done by a running host right now: a transient failure, tried again later.</summary>
public sealed class WorkInProgressException(string message) : Exception(message);
