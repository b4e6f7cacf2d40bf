using Azure.Storage.Queues;
using Ingest.Messages;
using Ingest.Pipeline;
using Ingest.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Ingest.IntegrationTests;

/// <summary>
/// Claims and beats against a real Azurite: copies of one piece of work meet, and the messages of a host that
/// stopped go back to their queue as soon as that is known, instead of after the queue extension's 10-minute lease.
/// Other hosts are played by beats and claims written as another host would write them.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class WorkLeasesTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string OtherMachine = "another-machine";

    public ValueTask InitializeAsync() => azurite.ResetAsync(TestContext.Current.CancellationToken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Timeout = TestTimeouts.Storage)]
    public async Task Run_WorkHeldByARunningHostUnderAnotherMessage_IsDroppedAsADuplicateWithoutRunning()
    {
        var (leases, claims) = Create();
        await claims.BeatAsync(new HostBeat("other-1", OtherMachine, 42, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow), Ct);
        await claims.TryCreateAsync(new WorkClaim("ingest-requests/a_1", "other-1", "ingest-requests", "m-1", "r-1", DateTimeOffset.UtcNow), Ct);
        var ran = false;

        var outcome = await leases.RunAsync(Delivery("m-2"), new WorkKey("ingest-requests/a_1", "a_1", "https://a.example/1"), _ => { ran = true; return Task.FromResult<ArticleOutcome?>(null); }, Ct);

        Assert.False(ran);
        Assert.Equal(ArticleOutcomeKind.Duplicate, outcome!.Kind);
        Assert.Contains("being handled by host other-1 (running, last beat", outcome.Detail, StringComparison.Ordinal);
        Assert.Single(await claims.ListAsync(Ct));
    }

    [Fact(Timeout = TestTimeouts.Storage)]
    public async Task Run_SameMessageStillHeldByARunningHost_IsTransientSoItIsTriedAgainLater()
    {
        var (leases, claims) = Create();
        await claims.BeatAsync(new HostBeat("other-1", OtherMachine, 42, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow), Ct);
        await claims.TryCreateAsync(new WorkClaim("ingest-requests/a_1", "other-1", "ingest-requests", "m-1", "r-1", DateTimeOffset.UtcNow), Ct);

        var thrown = await Assert.ThrowsAsync<WorkInProgressException>(() =>
            leases.RunAsync(Delivery("m-1"), new WorkKey("ingest-requests/a_1", "a_1"), _ => Task.FromResult<ArticleOutcome?>(null), Ct));

        Assert.True(TriggerHandler.IsTransient(thrown));
    }

    [Fact(Timeout = TestTimeouts.Storage)]
    public async Task Run_ClaimOfAHostThatStoppedBeating_IsTakenOverAndItsMessageHandedBack()
    {
        var (leases, claims) = Create();
        var queue = await QueueAsync();
        await queue.SendMessageAsync("copy held by the stopped host", cancellationToken: Ct);
        var leased = (await queue.ReceiveMessageAsync(TimeSpan.FromMinutes(10), Ct)).Value;
        await claims.BeatAsync(new HostBeat("gone-1", OtherMachine, 42, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddMinutes(-2)), Ct);
        await claims.TryCreateAsync(new WorkClaim("ingest-requests/a_1", "gone-1", QueueNames.IngestRequests, leased.MessageId, leased.PopReceipt, DateTimeOffset.UtcNow.AddMinutes(-2)), Ct);
        var claimDuringWork = (WorkClaim?)null;

        var outcome = await leases.RunAsync(Delivery("m-9"), new WorkKey("ingest-requests/a_1", "a_1"), async ct =>
        {
            claimDuringWork = Assert.Single(await claims.ListAsync(ct)).Claim;
            return null;
        }, Ct);

        Assert.Null(outcome);
        Assert.Equal("m-9", claimDuringWork!.MessageId);
        Assert.Empty(await claims.ListAsync(Ct));
        var back = Assert.Single((await queue.PeekMessagesAsync(10, Ct)).Value);
        Assert.Equal(leased.MessageId, back.MessageId);
    }

    [Fact(Timeout = TestTimeouts.Storage)]
    public async Task Sweep_HostWhoseProcessIsGoneFromThisMachine_ItsMessagesAreVisibleAtOnce()
    {
        var (leases, claims) = Create();
        var queue = await QueueAsync();
        for (var i = 0; i < 3; i++)
        {
            await queue.SendMessageAsync($"work {i}", cancellationToken: Ct);
        }

        // A process of this machine that has exited; its beat is fresh (it died a moment ago). Its start time is read
        // while it runs: a process that already ended ('true' often has, by then) has none to read.
        using var exited = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("sleep", "60") { UseShellExecute = false })!;
        var started = new DateTimeOffset(exited.StartTime.ToUniversalTime(), TimeSpan.Zero);
        exited.Kill();
        await exited.WaitForExitAsync(Ct);
        var leased = (await queue.ReceiveMessagesAsync(3, TimeSpan.FromMinutes(10), Ct)).Value;
        await claims.BeatAsync(new HostBeat("dead-1", Environment.MachineName, exited.Id, started, DateTimeOffset.UtcNow,
            [.. leased.Select(m => new LeasedMessage(QueueNames.IngestRequests, m.MessageId, m.PopReceipt, DateTimeOffset.UtcNow))]), Ct);
        Assert.Empty((await queue.PeekMessagesAsync(10, Ct)).Value);

        var report = await leases.SweepAsync(Ct);

        Assert.Equal(3, report.Released);
        Assert.Equal(3, (await queue.PeekMessagesAsync(10, Ct)).Value.Length);
        Assert.Null(await claims.GetBeatAsync("dead-1", Ct));
    }

    [Fact(Timeout = TestTimeouts.Storage)]
    public async Task Sweep_RunningHostsMessages_AreLeftAndReportedWithTheirHost()
    {
        var (leases, claims) = Create();
        LeasedMessage[] inHand = [new(QueueNames.IngestRequests, "m-1", "r-1", DateTimeOffset.UtcNow), new(QueueNames.ReparseRequests, "m-2", "r-2", DateTimeOffset.UtcNow)];
        await claims.BeatAsync(new HostBeat("busy-1", OtherMachine, 7, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow, inHand), Ct);
        await claims.TryCreateAsync(new WorkClaim("ingest-requests/a_1", "busy-1", QueueNames.IngestRequests, "m-1", "r-1", DateTimeOffset.UtcNow), Ct);

        var report = await leases.SweepAsync(Ct);

        Assert.Equal(0, report.Released);
        var (count, state) = Assert.Single(report.Held).Value;
        Assert.Equal(2, count);
        Assert.StartsWith("running", state, StringComparison.Ordinal);
        Assert.Single(await claims.ListAsync(Ct));
        Assert.NotNull(await claims.GetBeatAsync("busy-1", Ct));
    }

    [Fact(Timeout = TestTimeouts.Storage)]
    public async Task Sweep_LeaseRenewedBeforeTheHostStopped_IsNotReleasedButItsBeatAndClaimAreCleared()
    {
        var (leases, claims) = Create();
        var queue = await QueueAsync();
        await queue.SendMessageAsync("renewed", cancellationToken: Ct);
        var leased = (await queue.ReceiveMessageAsync(TimeSpan.FromMinutes(10), Ct)).Value;
        await queue.UpdateMessageAsync(leased.MessageId, leased.PopReceipt, visibilityTimeout: TimeSpan.FromMinutes(10), cancellationToken: Ct);
        await claims.BeatAsync(new HostBeat("gone-2", OtherMachine, 42, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddMinutes(-5),
            [new LeasedMessage(QueueNames.IngestRequests, leased.MessageId, leased.PopReceipt, DateTimeOffset.UtcNow.AddMinutes(-6))]), Ct);
        await claims.TryCreateAsync(new WorkClaim("ingest-requests/a_1", "gone-2", QueueNames.IngestRequests, leased.MessageId, leased.PopReceipt, DateTimeOffset.UtcNow.AddMinutes(-6)), Ct);

        var report = await leases.SweepAsync(Ct);

        Assert.Equal((0, 1), (report.Released, report.NotReleased));
        Assert.Empty((await queue.PeekMessagesAsync(10, Ct)).Value);
        Assert.Empty(await claims.ListAsync(Ct));
        Assert.Null(await claims.GetBeatAsync("gone-2", Ct));
    }

    [Fact(Timeout = TestTimeouts.Storage)]
    public async Task Run_WorkFails_ClaimIsRemovedSoARetryCanClaimIt()
    {
        var (leases, claims) = Create();

        await Assert.ThrowsAsync<TimeoutException>(() =>
            leases.RunAsync(Delivery("m-1"), new WorkKey("ingest-requests/a_1", "a_1"), _ => throw new TimeoutException("site too slow"), Ct));

        Assert.Empty(await claims.ListAsync(Ct));
    }

    [Fact(Timeout = TestTimeouts.Storage)]
    public async Task Run_TheMessageIsInThisHostsBeatBeforeItsWorkBegins_AndLeftOutOfTheNextBeatAfter()
    {
        var self = new HostIdentity();
        var (leases, claims) = Create(self);
        var duringWork = (HostBeat?)null;

        await leases.RunAsync(Delivery("m-1"), key: null, async ct =>
        {
            duringWork = await claims.GetBeatAsync(self.HostId, ct);
            return null;
        }, Ct);
        var held = new HeldMessages(claims, self, TimeProvider.System);
        await held.BeatAsync(Ct);

        var listed = Assert.Single(duringWork!.InHand!);
        Assert.Equal(("m-1", "receipt-m-1"), (listed.MessageId, listed.PopReceipt));
        Assert.Empty((await claims.GetBeatAsync(self.HostId, Ct))!.InHand!);
        Assert.Empty(await claims.ListAsync(Ct));
    }

    [Fact(Timeout = TestTimeouts.Storage)]
    public async Task Run_ManyMessagesAtOnce_EachIsListedBeforeItsWorkBegins()
    {
        var self = new HostIdentity();
        var (leases, claims) = Create(self);
        var missing = 0;

        await Task.WhenAll(Enumerable.Range(0, 16).Select(i => leases.RunAsync(Delivery($"m-{i}"), key: null, async ct =>
        {
            var beat = await claims.GetBeatAsync(self.HostId, ct);
            if (beat?.InHand?.Any(m => m.MessageId == $"m-{i}") != true)
            {
                Interlocked.Increment(ref missing);
            }

            return null;
        }, Ct)));

        Assert.Equal(0, missing);
    }

    private (WorkLeases Leases, WorkClaims Claims) Create() => Create(new HostIdentity());

    private (WorkLeases Leases, WorkClaims Claims) Create(HostIdentity self)
    {
        var claims = new WorkClaims(azurite.Blobs);
        var leases = new WorkLeases(claims, new HeldMessages(claims, self, TimeProvider.System), new IngestQueues(azurite.Queues), self, Options.Create(new LivenessOptions()), TimeProvider.System, NullLogger<WorkLeases>.Instance);
        return (leases, claims);
    }

    private async Task<QueueClient> QueueAsync()
    {
        var queue = azurite.Queues.GetQueueClient(QueueNames.IngestRequests);
        await queue.CreateIfNotExistsAsync(cancellationToken: Ct);
        return queue;
    }

    private static QueueDelivery Delivery(string messageId) => new(QueueNames.IngestRequests, messageId, "{}", 1, "receipt-" + messageId);
}
