using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Azure.Storage.Blobs;
using Ingest.Extraction;
using Ingest.Records;
using Ingest.Storage;

namespace Ingest.IntegrationTests;

/// <summary>
/// Fills the archive directly, as an older parser would have left it: raw pages of generated articles, each with a
/// record whose content and parser version differ from what the current parser makes of the page.
/// </summary>
internal static class ArchiveSeed
{
    public const string OldParser = "0.0.1-old";

    public static async Task<IReadOnlyList<ArticleId>> StoreAsync(BlobServiceClient blobs, int count, string site = "seed.example", int days = 30, CancellationToken cancellationToken = default)
    {
        var store = new ArticleStore(blobs);
        var snapshots = new SnapshotStore(blobs);
        var ids = new List<ArticleId>();
        var start = new DateTimeOffset(2025, 9, 1, 8, 0, 0, TimeSpan.FromHours(9));
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            var url = new Uri(string.Create(CultureInfo.InvariantCulture, $"https://{site}/column/{i:D5}"));
            var id = ArticleId.FromCanonicalUrl(url);
            var published = start.AddDays(i % days);
            var html = Encoding.UTF8.GetBytes(Page(i, published));
            var snapshot = new RawSnapshot
            {
                SnapshotId = SnapshotStore.IdOf(html),
                Content = html,
                Url = url.AbsoluteUri,
                HttpStatus = 200,
                ContentType = "text/html; charset=utf-8",
                FetchedAt = published.AddHours(1),
            };
            await snapshots.PutAsync(id, snapshot, ct);
            await store.SaveRevisionAsync(new ArticleRecord
            {
                SchemaVersion = ArticleRecord.CurrentSchemaVersion,
                ArticleId = id.ToString(),
                Source = "seed",
                Url = url.AbsoluteUri,
                Article = new Article
                {
                    Title = "Title as the old parser saw it",
                    Published = published,
                    Body = ImmutableArray.Create("A paragraph the old parser kept."),
                },
                ContentHash = new string('0', 64),
                ParserVersion = OldParser,
                Provenance = new RecordProvenance
                {
                    Revision = 1,
                    Reason = RevisionReason.FirstFetch,
                    SnapshotId = snapshot.SnapshotId,
                    FetchedAt = snapshot.FetchedAt,
                    ExtractedAt = snapshot.FetchedAt,
                    FetchedUrl = url.AbsoluteUri,
                },
            }, current: null, ct);
            lock (ids)
            {
                ids.Add(id);
            }
        });
        return ids;
    }

    private static string Page(int i, DateTimeOffset published) => string.Create(CultureInfo.InvariantCulture, $$"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>Column {{i}} | Seed Daily</title>
        <meta property="article:published_time" content="{{published:yyyy-MM-ddTHH:mm:sszzz}}"></head>
        <body><nav><a href="/">Home</a> <a href="/columns">Columns</a></nav>
        <main><article><h1>Column number {{i}} on the state of things</h1>
        <p class="byline">By Kim Min-ji</p>
        <p>Paragraph one of column {{i}} explains at some length why the subject matters to readers of this newspaper today.</p>
        <p>Paragraph two of column {{i}} brings evidence from several sources and weighs it carefully against the other side.</p>
        <p>Paragraph three of column {{i}} concludes with a recommendation that the government should consider seriously.</p>
        </article></main><footer>© Seed Daily</footer></body></html>
        """);
}
