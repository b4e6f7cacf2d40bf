using System.Collections.Immutable;
using Ingest.Extraction;
using Ingest.Records;
using Ingest.Storage;

namespace Ingest.IntegrationTests;

/// <summary>The archive's conditional writes against a real Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ArticleStoreTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly ArticleId Id = ArticleId.FromCanonicalUrl(new Uri("https://www.scmp.com/opinion/article/1/x"));

    public ValueTask InitializeAsync() => azurite.ResetAsync(TestContext.Current.CancellationToken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact(Timeout = TestTimeouts.Storage)]
    public async Task SaveRevisionAsync_TwoWritersFromTheSameCurrent_OneWinsTheOtherConflicts()
    {
        var store = new ArticleStore(azurite.Blobs);
        await store.SaveRevisionAsync(Record(1, "first"), current: null, TestContext.Current.CancellationToken);
        var current = await store.GetCurrentAsync(Id, TestContext.Current.CancellationToken);

        var results = await Task.WhenAll(
            Attempt(() => store.SaveRevisionAsync(Record(2, "writer A"), current, TestContext.Current.CancellationToken)),
            Attempt(() => store.SaveRevisionAsync(Record(2, "writer B"), current, TestContext.Current.CancellationToken)));

        Assert.Single(results, r => r is null);
        Assert.Single(results, r => r is RecordConflictException);
        var after = (await store.GetCurrentAsync(Id, TestContext.Current.CancellationToken))!.Record;
        var revision2 = (await store.GetRevisionAsync(Id, 2, TestContext.Current.CancellationToken))!;
        Assert.Equal(2, after.Provenance.Revision);
        Assert.Equal(revision2.Article.Title, after.Article.Title);
        Assert.Equal([1, 2], await store.ListRevisionsAsync(Id, TestContext.Current.CancellationToken));
    }

    [Fact(Timeout = TestTimeouts.Storage)]
    public async Task SaveRevisionAsync_StaleCurrent_Conflicts()
    {
        var store = new ArticleStore(azurite.Blobs);
        await store.SaveRevisionAsync(Record(1, "first"), current: null, TestContext.Current.CancellationToken);
        var stale = await store.GetCurrentAsync(Id, TestContext.Current.CancellationToken);
        await store.SaveRevisionAsync(Record(2, "second"), stale, TestContext.Current.CancellationToken);

        await Assert.ThrowsAsync<RecordConflictException>(() => store.SaveRevisionAsync(Record(3, "third from stale"), stale, TestContext.Current.CancellationToken));

        Assert.Equal("second", (await store.GetCurrentAsync(Id, TestContext.Current.CancellationToken))!.Record.Article.Title);
    }

    [Fact(Timeout = TestTimeouts.Storage)]
    public async Task SaveRevisionAsync_RevisionLeftWithoutCurrentByACrash_IsPromotedByTheNextWriter()
    {
        var store = new ArticleStore(azurite.Blobs);
        await store.SaveRevisionAsync(Record(1, "first"), current: null, TestContext.Current.CancellationToken);
        var current = await store.GetCurrentAsync(Id, TestContext.Current.CancellationToken);

        // A writer died after writing revision 2 and before moving current.json to it.
        var orphan = Record(2, "orphan");
        var json = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(orphan, Records.RecordJsonContext.Default.ArticleRecord);
        await azurite.Blobs.GetBlobContainerClient(ArticleStore.RecordsContainer).UploadBlobAsync(ArticleStore.RevisionBlobName(Id, 2), BinaryData.FromBytes(json), TestContext.Current.CancellationToken);

        await Assert.ThrowsAsync<RecordConflictException>(() => store.SaveRevisionAsync(Record(2, "next writer"), current, TestContext.Current.CancellationToken));
        var promoted = await store.GetCurrentAsync(Id, TestContext.Current.CancellationToken);
        await store.SaveRevisionAsync(Record(3, "next writer"), promoted, TestContext.Current.CancellationToken);

        Assert.Equal("orphan", promoted!.Record.Article.Title);
        Assert.Equal([1, 2, 3], await store.ListRevisionsAsync(Id, TestContext.Current.CancellationToken));
        Assert.Equal("next writer", (await store.GetCurrentAsync(Id, TestContext.Current.CancellationToken))!.Record.Article.Title);
    }

    [Fact(Timeout = TestTimeouts.Storage)]
    public async Task SaveRevisionAsync_ARevisionOnTheSameDay_WritesNoIndexMarkers_AndANewDayIsListedToo()
    {
        var ct = TestContext.Current.CancellationToken;
        var (store, requests) = Counted();
        await store.SaveRevisionAsync(Record(1, "first"), current: null, ct);
        Assert.Equal(2, requests.Count(r => r.Contains("/_index/", StringComparison.Ordinal)));

        requests.Clear();
        await store.SaveRevisionAsync(Record(2, "same day"), await store.GetCurrentAsync(Id, ct), ct);
        Assert.DoesNotContain(requests, r => r.Contains("/_index/", StringComparison.Ordinal));

        var moved = Record(3, "another day");
        moved = moved with { Article = moved.Article with { Published = new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero) } };
        await store.SaveRevisionAsync(moved, await store.GetCurrentAsync(Id, ct), ct);
        var (bySite, _) = await store.Index.ListPageAsync(ArticleIndex.Root + "site/", null, 100, ct);
        Assert.Equal([DateOnly.FromDateTime(DateTime.UnixEpoch), new DateOnly(2026, 3, 1)], bySite.Select(a => a.Day).Order());
    }

    [Fact(Timeout = TestTimeouts.Storage)]
    public async Task MarkCheckedAsync_WithTheRecordAsRead_IsOneRequest_KeepsTheOtherNotes_AndAStaleReadChangesNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var (store, requests) = Counted();
        await store.SaveRevisionAsync(Record(1, "first"), current: null, ct);
        var read = (await store.GetCurrentAsync(Id, ct))!;
        var at = new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

        requests.Clear();
        await store.MarkCheckedAsync(Id, read, at, ct);
        Assert.Equal(["PUT comp=metadata"], requests.Select(r => r[..r.IndexOf(' ', StringComparison.Ordinal)] + " " + r[(r.IndexOf('?', StringComparison.Ordinal) + 1)..]));
        var after = (await store.GetCurrentAsync(Id, ct))!;
        Assert.Equal(at, after.CheckedAt);
        Assert.Equal("1", after.Metadata!["revision"]);
        Assert.Equal("test", after.ParsedBy);
        Assert.Equal((await store.GetInfoAsync(Id, ct))!.CheckedAt, at);

        // Read before a second revision was written: the newer record keeps its own notes.
        await store.SaveRevisionAsync(Record(2, "second"), after, ct);
        await store.MarkCheckedAsync(Id, after, at.AddDays(1), ct);
        await store.MarkParsedAsync(Id, after, "stale", ct);
        var newest = (await store.GetCurrentAsync(Id, ct))!;
        Assert.Equal(DateTimeOffset.UnixEpoch, newest.CheckedAt);
        Assert.Equal("test", newest.ParsedBy);
    }

    [Fact(Timeout = TestTimeouts.Storage)]
    public async Task GetInfoAsync_OneRequest_TheCurrentRecordBeforeTheNoteOfAPageThatGaveNone()
    {
        var ct = TestContext.Current.CancellationToken;
        var (store, requests) = Counted();
        Assert.Null(await store.GetInfoAsync(Id, ct)); // no container yet

        var noted = new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.Zero);
        await store.MarkOutcomeAsync(Id, "NotAnArticle", "a list page", noted, ct);
        requests.Clear();
        Assert.Equal(noted, (await store.GetInfoAsync(Id, ct))!.CheckedAt);
        Assert.Single(requests);

        await store.SaveRevisionAsync(Record(1, "first"), current: null, ct);
        var info = (await store.GetInfoAsync(Id, ct))!;
        Assert.Equal(DateTimeOffset.UnixEpoch, info.FetchedAt);
        Assert.Equal(DateTimeOffset.UnixEpoch, info.CheckedAt);
        Assert.Null(await store.GetInfoAsync(ArticleId.FromCanonicalUrl(new Uri("https://www.scmp.com/opinion/article/2/y")), ct));
    }

    // A store whose every request is listed as "METHOD path?query", to count what an operation costs.
    private (ArticleStore Store, System.Collections.Concurrent.ConcurrentQueue<string> Requests) Counted()
    {
        var requests = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var options = new Azure.Storage.Blobs.BlobClientOptions();
        options.AddPolicy(new RequestLog(requests), Azure.Core.HttpPipelinePosition.PerRetry);
        return (new ArticleStore(new Azure.Storage.Blobs.BlobServiceClient(azurite.ConnectionString, options)), requests);
    }

    private sealed class RequestLog(System.Collections.Concurrent.ConcurrentQueue<string> requests) : Azure.Core.Pipeline.HttpPipelineSynchronousPolicy
    {
        public override void OnSendingRequest(Azure.Core.HttpMessage message) =>
            requests.Enqueue($"{message.Request.Method} {message.Request.Uri.Path}{message.Request.Uri.Query}");
    }

    private static async Task<Exception?> Attempt(Func<Task> write)
    {
        try
        {
            await write();
            return null;
        }
        catch (RecordConflictException ex)
        {
            return ex;
        }
    }

    private static ArticleRecord Record(int revision, string title) => new()
    {
        SchemaVersion = ArticleRecord.CurrentSchemaVersion,
        ArticleId = Id.ToString(),
        Source = "scmp-opinion",
        Url = "https://www.scmp.com/opinion/article/1/x",
        Article = new Article { Title = title, Body = ImmutableArray.Create("A paragraph.") },
        ContentHash = new string('0', 64),
        ParserVersion = "test",
        Provenance = new RecordProvenance
        {
            Revision = revision,
            Reason = revision == 1 ? RevisionReason.FirstFetch : RevisionReason.PageChanged,
            SnapshotId = new string('a', 64),
            FetchedAt = DateTimeOffset.UnixEpoch,
            ExtractedAt = DateTimeOffset.UnixEpoch,
            FetchedUrl = "https://www.scmp.com/opinion/article/1/x",
        },
    };
}
