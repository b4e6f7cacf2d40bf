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
/// <param name="NotReleased">Claims of stopped hosts whose message was gone or re-leased (it comes back when that lease ends).</param>
/// <param name="Held">Claims of running hosts, by host: what is being worked on now.</param>
public sealed record SweepReport(int Released, int NotReleased, IReadOnlyDictionary<string, (int Count, string State)> Held);

/// <summary>
/// Claims each piece of work before it is done, so that (1) two copies of one piece of work handled at the same
/// moment, on one host or two, cost one fetch: the second finds the first's claim, and is dropped as a duplicate
/// (the first's own message is retried if its work fails); and (2) a host that dies leaves, beside its leased
/// messages, the claims that name them with their pop receipts: a survivor that knows the host stopped (see
/// <see cref="LivenessOptions"/>) hands them back to the queue at once instead of after the queue extension's
/// 10-minute lease. Cost: one conditional write before the work and one delete after it.
/// </summary>
public sealed partial class WorkLeases(
    WorkClaims claims,
    IngestQueues queues,
    HostIdentity self,
    IOptions<LivenessOptions> options,
    TimeProvider time,
    ILogger<WorkLeases> logger)
{
    /// <summary>
    /// Runs <paramref name="work"/> under a claim of <paramref name="key"/>. When a running host holds the work under
    /// another message, returns the <see cref="ArticleOutcomeKind.Duplicate"/> outcome (null for work that is not one
    /// article) without running it; when it holds it under this very message (its lease ran out and the message came
    /// back), throws a transient <see cref="WorkInProgressException"/> so it is tried again later.
    /// </summary>
    public async Task<ArticleOutcome?> RunAsync(QueueDelivery delivery, WorkKey key, Func<CancellationToken, Task<ArticleOutcome?>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(work);
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

    /// <summary>
    /// Hands the messages of stopped hosts back to their queues and removes their claims; reports what running hosts
    /// hold. Safe on any number of hosts at once: a claim is removed only at the version that was read.
    /// </summary>
    public async Task<SweepReport> SweepAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var states = new Dictionary<string, HolderState>(StringComparer.Ordinal);
        var released = 0;
        var notReleased = 0;
        var held = new Dictionary<string, (int Count, string State)>(StringComparer.Ordinal);
        var releasedByHost = new Dictionary<string, (int Released, int NotReleased, string State)>(StringComparer.Ordinal);
        foreach (var stored in await claims.ListAsync(cancellationToken))
        {
            var claim = stored.Claim;
            if (!states.TryGetValue(claim.HostId, out var state))
            {
                state = await JudgeAsync(claim, now, cancellationToken);
                states[claim.HostId] = state;
            }

            if (state.Running && now - claim.Since < LivenessOptions.MaxHold)
            {
                held[claim.HostId] = (held.GetValueOrDefault(claim.HostId).Count + 1, state.Description);
                continue;
            }

            var back = claim.PopReceipt is not null && await queues.ReleaseAsync(claim.Queue, claim.MessageId, claim.PopReceipt, cancellationToken);
            await claims.RemoveAsync(stored, cancellationToken);
            var (r, n, _) = releasedByHost.GetValueOrDefault(claim.HostId);
            releasedByHost[claim.HostId] = back ? (r + 1, n, state.Description) : (r, n + 1, state.Description);
            released += back ? 1 : 0;
            notReleased += back ? 0 : 1;
        }

        foreach (var (host, (r, n, state)) in releasedByHost)
        {
            Log.Released(logger, host, state, r, n);
        }

        return new SweepReport(released, notReleased, held);
    }

    /// <summary>Whether the host of a claim is running, judged from its beat.</summary>
    public async Task<HolderState> JudgeAsync(WorkClaim claim, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        if (claim.HostId == self.HostId)
        {
            return new HolderState(true, "this host");
        }

        var beat = await claims.GetBeatAsync(claim.HostId, cancellationToken);
        var stale = options.Value.StaleAfter;
        if (beat is null)
        {
            return now - claim.Since > stale
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
