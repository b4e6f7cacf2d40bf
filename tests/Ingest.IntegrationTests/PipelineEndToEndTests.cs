using System.Text.Json;
using Azure.Storage.Blobs;
using Json.Schema;
using Azure.Storage.Queues;
using Ingest.Cli.Hosting;
using Ingest.Cli.SampleSite;
using Ingest.Messages;
using Ingest.Records;
using Ingest.Storage;
using Microsoft.Extensions.Logging;

namespace Ingest.IntegrationTests;

/// <summary>
/// The whole pipeline as 'ingest run --once' runs it: the WebJobs host with the real triggers, a real Azurite, and
/// the sample site on a real loopback HTTP server.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class PipelineEndToEndTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private SampleSiteServer _site = null!;

    public async ValueTask InitializeAsync()
    {
        await azurite.ResetAsync(TestContext.Current.CancellationToken);
        _site = (await SampleSiteServer.TryStartAsync(SampleSiteServer.DefaultRoot, 0, TestContext.Current.CancellationToken))!;
    }

    public ValueTask DisposeAsync() => _site.DisposeAsync();

    [Fact(Timeout = TestTimeouts.Storage)]
    public async Task RunOnce_SampleSite_StoresEveryArticleWithItsRawPage()
    {
        var (result, output) = await RunOnceAsync(discover: true);

        Assert.True(result.ExitCode == 0, output);
        Assert.Equal(0, result.Tally["failed"]);
        Assert.True(result.Tally["stored"] >= 4, output);
        Assert.Equal(1, result.Tally["gone"]);

        var records = azurite.Blobs.GetBlobContainerClient(ArticleStore.RecordsContainer);
        var raw = azurite.Blobs.GetBlobContainerClient(SnapshotStore.Container);
        foreach (var stored in result.Tally.Stored)
        {
            var id = ArticleId.Parse(stored.ArticleId);
            var record = await ReadRecordAsync(records, ArticleStore.CurrentBlobName(id));
            Assert.Equal(stored.ArticleId, record.ArticleId);
            Assert.Equal(1, record.Provenance.Revision);
            Assert.Equal(RevisionReason.FirstFetch, record.Provenance.Reason);
            Assert.False(string.IsNullOrWhiteSpace(record.Article.Title));
            Assert.NotEmpty(record.Article.Body);
            Assert.Equal(Ingest.Extraction.ArticleExtractor.Version, record.ParserVersion);
            Assert.True(await raw.GetBlobClient(SnapshotStore.BlobName(id, record.Provenance.SnapshotId)).ExistsAsync(TestContext.Current.CancellationToken), $"no raw page for {id}");
            Assert.True(await records.GetBlobClient(ArticleStore.RevisionBlobName(id, 1)).ExistsAsync(TestContext.Current.CancellationToken), $"no revision 1 for {id}");
        }

        Assert.Contains("Run summary", output, StringComparison.Ordinal);
        Assert.Contains("withdrawn-column.html (HTTP 404)", output, StringComparison.Ordinal);
        Assert.Contains("robots.txt of 127.0.0.1 disallows /drafts/unpublished-column.html", output, StringComparison.Ordinal);

        // Refused and gone pages leave no raw page and no record behind, only the outcome note.
        foreach (var path in new[] { "drafts/unpublished-column.html", "news/withdrawn-column.html" })
        {
            var id = ArticleId.FromCanonicalUrl(new Uri(_site.BaseUrl, path));
            Assert.Empty(await ListAsync(raw, id.BlobPrefix));
            Assert.Equal([ArticleStore.OutcomeBlobName(id)], await ListAsync(records, id.BlobPrefix));
        }
    }

    [Fact(Timeout = TestTimeouts.Storage)]
    public async Task IngestMessage_StoredPageNotModified_SendsItsETagAndStoresNothingNew()
    {
        var (first, _) = await RunOnceAsync(discover: true);
        var target = first.Tally.Stored.First(s => s.Url.Contains("/news/", StringComparison.Ordinal));
        var store = new ArticleStore(azurite.Blobs);
        var id = ArticleId.Parse(target.ArticleId);
        var before = await ListAsync(azurite.Blobs.GetBlobContainerClient(SnapshotStore.Container), id.BlobPrefix);
        Assert.NotNull((await store.GetCurrentAsync(id, TestContext.Current.CancellationToken))!.Record.Provenance.ETag);
        await new IngestQueues(azurite.Queues).SendAsync(new IngestRequest(target.Url, "sample-feed"), TestContext.Current.CancellationToken);

        var (again, output) = await RunOnceAsync(discover: false);

        Assert.True(again.ExitCode == 0, output);
        Assert.Equal(1, again.Tally["unchanged"]);
        Assert.Equal(1, again.Tally["not-modified"]);
        Assert.Equal(0, again.Tally["fetched"]);
        Assert.Equal(before, await ListAsync(azurite.Blobs.GetBlobContainerClient(SnapshotStore.Container), id.BlobPrefix));
        Assert.Equal([1], await store.ListRevisionsAsync(id, TestContext.Current.CancellationToken));
    }

    [Fact(Timeout = TestTimeouts.Storage)]
    public async Task IngestMessage_Repeated_AfterItsWorkIsDone_DoesNotFetchAgain()
    {
        var url = new Uri(_site.BaseUrl, "news/europa-water-vapor.html");
        var request = new IngestRequest(url.AbsoluteUri, "sample-feed", DateTimeOffset.UtcNow.AddSeconds(-5));
        await new IngestQueues(azurite.Queues).SendAsync(request, TestContext.Current.CancellationToken);
        var (first, firstOutput) = await RunOnceAsync(discover: false);
        var requestsAfterFirst = _site.Requests;

        // The same message again (as a second host, or a fan-out sent twice, would deliver it).
        await new IngestQueues(azurite.Queues).SendAsync(request, TestContext.Current.CancellationToken);
        var (again, output) = await RunOnceAsync(discover: false);

        Assert.True(first.ExitCode == 0, firstOutput);
        Assert.Single(first.Tally.Stored);
        Assert.True(again.ExitCode == 0, output);
        Assert.Equal(1, again.Tally["unchanged"]);
        Assert.Equal(1, again.Tally["already-done"]);
        Assert.Equal(0, again.Tally["fetched"]);
        Assert.Equal(requestsAfterFirst, _site.Requests);
    }

    [Fact(Timeout = TestTimeouts.Storage)]
    public async Task RunOnce_OneSourceBroken_OthersAreStillDiscovered()
    {
        var configuration = CliConfiguration.Build(_site.BaseUrl, new Dictionary<string, string?>
        {
            [StorageClients.ConnectionName] = azurite.ConnectionString,
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["IngestSchedule"] = TestSchedule.Discovery,
            ["Ingest:Sources:0:Url"] = new Uri(_site.BaseUrl, "no-such-feed.xml").AbsoluteUri,
        });
        using var output = new StringWriter();

        var result = await LocalRun.RunAsync(configuration, new RunSettings(Once: true, Discover: true, TimeSpan.FromSeconds(120), LogLevel.Warning), output, TestContext.Current.CancellationToken);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(result.Tally.Failures, f => f.StartsWith("discovery of sample-feed: feed", StringComparison.Ordinal) && f.Contains("HTTP 404", StringComparison.Ordinal));
        Assert.True(result.Tally["stored"] >= 3, output.ToString());
    }

    [Fact(Timeout = TestTimeouts.Storage)]
    public async Task RunOnce_SecondRun_EnqueuesAndStoresNothingNew()
    {
        var (first, _) = await RunOnceAsync(discover: true);
        var requestsAfterFirst = _site.Requests;
        var (second, output) = await RunOnceAsync(discover: true);

        Assert.Equal(0, second.ExitCode);
        Assert.Equal(0, second.Tally["stored"]);
        Assert.Equal(0, second.Tally["fetched"]);
        Assert.Equal(0, second.Tally["discovered"]);
        Assert.True(second.Tally["known"] >= first.Tally.Stored.Count + first.Tally["gone"] + first.Tally["not-an-article"], output);

        // Only the feed, listing, sitemap and robots.txt were asked for again: no article page.
        Assert.True(_site.Requests - requestsAfterFirst <= 4, output);
        foreach (var stored in first.Tally.Stored)
        {
            var revisions = await new ArticleStore(azurite.Blobs).ListRevisionsAsync(ArticleId.Parse(stored.ArticleId), TestContext.Current.CancellationToken);
            Assert.Equal([1], revisions);
        }
    }

    [Fact(Timeout = TestTimeouts.Storage)]
    public async Task ReparseMessage_SentWithQueueClient_NewRevisionFromStoredPageWithoutHttp()
    {
        var (first, _) = await RunOnceAsync(discover: true);
        var target = first.Tally.Stored.First();
        var id = ArticleId.Parse(target.ArticleId);
        var store = new ArticleStore(azurite.Blobs);
        var original = (await store.GetCurrentAsync(id, TestContext.Current.CancellationToken))!;

        // As an older parser would have left it: another title, another parser version.
        var older = original.Record with { Article = original.Record.Article with { Title = "What an older parser made of it" }, ParserVersion = "0.0.1", ContentHash = new string('1', 64) };
        var json = BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(older, RecordJsonContext.Default.ArticleRecord));
        var records = azurite.Blobs.GetBlobContainerClient(ArticleStore.RecordsContainer);
        await records.GetBlobClient(ArticleStore.CurrentBlobName(id)).UploadAsync(json, overwrite: true, TestContext.Current.CancellationToken);
        await records.GetBlobClient(ArticleStore.RevisionBlobName(id, 1)).UploadAsync(json, overwrite: true, TestContext.Current.CancellationToken);
        var requestsBefore = _site.Requests;

        // Sent the way an operator would: a plain QueueClient with the Base64 encoding the trigger expects.
        var queue = new QueueClient(azurite.ConnectionString, QueueNames.ReparseRequests, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        await queue.SendMessageAsync($$"""{"articleId":"{{target.ArticleId}}"}""", cancellationToken: TestContext.Current.CancellationToken);
        var (reparse, output) = await RunOnceAsync(discover: false);

        Assert.True(reparse.ExitCode == 0, output);
        Assert.Equal(1, reparse.Tally["reparse-stored"]);
        Assert.Equal(requestsBefore, _site.Requests);
        var current = (await store.GetCurrentAsync(id, TestContext.Current.CancellationToken))!.Record;
        Assert.Equal(2, current.Provenance.Revision);
        Assert.Equal(RevisionReason.Reparse, current.Provenance.Reason);
        Assert.Equal(original.Record.Article.Title, current.Article.Title);
        Assert.Equal(original.Record.Provenance.SnapshotId, current.Provenance.SnapshotId);
        Assert.Equal(original.Record.Provenance.FetchedAt, current.Provenance.FetchedAt);
        Assert.Equal([1, 2], await store.ListRevisionsAsync(id, TestContext.Current.CancellationToken));
    }

    [Fact(Timeout = TestTimeouts.Storage)]
    public async Task ReparseMessage_ForcedButNothingChanges_WritesNoRevision()
    {
        var (first, _) = await RunOnceAsync(discover: true);
        var target = first.Tally.Stored.First();
        await new IngestQueues(azurite.Queues).SendAsync(new ReparseRequest(target.ArticleId, Force: true), TestContext.Current.CancellationToken);

        var (reparse, output) = await RunOnceAsync(discover: false);

        Assert.True(reparse.ExitCode == 0, output);
        Assert.Equal(1, reparse.Tally["reparse-unchanged"]);
        Assert.Equal([1], await new ArticleStore(azurite.Blobs).ListRevisionsAsync(ArticleId.Parse(target.ArticleId), TestContext.Current.CancellationToken));
    }

    [Fact(Timeout = TestTimeouts.Storage)]
    public async Task ReparseMessage_SameParserNotForced_KeepsTheRevision()
    {
        var (first, _) = await RunOnceAsync(discover: true);
        var target = first.Tally.Stored.First();
        await new IngestQueues(azurite.Queues).SendAsync(new ReparseRequest(target.ArticleId), TestContext.Current.CancellationToken);

        var (reparse, output) = await RunOnceAsync(discover: false);

        Assert.True(reparse.ExitCode == 0, output);
        Assert.Equal(1, reparse.Tally["reparse-unchanged"]);
        Assert.Equal([1], await new ArticleStore(azurite.Blobs).ListRevisionsAsync(ArticleId.Parse(target.ArticleId), TestContext.Current.CancellationToken));
    }

    [Fact(Timeout = TestTimeouts.Storage)]
    public async Task IngestMessage_SentWithQueueClient_IsFetchedAndStored()
    {
        var queue = new QueueClient(azurite.ConnectionString, QueueNames.IngestRequests, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        var url = new Uri(_site.BaseUrl, "news/europa-water-vapor.html");
        await queue.SendMessageAsync($$"""{"url":"{{url}}","source":"sample-feed"}""", cancellationToken: TestContext.Current.CancellationToken);

        var (result, output) = await RunOnceAsync(discover: false);

        Assert.True(result.ExitCode == 0, output);
        var stored = Assert.Single(result.Tally.Stored);
        Assert.Equal(ArticleId.FromCanonicalUrl(url).ToString(), stored.ArticleId);
        Assert.Contains("Europa", stored.Title, StringComparison.Ordinal);
    }

    [Fact(Timeout = TestTimeouts.Storage)]
    public async Task BadMessages_EndInPoisonWithoutRetries_AndAValidOneIsStillHandled()
    {
        var queue = new QueueClient(azurite.ConnectionString, QueueNames.IngestRequests, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        await queue.SendMessageAsync("this is not json", cancellationToken: TestContext.Current.CancellationToken);
        await queue.SendMessageAsync("""{"url":"http://127.0.0.1/x","source":"no-such-source"}""", cancellationToken: TestContext.Current.CancellationToken);
        await queue.SendMessageAsync($$"""{"url":"{{new Uri(_site.BaseUrl, "news/hibernating-astronauts.html")}}","source":"sample-feed"}""", cancellationToken: TestContext.Current.CancellationToken);
        var reparse = new QueueClient(azurite.ConnectionString, QueueNames.ReparseRequests, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        await reparse.SendMessageAsync("""{"articleId":"../../etc/passwd"}""", cancellationToken: TestContext.Current.CancellationToken);

        var (result, output) = await RunOnceAsync(discover: false, maxDequeueCount: 2);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(3, result.Tally["failed"]);

        // They can never succeed: poisoned on their first delivery, not retried.
        Assert.Equal(0, result.Tally["retried"]);
        Assert.Equal(1, result.Tally["stored"]);
        Assert.Contains("not a valid IngestRequest", output, StringComparison.Ordinal);
        Assert.Contains("names no configured source: 'no-such-source'", output, StringComparison.Ordinal);
        Assert.Contains("'articleId' is not an article id", output, StringComparison.Ordinal);

        var poison = azurite.Queues.GetQueueClient(QueueNames.PoisonOf(QueueNames.IngestRequests));
        var poisoned = (await poison.PeekMessagesAsync(maxMessages: 10, cancellationToken: TestContext.Current.CancellationToken)).Value.Select(m => m.Body.ToString()).ToList();
        Assert.Equal(2, poisoned.Count);
        Assert.Contains("this is not json", poisoned);
        var reparsePoison = azurite.Queues.GetQueueClient(QueueNames.PoisonOf(QueueNames.ReparseRequests));
        Assert.Single((await reparsePoison.PeekMessagesAsync(maxMessages: 10, cancellationToken: TestContext.Current.CancellationToken)).Value);
        Assert.Equal(0, (await queue.GetPropertiesAsync(TestContext.Current.CancellationToken)).Value.ApproximateMessagesCount);
    }

    [Fact(Timeout = TestTimeouts.Storage)]
    public async Task MessageSentWithoutBase64_EndsInPoison_DoesNotLoop()
    {
        // The trap in PLATFORM.md: a QueueClient without MessageEncoding.Base64 sends plain text.
        var plain = new QueueClient(azurite.ConnectionString, QueueNames.IngestRequests);
        await plain.SendMessageAsync($$"""{"url":"{{new Uri(_site.BaseUrl, "news/europa-water-vapor.html")}}","source":"sample-feed"}""", cancellationToken: TestContext.Current.CancellationToken);

        var (result, output) = await RunOnceAsync(discover: false, maxDequeueCount: 2);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("1 message(s) moved to poison queues", output, StringComparison.Ordinal);
        Assert.Equal(0, result.Tally["stored"]);
        Assert.Equal(0, (await plain.GetPropertiesAsync(TestContext.Current.CancellationToken)).Value.ApproximateMessagesCount);
        var poison = new QueueClient(azurite.ConnectionString, QueueNames.PoisonOf(QueueNames.IngestRequests));
        Assert.Contains("europa-water-vapor", Assert.Single((await poison.PeekMessagesAsync(10, cancellationToken: TestContext.Current.CancellationToken)).Value).Body.ToString(), StringComparison.Ordinal);
    }

    [Fact(Timeout = TestTimeouts.Storage)]
    public async Task IngestMessage_PageDeclaresAnotherCanonicalUrl_StoresUnderThatIdAndNotesTheAlias()
    {
        var root = Directory.CreateTempSubdirectory("ingest-site-").FullName;
        try
        {
            CopyDirectory(SampleSiteServer.DefaultRoot, root);
            await using var site = (await SampleSiteServer.TryStartAsync(root, 0, TestContext.Current.CancellationToken))!;
            var canonical = new Uri(site.BaseUrl, "asiae/en/article/2025091015302212345.html");
            var column = await File.ReadAllTextAsync(Path.Combine(root, "asiae", "en", "article", "2025091015302212345.html"), TestContext.Current.CancellationToken);
            await File.WriteAllTextAsync(Path.Combine(root, "news", "column-print.html"), column.Replace("<head>", $"<head>\n  <link rel=\"canonical\" href=\"{canonical}\">", StringComparison.Ordinal), TestContext.Current.CancellationToken);
            var alias = new Uri(site.BaseUrl, "news/column-print.html");
            await new IngestQueues(azurite.Queues).SendAsync(new IngestRequest(alias.AbsoluteUri, "sample-columns"), TestContext.Current.CancellationToken);

            var (result, output) = await RunOnceAsync(discover: false, site);

            Assert.True(result.ExitCode == 0, output);
            var stored = Assert.Single(result.Tally.Stored);
            Assert.Equal(ArticleId.FromCanonicalUrl(canonical).ToString(), stored.ArticleId);
            var store = new ArticleStore(azurite.Blobs);
            var record = (await store.GetCurrentAsync(ArticleId.FromCanonicalUrl(canonical), TestContext.Current.CancellationToken))!.Record;
            Assert.Equal(canonical.AbsoluteUri, record.Url);
            Assert.NotNull(await new SnapshotStore(azurite.Blobs).GetAsync(ArticleId.FromCanonicalUrl(canonical), record.Provenance.SnapshotId, TestContext.Current.CancellationToken));
            Assert.NotNull(await store.GetInfoAsync(ArticleId.FromCanonicalUrl(alias), TestContext.Current.CancellationToken));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact(Timeout = TestTimeouts.Storage)]
    public async Task RunOnce_PageChangedOnTheSite_StoresASecondRevision()
    {
        var root = Directory.CreateTempSubdirectory("ingest-site-").FullName;
        try
        {
            CopyDirectory(SampleSiteServer.DefaultRoot, root);
            await using var site = (await SampleSiteServer.TryStartAsync(root, 0, TestContext.Current.CancellationToken))!;
            var (first, _) = await RunOnceAsync(discover: true, site);
            var page = Path.Combine(root, "asiae", "en", "article", "2025091015302212345.html");
            var url = new Uri(site.BaseUrl, "asiae/en/article/2025091015302212345.html");
            var id = ArticleId.FromCanonicalUrl(url);
            Assert.Contains(first.Tally.Stored, s => s.ArticleId == id.ToString());
            var html = await File.ReadAllTextAsync(page, TestContext.Current.CancellationToken);
            var paragraph = html.IndexOf("<p data-alda-marking", StringComparison.Ordinal);
            Assert.True(paragraph > 0, "the reconstructed page has no body paragraph to change");
            await File.WriteAllTextAsync(page, html.Insert(paragraph, "<p data-alda-marking=\"corr\">Correction: an earlier version of this column misdated the parade.</p>\n"), TestContext.Current.CancellationToken);

            // The site says so: the sitemap dates the page after our fetch, so discovery enqueues it again.
            var sitemap = Path.Combine(root, "sitemap.xml");
            var updated = DateTimeOffset.UtcNow.AddMinutes(1).ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
            await File.WriteAllTextAsync(sitemap, (await File.ReadAllTextAsync(sitemap, TestContext.Current.CancellationToken)).Replace("2025-09-10T15:30:22+09:00", updated, StringComparison.Ordinal), TestContext.Current.CancellationToken);

            var (second, output) = await RunOnceAsync(discover: true, site);

            Assert.True(second.ExitCode == 0, output);
            var stored = Assert.Single(second.Tally.Stored);
            Assert.Equal(id.ToString(), stored.ArticleId);
            var current = (await new ArticleStore(azurite.Blobs).GetCurrentAsync(id, TestContext.Current.CancellationToken))!.Record;
            Assert.Equal(2, current.Provenance.Revision);
            Assert.Equal(RevisionReason.PageChanged, current.Provenance.Reason);
            Assert.Contains(current.Article.Body, p => p.StartsWith("Correction:", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact(Timeout = TestTimeouts.Storage)]
    public async Task RunOnce_ScheduleDueEverySecond_DiscoversOnlyOnceAtStart()
    {
        // 'run --once' discovers at start; its timer must not fire again while the queues drain (it did: three passes
        // over the feed in a three-second run, and with the shipped sources a pass reaches for the real sites).
        var (result, output) = await RunOnceAsync(discover: true, schedule: "* * * * * *");

        Assert.True(result.ExitCode == 0, output);
        Assert.Equal(4, result.Tally.CountOf("sample-feed", "discovered") + result.Tally.CountOf("sample-feed", "known"));
    }

    private async Task<(RunResult Result, string Output)> RunOnceAsync(bool discover, SampleSiteServer? site = null, int maxDequeueCount = 5, string schedule = TestSchedule.Discovery)
    {
        var configuration = CliConfiguration.Build((site ?? _site).BaseUrl, new Dictionary<string, string?>
        {
            [StorageClients.ConnectionName] = azurite.ConnectionString,
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["IngestSchedule"] = schedule,
            ["AzureFunctionsJobHost:extensions:queues:maxDequeueCount"] = maxDequeueCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        using var output = new StringWriter();
        var result = await LocalRun.RunAsync(configuration, new RunSettings(Once: true, Discover: discover, DrainTimeout: TimeSpan.FromSeconds(120), LogLevel.Warning), output, TestContext.Current.CancellationToken);
        return (result, output.ToString());
    }

    /// <summary>Reads a stored record, checking its JSON against the published schema first.</summary>
    private static async Task<ArticleRecord> ReadRecordAsync(BlobContainerClient container, string name)
    {
        var content = (await container.GetBlobClient(name).DownloadContentAsync()).Value.Content;
        using var json = JsonDocument.Parse(content.ToMemory());
        var evaluation = RecordSchema.Evaluate(json.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(evaluation.IsValid, $"{name} does not match docs/article-record.schema.json: " + string.Join("; ",
            (evaluation.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));
        return JsonSerializer.Deserialize(content.ToMemory().Span, RecordJsonContext.Default.ArticleRecord)!;
    }

    private static readonly JsonSchema RecordSchema = JsonSchema.FromText(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "article-record.schema.json")));

    private static async Task<List<string>> ListAsync(BlobContainerClient container, string prefix)
    {
        var names = new List<string>();
        await foreach (var item in container.GetBlobsAsync(new Azure.Storage.Blobs.Models.GetBlobsOptions { Prefix = prefix }))
        {
            names.Add(item.Name);
        }

        return names;
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
