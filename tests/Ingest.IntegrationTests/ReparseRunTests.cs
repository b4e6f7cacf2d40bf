using Ingest.Cli.Hosting;
using Ingest.Extraction;
using Ingest.Messages;
using Ingest.Records;
using Ingest.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ingest.IntegrationTests;

/// <summary>Re-parse runs over hundreds of stored pages, by queue message, against a real Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed partial class ReparseRunTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const int Articles = 300;

    public ValueTask InitializeAsync() => azurite.ResetAsync(TestContext.Current.CancellationToken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact(Timeout = TestTimeouts.LongRun)]
    public async Task ReparseAll_Twice_FirstRunChangesEveryArticleOnceSecondChangesNothing()
    {
        var store = new ArticleStore(azurite.Blobs);
        var ids = await ArchiveSeed.StoreAsync(azurite.Blobs, Articles, cancellationToken: TestContext.Current.CancellationToken);

        var first = await RunAsync(new ReparseRequest(All: true));
        var second = await RunAsync(new ReparseRequest(All: true));

        Assert.True(first.Status.Complete, Describe(first.Status));
        Assert.Equal(Articles, first.Status.Queued);
        Assert.Equal(Articles, first.Status.Outcomes.GetValueOrDefault("changed"));
        Assert.True(second.Status.Complete, Describe(second.Status));
        Assert.Equal(Articles, second.Status.Outcomes.GetValueOrDefault("unchanged"));
        Assert.Equal(0, second.Status.Outcomes.GetValueOrDefault("changed"));
        foreach (var id in ids.Take(25))
        {
            Assert.Equal([1, 2], await store.ListRevisionsAsync(id, TestContext.Current.CancellationToken));
            var current = (await store.GetCurrentAsync(id, TestContext.Current.CancellationToken))!;
            Assert.Equal(RevisionReason.Reparse, current.Record.Provenance.Reason);
            Assert.Equal(ArticleExtractor.Version, current.Record.ParserVersion);
            Assert.StartsWith("Column number", current.Record.Article.Title, StringComparison.Ordinal);
        }
    }

    [Fact(Timeout = TestTimeouts.LongRun)]
    public async Task ShowHistoryAndDiff_AfterAReparse_NameTheRevisionsAndTheFieldsThatChanged()
    {
        var ids = await ArchiveSeed.StoreAsync(azurite.Blobs, 3, cancellationToken: TestContext.Current.CancellationToken);
        await RunAsync(new ReparseRequest(All: true));
        var id = ids[0].ToString();

        await using var history = HostProcess.StartCommand(Settings(), ["show", id, "--history"]);
        await history.WaitForExitAsync(TestContext.Current.CancellationToken);
        await using var diff = HostProcess.StartCommand(Settings(), ["show", id, "--diff", "1", "2"]);
        await diff.WaitForExitAsync(TestContext.Current.CancellationToken);
        await using var list = HostProcess.StartCommand(Settings(), ["list"]);
        await list.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.True(history.ExitCode == 0, history.Output);
        var lines = history.StandardOutput.Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.Matches(@"^\s+1  FirstFetch .* \(first\)$", lines[1]);
        Assert.Matches($@"^\s+2  Reparse .* {System.Text.RegularExpressions.Regex.Escape(Ingest.Extraction.ArticleExtractor.Version)} .*title", lines[2]);
        Assert.True(diff.ExitCode == 0, diff.Output);
        Assert.Contains("title:", diff.StandardOutput, StringComparison.Ordinal);
        Assert.Matches(@"\+ 2: ""Column number", diff.StandardOutput);
        Assert.True(list.ExitCode == 0, list.Output);
        Assert.Equal(3, list.StandardOutput.Split('\n').Count(l => l.Contains(" rev 2  Column number", StringComparison.Ordinal)));
    }

    [Fact(Timeout = TestTimeouts.LongRun)]
    public async Task ReparseSiteAndDays_OnlyThoseArticles()
    {
        var store = new ArticleStore(azurite.Blobs);
        await ArchiveSeed.StoreAsync(azurite.Blobs, 40, site: "a.example", days: 10, cancellationToken: TestContext.Current.CancellationToken);
        await ArchiveSeed.StoreAsync(azurite.Blobs, 20, site: "b.example", days: 10, cancellationToken: TestContext.Current.CancellationToken);

        var run = await RunAsync(new ReparseRequest(Site: "a.example", Since: new DateOnly(2025, 9, 3), Until: new DateOnly(2025, 9, 4)));

        // Days 3 and 4 of September of a.example: articles i with i % 10 in {2, 3}, 8 of 40.
        Assert.True(run.Status.Complete, Describe(run.Status));
        Assert.Equal(8, run.Status.Queued);
        Assert.Equal(8, run.Status.Outcomes.GetValueOrDefault("changed"));
    }

    [Fact(Timeout = TestTimeouts.LongRun)]
    public async Task TwoHostProcesses_ConsumeOneRunConcurrently_EachArticleGetsExactlyOneNewRevision()
    {
        var store = new ArticleStore(azurite.Blobs);
        var ids = await ArchiveSeed.StoreAsync(azurite.Blobs, Articles, cancellationToken: TestContext.Current.CancellationToken);
        var runId = await StartAsync(new ReparseRequest(All: true));

        // Two real processes of the local host, each draining the same queue until it is empty.
        await using var first = StartHostProcess();
        await using var second = StartHostProcess();
        HostProcess[] hosts = [first, second];
        await Task.WhenAll(hosts.Select(h => h.WaitForExitAsync(TestContext.Current.CancellationToken)));
        var outputs = hosts.Select(h => h.Output).ToList();

        var status = (await new RunStore(azurite.Blobs).GetStatusAsync(runId, TestContext.Current.CancellationToken))!;
        Assert.All(hosts, h => Assert.Equal(0, h.ExitCode));
        Assert.True(status.Complete, Describe(status) + string.Join("\n---\n", outputs));
        Assert.Equal(Articles, status.Outcomes.GetValueOrDefault("changed"));
        Assert.All(outputs, o => Assert.Matches(@"re-parsed\s+[1-9]", o));
        foreach (var id in ids)
        {
            Assert.Equal([1, 2], await store.ListRevisionsAsync(id, TestContext.Current.CancellationToken));
        }
    }

    [Fact(Timeout = TestTimeouts.LongRun)]
    public async Task HostKilledInTheMiddleOfAReparseOfEverything_AfterRestartTheRunCompletesEachArticleOnce()
    {
        await using var storage = new PersistentAzurite();
        await storage.StartAsync(TestContext.Current.CancellationToken);
        var blobs = new Azure.Storage.Blobs.BlobServiceClient(storage.ConnectionString);
        var store = new ArticleStore(blobs);
        var runs = new RunStore(blobs);
        var ids = await ArchiveSeed.StoreAsync(blobs, Articles, cancellationToken: TestContext.Current.CancellationToken);
        var runId = RunStore.NewRunId(TimeProvider.System);
        await runs.StartAsync(runId, new ReparseRequest(All: true, RunId: runId), DateTimeOffset.UtcNow, TestContext.Current.CancellationToken);
        var queues = new Azure.Storage.Queues.QueueServiceClient(storage.ConnectionString, new Azure.Storage.Queues.QueueClientOptions { MessageEncoding = Azure.Storage.Queues.QueueMessageEncoding.Base64 });
        await new IngestQueues(queues).SendAsync(new ReparseRequest(All: true, RunId: runId), TestContext.Current.CancellationToken);

        // Killed (SIGKILL, no goodbye) once some but not all of the work is done.
        await using var host = StartHostProcess(storage.ConnectionString);
        RunStatus? before = null;
        var deadline = DateTimeOffset.UtcNow.AddMinutes(3);
        while (DateTimeOffset.UtcNow < deadline && (before?.Done ?? 0) < 60)
        {
            await Task.Delay(200, TestContext.Current.CancellationToken);
            before = await runs.GetStatusAsync(runId, TestContext.Current.CancellationToken);
        }

        await host.KillAsync();
        before = await runs.GetStatusAsync(runId, TestContext.Current.CancellationToken);
        Assert.False(before!.Complete, "the host finished before it could be killed: " + Describe(before));

        // The messages it held stay leased for the queue extension's 10 minutes. The new host sees that their host's
        // process is gone and hands back at once every message listed in its beat. A message the killed host's queue
        // listener had received but not yet listed (the few milliseconds before its beat is written) has no known
        // pop receipt and waits out its lease: the new host says so; for those only, the lease is expired by hand.
        var restarted = System.Diagnostics.Stopwatch.StartNew();
        await using var again = HostProcess.StartCommand(Settings(storage.ConnectionString), ["run", "--once", "--skip-discovery", "--timeout", "60"]);
        await again.WaitForExitAsync(TestContext.Current.CancellationToken);
        var took = restarted.Elapsed;
        var output = again.Output;
        var handedBack = HandedBack().Match(output);
        Assert.True(handedBack.Success, output);
        var unlisted = 0;
        if (again.ExitCode == 2)
        {
            var waiting = Unlisted().Match(output);
            Assert.True(waiting.Success, "the new host stopped without saying what it waited for\n" + output);
            unlisted = int.Parse(waiting.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(unlisted, 1, 8);
            await storage.RestartAsync(expireLeases: true, TestContext.Current.CancellationToken);
            await using var third = StartHostProcess(storage.ConnectionString);
            await third.WaitForExitAsync(TestContext.Current.CancellationToken);
            output += "\n" + third.Output;
            Assert.True(third.ExitCode == 0, output);
        }
        else
        {
            Assert.True(again.ExitCode == 0, output);
        }

        TestContext.Current.SendDiagnosticMessage($"kill -9 mid re-parse of {Articles} (done before the kill {before.Done}): the restarted host handed back {handedBack.Groups[1].Value} listed message(s) at once and {(unlisted == 0 ? $"finished the run in {took.TotalSeconds:0.0} s" : $"ran out of its 60 s with {unlisted} unlisted message(s) still leased")}");
        var after = (await runs.GetStatusAsync(runId, TestContext.Current.CancellationToken))!;
        Assert.True(after.Complete, Describe(after) + "\n" + output);
        Assert.Equal(Articles, after.Queued);
        Assert.Equal(Articles, after.Outcomes.GetValueOrDefault("changed"));
        foreach (var id in ids)
        {
            Assert.Equal([1, 2], await store.ListRevisionsAsync(id, TestContext.Current.CancellationToken));
        }

        Assert.Equal(0, (await queues.GetQueueClient(QueueNames.ReparseRequests).GetPropertiesAsync(TestContext.Current.CancellationToken)).Value.ApproximateMessagesCount);
        Assert.Equal(0, (await queues.GetQueueClient(QueueNames.PoisonOf(QueueNames.ReparseRequests)).GetPropertiesAsync(TestContext.Current.CancellationToken)).Value.ApproximateMessagesCount);
    }

    [Fact(Timeout = TestTimeouts.Storage)]
    public async Task ReparseWait_NoHostRunning_HandlesTheRunItselfAndFinishes()
    {
        var ids = await ArchiveSeed.StoreAsync(azurite.Blobs, 3, cancellationToken: TestContext.Current.CancellationToken);

        await using var command = HostProcess.StartCommand(Settings(), ["reparse", "--all", "--force", "--wait", "--timeout", "120"]);
        await command.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.True(command.ExitCode == 0, command.Output);
        Assert.Contains("No host is running: handling the run here", command.Output, StringComparison.Ordinal);
        Assert.Matches(@"run [0-9a-z-]+: complete: queued 3, re-parsed 3 \(changed 3\)", command.StandardOutput);
        foreach (var id in ids)
        {
            Assert.Equal([1, 2], await new ArticleStore(azurite.Blobs).ListRevisionsAsync(id, TestContext.Current.CancellationToken));
        }
    }

    [Fact(Timeout = TestTimeouts.Storage)]
    public async Task ReparseWait_HostRunningButNoProgress_SaysWhatItWaitsForAndStopsAtItsTimeout()
    {
        await ArchiveSeed.StoreAsync(azurite.Blobs, 3, cancellationToken: TestContext.Current.CancellationToken);

        // A host on another machine that beats (its beat dated 20 s ahead stays fresh for the whole test) but handles nothing.
        await new WorkClaims(azurite.Blobs).BeatAsync(new HostBeat("busy-host", "another-machine", 7, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddSeconds(20)), TestContext.Current.CancellationToken);

        await using var command = HostProcess.StartCommand(Settings(), ["reparse", "--all", "--wait", "--timeout", "8"]);
        await command.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.True(command.ExitCode == 2, command.Output);
        Assert.Matches(@"No progress for 4 s: 1 message\(s\) on reparse-requests; hosts running: busy-host \(last beat 0 s ago, 0 message\(s\) in hand\)\. Still waiting, up to --timeout \(\d+ s left\)\.", command.Output);
        Assert.Contains("not complete after 8 s; it goes on.", command.Output, StringComparison.Ordinal);
    }

    [Fact(Timeout = TestTimeouts.Storage)]
    public async Task ScopedRequestWithBadCursor_IsPoisonedWithTheReason()
    {
        await new IngestQueues(azurite.Queues).SendAsync(new ReparseRequest(All: true, Cursor: "9:zzz"), TestContext.Current.CancellationToken);

        var configuration = Configuration(maxDequeueCount: 1);
        using var output = new StringWriter();
        var result = await LocalRun.RunAsync(configuration, new RunSettings(Once: true, Discover: false, TimeSpan.FromSeconds(60), LogLevel.Warning), output, TestContext.Current.CancellationToken);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(result.Tally.Failures, f => f.Contains("'cursor' is not one this pipeline wrote", StringComparison.Ordinal));
    }

    [Fact(Timeout = TestTimeouts.Storage)]
    public async Task ArticleListMessage_OneArticleHasNoRecord_TheOthersAreReparsed_ItAloneGoesToPoisonWithItsReason()
    {
        var ct = TestContext.Current.CancellationToken;
        var ids = await ArchiveSeed.StoreAsync(azurite.Blobs, 3, cancellationToken: ct);
        var missing = ArticleId.FromCanonicalUrl(new Uri("https://seed.example/never-stored"));
        var listed = new[] { ids[0], missing, ids[1], ids[2] };
        var runs = new RunStore(azurite.Blobs);
        var runId = RunStore.NewRunId(TimeProvider.System);
        var request = new ReparseRequest(RunId: runId, ArticleIds: [.. listed.Select(id => id.ToString())]);
        await runs.StartAsync(runId, request, DateTimeOffset.UtcNow, ct);
        await runs.QueuedAsync(runId, listed, ct);
        await runs.ListedAsync(runId, ct);
        await new IngestQueues(azurite.Queues).SendAsync(request, ct);

        using var output = new StringWriter();
        var result = await LocalRun.RunAsync(Configuration(), new RunSettings(Once: true, Discover: false, TimeSpan.FromSeconds(60), LogLevel.Warning), output, ct);

        var status = (await runs.GetStatusAsync(runId, ct))!;
        Assert.True(status.Complete, Describe(status));
        Assert.Equal(3, status.Outcomes.GetValueOrDefault("changed"));
        Assert.Equal(1, status.Outcomes.GetValueOrDefault("failed"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains(result.Tally.Failures, f => f.Contains($"article '{missing}' has no stored record to re-parse", StringComparison.Ordinal));
        var poison = (await azurite.Queues.GetQueueClient(QueueNames.PoisonOf(QueueNames.ReparseRequests)).ReceiveMessagesAsync(10, cancellationToken: ct)).Value;
        var alone = MessageReader.ReadReparseRequest(Assert.Single(poison).Body.ToString());
        Assert.Equal(missing.ToString(), alone.ArticleId);
        Assert.Equal(runId, alone.RunId);
        foreach (var id in ids)
        {
            Assert.Equal([1, 2], await new ArticleStore(azurite.Blobs).ListRevisionsAsync(id, ct));
        }
    }

    [Fact(Timeout = TestTimeouts.Storage)]
    public async Task ArticleListMessage_Redelivered_SkipsTheArticlesItsRunCountsDone()
    {
        var ct = TestContext.Current.CancellationToken;
        var ids = await ArchiveSeed.StoreAsync(azurite.Blobs, 2, cancellationToken: ct);
        var runId = RunStore.NewRunId(TimeProvider.System);
        await new RunStore(azurite.Blobs).DoneAsync(runId, ids[0], "unchanged", ct);
        await using var services = new ServiceCollection().AddLogging().AddIngest(Configuration()).BuildServiceProvider();
        var reparser = services.GetRequiredService<Pipeline.ArticleReparser>();
        var request = new ReparseRequest(Force: true, RunId: runId, ArticleIds: [ids[0].ToString(), ids[1].ToString()]);

        var again = await reparser.HandleAsync(request, ct, redelivered: true);
        var store = new ArticleStore(azurite.Blobs);
        Assert.Equal(ids[1].ToString(), Assert.Single(again).ArticleId);
        Assert.Equal([1], await store.ListRevisionsAsync(ids[0], ct));

        // A first delivery does not ask: the run's marks are only looked at for a message that came back.
        var first = await reparser.HandleAsync(request with { RunId = RunStore.NewRunId(TimeProvider.System) }, ct);
        Assert.Equal(2, first.Count);
        Assert.Equal([1, 2], await store.ListRevisionsAsync(ids[0], ct));
    }

    private async Task<string> StartAsync(ReparseRequest request)
    {
        var runId = RunStore.NewRunId(TimeProvider.System);
        await new RunStore(azurite.Blobs).StartAsync(runId, request with { RunId = runId }, DateTimeOffset.UtcNow, TestContext.Current.CancellationToken);
        await new IngestQueues(azurite.Queues).SendAsync(request with { RunId = runId }, TestContext.Current.CancellationToken);
        return runId;
    }

    private async Task<(RunResult Result, RunStatus Status)> RunAsync(ReparseRequest request)
    {
        var runId = await StartAsync(request);
        using var output = new StringWriter();
        var result = await LocalRun.RunAsync(Configuration(), new RunSettings(Once: true, Discover: false, TimeSpan.FromSeconds(300), LogLevel.Warning), output, TestContext.Current.CancellationToken);
        Assert.True(result.ExitCode == 0, output.ToString());
        return (result, (await new RunStore(azurite.Blobs).GetStatusAsync(runId, TestContext.Current.CancellationToken))!);
    }

    private Microsoft.Extensions.Configuration.IConfiguration Configuration(int maxDequeueCount = 5) =>
        CliConfiguration.Build(overrides: Settings(maxDequeueCount));

    private Dictionary<string, string?> Settings(int maxDequeueCount = 5) => new()
    {
        [StorageClients.ConnectionName] = azurite.ConnectionString,
        ["AzureWebJobsStorage"] = azurite.ConnectionString,
        ["IngestSchedule"] = TestSchedule.Discovery,
        ["Ingest:Fetching:Contact"] = "tests@example.org",
        ["AzureFunctionsJobHost:extensions:queues:maxDequeueCount"] = maxDequeueCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private HostProcess StartHostProcess(string? connectionString = null) => HostProcess.Start(Settings(connectionString), discover: false);

    private Dictionary<string, string?> Settings(string? connectionString)
    {
        var settings = Settings();
        if (connectionString is not null)
        {
            settings[StorageClients.ConnectionName] = connectionString;
            settings["AzureWebJobsStorage"] = connectionString;
        }

        return settings;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"handed (\d+) of its leased message\(s\) back to the queue now")]
    private static partial System.Text.RegularExpressions.Regex HandedBack();

    [System.Text.RegularExpressions.GeneratedRegex(@"(\d+) listed by no running host")]
    private static partial System.Text.RegularExpressions.Regex Unlisted();

    private static string Describe(RunStatus status) =>
        $"listed {status.Listed}, queued {status.Queued}, done {string.Join(", ", status.Outcomes.Select(o => $"{o.Key} {o.Value}"))}";
}
