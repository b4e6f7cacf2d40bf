using System.Text;
using Azure.Storage.Queues;
using Ingest.Messages;
using Ingest.Records;
using Ingest.Storage;

namespace Ingest.IntegrationTests;

/// <summary>
/// Messages that can never succeed, put straight on the queues as a foreign producer would, against a real Azurite
/// and the local host as a child process: each ends in its poison queue after one try, with its reason kept and
/// shown by <c>ingest poison list</c>, in little log, and nothing stored changes.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class BadMessagesTests(AzuriteFixture azurite) : IAsyncLifetime
{
    public ValueTask InitializeAsync() => azurite.ResetAsync(TestContext.Current.CancellationToken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact(Timeout = TestTimeouts.Storage)]
    public async Task SixBadMessages_EndInPoisonAfterOneTry_WithTheirReasons_QuietlyAndWithoutChangingTheArchive()
    {
        var ct = TestContext.Current.CancellationToken;
        await ArchiveSeed.StoreAsync(azurite.Blobs, 3, cancellationToken: ct);
        var before = await ListArchiveAsync(ct);
        var missing = ArticleId.FromCanonicalUrl(new Uri("https://seed.example/column/never-stored"));
        var ingest = new (string Body, string Reason)[]
        {
            ("{\"url\": \"https://seed.example/a\", ", "not a valid IngestRequest"),
            ("{\"url\":\"https://seed.example/a\",\"source\":\"asiae-en-columns\",\"colour\":\"red\"}", "colour"),
            ("{\"url\":\"https://seed.example/a\",\"source\":\"nosuch\"}", "names no configured source: 'nosuch'"),
            ("{\"url\":\"https://seed.example/" + new string('x', 45_000) + "\",\"source\":\"asiae-en-columns\"}", "over the limit of 8,192"),
        };
        var reparse = ($"{{\"articleId\":\"{missing}\"}}", $"article '{missing}' has no stored record");
        const string NotBase64 = "this is not Base64 at all!";

        var raw = new QueueServiceClient(azurite.ConnectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });
        foreach (var (body, _) in ingest)
        {
            await raw.GetQueueClient(QueueNames.IngestRequests).SendMessageAsync(Base64(body), ct);
        }

        await raw.GetQueueClient(QueueNames.IngestRequests).SendMessageAsync(NotBase64, ct);
        await raw.GetQueueClient(QueueNames.ReparseRequests).SendMessageAsync(Base64(reparse.Item1), ct);

        await using var host = HostProcess.Start(Settings(), discover: false);
        await host.WaitForExitAsync(ct);
        var log = host.Output;

        await using var list = HostProcess.StartCommand(Settings(), ["poison", "list"]);
        await list.WaitForExitAsync(ct);
        var listed = list.Output;

        // All six in poison, none left on the work queues.
        var poison = new PoisonQueues(raw);
        Assert.Equal(5, await poison.CountAsync(QueueNames.IngestRequests, ct));
        Assert.Equal(1, await poison.CountAsync(QueueNames.ReparseRequests, ct));
        Assert.Equal(0, (await raw.GetQueueClient(QueueNames.IngestRequests).GetPropertiesAsync(ct)).Value.ApproximateMessagesCount);
        Assert.Equal(0, (await raw.GetQueueClient(QueueNames.ReparseRequests).GetPropertiesAsync(ct)).Value.ApproximateMessagesCount);

        // Each after one try, with its reason kept and shown.
        var failures = new FailureRecords(azurite.Blobs);
        foreach (var (queue, (body, reason)) in ingest.Select(m => (QueueNames.IngestRequests, m)).Append((QueueNames.ReparseRequests, reparse)))
        {
            var record = await failures.GetAsync(QueueNames.PoisonOf(queue), Encoding.UTF8.GetBytes(body), ct);
            Assert.NotNull(record);
            Assert.Equal(1, record.Attempts);
            Assert.Equal("permanent", record.Kind);
            Assert.Contains(reason, record.Reason, StringComparison.Ordinal);
            Assert.Contains(reason, listed, StringComparison.Ordinal);
        }

        Assert.Contains("not Base64, the triggers' encoding", listed, StringComparison.Ordinal);
        Assert.Equal(0, list.ExitCode);

        // One line each, no stack trace, little log in all.
        Assert.DoesNotContain("   at ", log, StringComparison.Ordinal);
        Assert.Equal(5, CountOf(log, "can never succeed and goes to the poison queue now"));
        var size = Encoding.UTF8.GetByteCount(log);
        TestContext.Current.SendDiagnosticMessage($"six bad messages: {size} bytes of log from one run --once");
        Assert.True(size < 30 * 1024, $"{size} bytes of log:\n{log}");

        // Nothing stored changed: every blob outside the failure records and the activity log has the same ETag.
        Assert.Equal(before, await ListArchiveAsync(ct));
    }

    [Fact(Timeout = TestTimeouts.Storage)]
    public async Task Cli_WorkThatCouldNeverSucceed_IsRefusedWithExit2AndNothingQueued()
    {
        var ct = TestContext.Current.CancellationToken;
        var missing = ArticleId.FromCanonicalUrl(new Uri("https://seed.example/column/never-stored")).ToString();
        var commands = new (string[] Args, string Reason)[]
        {
            (["enqueue", "https://www.asiae.co.kr/en/article/1", "--source", "nosuch"], "--source 'nosuch' is not a configured source; configured: "),
            (["enqueue", "https://elsewhere.example/a", "--source", "asiae-en-columns"], "'elsewhere.example' is not a host of source 'asiae-en-columns'"),
            (["enqueue", "https://www.asiae.co.kr/" + new string('x', 3000), "--source", "asiae-en-columns"], "over the limit of 2,048"),
            (["reparse", "--article", missing], $"article '{missing}' has no stored record"),
            (["enqueue-reparse", missing], $"article '{missing}' has no stored record"),
            (["poison", "replay", "--max", "-3"], "--max must be 1 or more, got -3"),
        };

        foreach (var (args, reason) in commands)
        {
            await using var command = HostProcess.StartCommand(Settings(), args);
            await command.WaitForExitAsync(ct);

            Assert.True(command.ExitCode == 2, $"{args[0]} {args[^1]} exited {command.ExitCode}: {FailureRecords.Start(command.Output)}");
            Assert.Contains(reason, command.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", command.Output, StringComparison.Ordinal);
        }

        foreach (var queue in QueueNames.Work)
        {
            Assert.Equal(0, (await azurite.Queues.GetQueueClient(queue).GetPropertiesAsync(ct)).Value.ApproximateMessagesCount);
        }
    }

    [Fact(Timeout = TestTimeouts.Storage)]
    public async Task PoisonPurge_RemovesMessagesAndTheirReasons_OlderThanKeepsYoungOnes()
    {
        var ct = TestContext.Current.CancellationToken;
        var raw = new QueueServiceClient(azurite.ConnectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });
        const string Body = "{\"url\":\"https://seed.example/a\",\"source\":\"nosuch\"}";
        await raw.GetQueueClient(QueueNames.IngestRequests).SendMessageAsync(Base64(Body), ct);
        await using (var host = HostProcess.Start(Settings(), discover: false))
        {
            await host.WaitForExitAsync(ct);
        }

        var failures = new FailureRecords(azurite.Blobs);
        Assert.NotNull(await failures.GetAsync(QueueNames.PoisonOf(QueueNames.IngestRequests), Encoding.UTF8.GetBytes(Body), ct));

        await using var young = HostProcess.StartCommand(Settings(), ["poison", "purge", "--older-than", "1d"]);
        await young.WaitForExitAsync(ct);
        var poison = new PoisonQueues(raw);
        var keptCount = await poison.CountAsync(QueueNames.IngestRequests, ct);
        await using var all = HostProcess.StartCommand(Settings(), ["poison", "purge", "--queue", QueueNames.IngestRequests]);
        await all.WaitForExitAsync(ct);

        Assert.Equal(0, young.ExitCode);
        Assert.Equal(1, keptCount);
        Assert.Equal(0, all.ExitCode);
        Assert.Contains("1 message(s) deleted from ingest-requests-poison", all.Output, StringComparison.Ordinal);
        Assert.Equal(0, await poison.CountAsync(QueueNames.IngestRequests, ct));
        Assert.Null(await failures.GetAsync(QueueNames.PoisonOf(QueueNames.IngestRequests), Encoding.UTF8.GetBytes(Body), ct));
    }

    [Fact(Timeout = TestTimeouts.Storage)]
    public async Task RunOnce_MessagesLeasedElsewhere_SaysWhichHostHoldsThem()
    {
        // Two messages invisible for 2 minutes: one leased by a running host on another machine, which lists it in its
        // beat, and one leased by something that lists nothing (a tool, or a host that stopped before it listed it).
        var ct = TestContext.Current.CancellationToken;
        var queue = azurite.Queues.GetQueueClient(QueueNames.IngestRequests);
        await queue.CreateIfNotExistsAsync(cancellationToken: ct);
        var body = $$"""{"url":"https://www.asiae.co.kr/en/article/1","source":"asiae-en-columns","discoveredAt":"{{DateTimeOffset.UtcNow:O}}"}""";
        await queue.SendMessageAsync(body, visibilityTimeout: TimeSpan.FromMinutes(2), cancellationToken: ct);
        await queue.SendMessageAsync(body.Replace("article/1", "article/2", StringComparison.Ordinal), cancellationToken: ct);
        var leased = (await queue.ReceiveMessageAsync(TimeSpan.FromMinutes(2), ct)).Value;
        var claims = new WorkClaims(azurite.Blobs);

        // Its one beat is dated 20 s ahead, so it reads as fresh for the whole 25 s run without a beating loop here.
        await claims.BeatAsync(new HostBeat("busy-host", "another-machine", 7, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddSeconds(20),
            [new LeasedMessage(QueueNames.IngestRequests, leased.MessageId, leased.PopReceipt, DateTimeOffset.UtcNow)]), ct);

        await using var host = HostProcess.StartCommand(Settings(), ["run", "--once", "--skip-discovery", "--timeout", "25"]);
        await host.WaitForExitAsync(ct);

        Assert.Equal(2, host.ExitCode);
        Assert.True(host.Output.Contains("waiting for 2 leased message(s): host busy-host (running, last beat", StringComparison.Ordinal), host.Output);
        Assert.True(host.Output.Contains(") holds 1; 1 listed by no running host (leased by a tool, or by a host that stopped before listing them)", StringComparison.Ordinal), host.Output);
    }

    private Dictionary<string, string?> Settings() => new()
    {
        [StorageClients.ConnectionName] = azurite.ConnectionString,
        ["AzureWebJobsStorage"] = azurite.ConnectionString,
        ["IngestSchedule"] = TestSchedule.Discovery,
        ["Ingest:Fetching:Contact"] = "tests@example.org",
        ["INGEST_RESOURCE_REPORT"] = "1",
    };

    private async Task<List<string>> ListArchiveAsync(CancellationToken cancellationToken)
    {
        var blobs = new List<string>();
        await foreach (var container in azurite.Blobs.GetBlobContainersAsync(cancellationToken: cancellationToken))
        {
            if (container.Name is FailureRecords.Container or ActivityLog.Container)
            {
                continue; // the reasons kept, and the activity log that counts the failures: written by design
            }

            await foreach (var blob in azurite.Blobs.GetBlobContainerClient(container.Name).GetBlobsAsync(cancellationToken: cancellationToken))
            {
                blobs.Add($"{container.Name}/{blob.Name} {blob.Properties.ETag}");
            }
        }

        blobs.Sort(StringComparer.Ordinal);
        return blobs;
    }

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
