using Azure.Storage.Queues;
using Ingest.Cli.Hosting;
using Ingest.Messages;
using Ingest.Records;
using Ingest.Storage;
using Microsoft.Extensions.Logging;

namespace Ingest.IntegrationTests;

/// <summary>Poison queues, listing and export, against a real Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class OperatorToolsTests(AzuriteFixture azurite) : IAsyncLifetime
{
    public ValueTask InitializeAsync() => azurite.ResetAsync(TestContext.Current.CancellationToken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact(Timeout = TestTimeouts.Storage)]
    public async Task PoisonReplay_PoisonedMessage_GoesBackUnchangedAndIsHandledWhenFixed()
    {
        var store = new ArticleStore(azurite.Blobs);
        var ids = await ArchiveSeed.StoreAsync(azurite.Blobs, 1, cancellationToken: TestContext.Current.CancellationToken);
        var body = $$"""{"articleId":"{{ids[0]}}"}""";
        await new QueueClient(azurite.ConnectionString, QueueNames.ReparseRequests, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 }).SendMessageAsync(body, cancellationToken: TestContext.Current.CancellationToken);

        // Poisoned while the raw page is missing (as after a storage fault), then replayed once it is back.
        var raw = azurite.Blobs.GetBlobContainerClient(SnapshotStore.Container);
        var snapshotName = (await store.GetCurrentAsync(ids[0], TestContext.Current.CancellationToken))!.Record.Provenance.SnapshotId;
        var blob = raw.GetBlobClient(SnapshotStore.BlobName(ids[0], snapshotName));
        var saved = (await blob.DownloadContentAsync(TestContext.Current.CancellationToken)).Value;
        await blob.DeleteAsync(cancellationToken: TestContext.Current.CancellationToken);
        var first = await RunAsync();
        var poison = StorageClients.CreatePoisonQueues(StorageClients.ReadConnection(Configuration()));
        var listed = Assert.Single(await poison.PeekAsync(QueueNames.ReparseRequests, TestContext.Current.CancellationToken));
        await blob.UploadAsync(saved.Content, new Azure.Storage.Blobs.Models.BlobUploadOptions { HttpHeaders = new() { ContentEncoding = "gzip" }, Metadata = saved.Details.Metadata }, TestContext.Current.CancellationToken);

        var moved = await poison.ReplayAsync(QueueNames.ReparseRequests, 10, TestContext.Current.CancellationToken);
        var second = await RunAsync();

        Assert.Equal(1, first.ExitCode);
        Assert.Equal(body, listed.Text);
        Assert.Equal(1, moved);
        Assert.Equal(0, await poison.CountAsync(QueueNames.ReparseRequests, TestContext.Current.CancellationToken));
        Assert.Equal(0, second.ExitCode);
        Assert.Equal(1, second.Tally["reparse-stored"]);
    }

    [Fact(Timeout = TestTimeouts.Storage)]
    public async Task ArchiveReader_SiteAndDays_ListsAndReadsOnlyThose()
    {
        var store = new ArticleStore(azurite.Blobs);
        await ArchiveSeed.StoreAsync(azurite.Blobs, 30, site: "a.example", days: 30, cancellationToken: TestContext.Current.CancellationToken);
        await ArchiveSeed.StoreAsync(azurite.Blobs, 5, site: "b.example", days: 30, cancellationToken: TestContext.Current.CancellationToken);
        var reader = new ArchiveReader(store, TimeProvider.System);

        var listed = await reader.ListAsync("a.example", new DateOnly(2025, 9, 10), new DateOnly(2025, 9, 19), TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);
        var all = await reader.ListAsync(null, null, null, TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);
        var records = await reader.ReadAsync("b.example", null, null, TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);

        Assert.Equal(10, listed.Count);
        Assert.All(listed, a => Assert.Equal("a.example", a.Id.Site));
        Assert.Equal(35, all.Count);
        Assert.Equal(5, records.Count);
        Assert.All(records, r => Assert.StartsWith("https://b.example/", r.Url, StringComparison.Ordinal));
    }

    private async Task<RunResult> RunAsync()
    {
        using var output = new StringWriter();
        return await LocalRun.RunAsync(Configuration(), new RunSettings(Once: true, Discover: false, TimeSpan.FromSeconds(120), LogLevel.Warning), output, TestContext.Current.CancellationToken);
    }

    private Microsoft.Extensions.Configuration.IConfiguration Configuration() => CliConfiguration.Build(overrides: new Dictionary<string, string?>
    {
        [StorageClients.ConnectionName] = azurite.ConnectionString,
        ["AzureWebJobsStorage"] = azurite.ConnectionString,
        ["IngestSchedule"] = TestSchedule.Discovery,
        ["Ingest:Fetching:Contact"] = "tests@example.org",
        ["AzureFunctionsJobHost:extensions:queues:maxDequeueCount"] = "1",
    });
}
