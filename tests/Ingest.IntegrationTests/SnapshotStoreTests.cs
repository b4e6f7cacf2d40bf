using Ingest.Records;
using Ingest.Sources;
using Ingest.Storage;

namespace Ingest.IntegrationTests;

/// <summary>The raw pages' content-addressed, write-once blobs against a real Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class SnapshotStoreTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly ArticleId Id = ArticleId.FromCanonicalUrl(new Uri("https://www.scmp.com/opinion/article/1/x"));

    public ValueTask InitializeAsync() => azurite.ResetAsync(TestContext.Current.CancellationToken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact(Timeout = TestTimeouts.Storage)]
    public async Task PutAsync_SameBytesTwice_StoresOnceAndReadsBackExactly()
    {
        var store = new SnapshotStore(azurite.Blobs);
        var snapshot = Snapshot("<html><body><p>본문 텍스트</p></body></html>"u8.ToArray());

        Assert.True(await store.PutAsync(Id, snapshot, TestContext.Current.CancellationToken));
        Assert.False(await store.PutAsync(Id, snapshot, TestContext.Current.CancellationToken));
        var read = await store.GetAsync(Id, snapshot.SnapshotId, TestContext.Current.CancellationToken);

        Assert.NotNull(read);
        Assert.Equal(snapshot.Content.ToArray(), read.Content.ToArray());
        Assert.Equal(snapshot.Url, read.Url);
        Assert.Equal(snapshot.ETag, read.ETag);
        Assert.Equal(snapshot.FetchedAt, read.FetchedAt);
    }

    [Fact(Timeout = TestTimeouts.Storage)]
    public async Task PutAsync_LongestUrlsFullOfEscapesAndAnOversizedETag_FitTheMetadataLimitAndReadBack()
    {
        // Two URLs at the 2,048-character limit made of percent-escapes (the worst case for metadata), and an ETag of
        // 10,000 characters, as a hostile server could send: stored within Azure's 8 KB of metadata, the ETag left out.
        var store = new SnapshotStore(azurite.Blobs);
        var path = string.Concat(Enumerable.Repeat("%ED%95%9C", 230));
        var url = ("https://www.scmp.com/opinion/" + path)[..UrlLimit.MaxLength];
        var snapshot = Snapshot("<html><body><p>long</p></body></html>"u8.ToArray()) with
        {
            Url = url,
            FinalUrl = url.Replace("opinion", "opinions", StringComparison.Ordinal)[..UrlLimit.MaxLength],
            ETag = "\"" + new string('e', 10_000) + "\"",
        };

        Assert.True(await store.PutAsync(Id, snapshot, TestContext.Current.CancellationToken));
        var read = await store.GetAsync(Id, snapshot.SnapshotId, TestContext.Current.CancellationToken);

        Assert.Equal(snapshot.Url, read!.Url);
        Assert.Equal(snapshot.FinalUrl, read.FinalUrl);
        Assert.Null(read.ETag);
    }

    [Fact(Timeout = TestTimeouts.Storage)]
    public async Task PutAsync_UrlOverTheLimit_IsRefusedBeforeAnyStorageCall()
    {
        var store = new SnapshotStore(azurite.Blobs);
        var snapshot = Snapshot("<html></html>"u8.ToArray()) with { Url = "https://www.scmp.com/" + new string('a', 3000) };

        var thrown = await Assert.ThrowsAsync<ArgumentException>(() => store.PutAsync(Id, snapshot, TestContext.Current.CancellationToken));

        Assert.Contains("over the limit of 2048", thrown.Message, StringComparison.Ordinal);
        Assert.False(await azurite.Blobs.GetBlobContainerClient(SnapshotStore.Container).ExistsAsync(TestContext.Current.CancellationToken));
    }

    private static RawSnapshot Snapshot(byte[] content) => new()
    {
        SnapshotId = SnapshotStore.IdOf(content),
        Content = content,
        Url = "https://www.scmp.com/opinion/article/1/x?q=한국",
        ETag = "\"abc\"",
        HttpStatus = 200,
        ContentType = "text/html; charset=utf-8",
        FetchedAt = new DateTimeOffset(2026, 11, 29, 9, 0, 0, TimeSpan.Zero),
    };
}
