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
