using System.Globalization;
using System.Net;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Ingest.Records;

namespace Ingest.Storage;

/// <summary>
/// The archive's index: empty marker blobs in the records container whose names say site, day and article, so that
/// "site S since D" or "everything" is a prefix listing, not a scan of every record.
/// <list type="bullet">
/// <item><c>_index/site/{site}/{yyyy}/{MM}/{dd}/{hash}</c></item>
/// <item><c>_index/date/{yyyy}/{MM}/{dd}/{site}_{hash}</c></item>
/// </list>
/// The day is the article's published date (UTC), else the day it was first fetched. A marker is written before
/// the record it lists; a record whose day changes gets a second marker, and listings may name it twice.
/// </summary>
public sealed class ArticleIndex(BlobServiceClient blobs)
{
    private readonly LazyContainer _container = new(blobs, ArticleStore.RecordsContainer);

    /// <summary>The root of the index.</summary>
    public const string Root = "_index/";

    /// <summary>The day an article is indexed under.</summary>
    public static DateOnly DayOf(ArticleRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return DateOnly.FromDateTime((record.Article.Published ?? record.Provenance.FetchedAt).UtcDateTime);
    }

    /// <summary>The by-site marker of an article.</summary>
    public static string BySiteName(ArticleId id, DateOnly day) => $"{Root}site/{id.Site}/{Day(day)}/{id.Hash}";

    /// <summary>The by-date marker of an article.</summary>
    public static string ByDateName(ArticleId id, DateOnly day) => $"{Root}date/{Day(day)}/{id}";

    /// <summary>
    /// The listing prefixes that cover a scope, in order; each is listed in full and filtered by day. A range with no
    /// end runs to <paramref name="today"/>.
    /// </summary>
    public static IReadOnlyList<string> PrefixesFor(string? site, DateOnly? since, DateOnly? until, DateOnly today)
    {
        if (since is null)
        {
            return [site is null ? $"{Root}site/" : $"{Root}site/{site}/"];
        }

        var last = until ?? today;
        var prefixes = new List<string>();
        for (var month = new DateOnly(since.Value.Year, since.Value.Month, 1); month <= last; month = month.AddMonths(1))
        {
            var ym = month.ToString("yyyy'/'MM", CultureInfo.InvariantCulture);
            prefixes.Add(site is null ? $"{Root}date/{ym}/" : $"{Root}site/{site}/{ym}/");
        }

        return prefixes;
    }

    /// <summary>Reads an article and its day back from a marker name of either kind.</summary>
    public static bool TryParse(string name, out ArticleId id, out DateOnly day)
    {
        id = default;
        day = default;
        var parts = name.Split('/');
        string? idText = null;
        string[]? date = null;
        if (parts is ["_index", "site", var site, var y, var m, var d, var hash])
        {
            idText = $"{site}_{hash}";
            date = [y, m, d];
        }
        else if (parts is ["_index", "date", var y2, var m2, var d2, var text])
        {
            idText = text;
            date = [y2, m2, d2];
        }

        return idText is not null
            && ArticleId.TryParse(idText, out id)
            && DateOnly.TryParseExact(string.Join('-', date!), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);
    }

    private static string Day(DateOnly day) => day.ToString("yyyy'/'MM'/'dd", CultureInfo.InvariantCulture);

    /// <summary>Lists an article under its site and day (idempotent: a marker already there is kept).</summary>
    public async Task AddAsync(ArticleId id, DateOnly day, CancellationToken cancellationToken)
    {
        foreach (var name in new[] { ArticleIndex.BySiteName(id, day), ArticleIndex.ByDateName(id, day) })
        {
            try
            {
                await (await _container.CreatedAsync(cancellationToken)).GetBlobClient(name).UploadAsync(BinaryData.Empty, new BlobUploadOptions
                {
                    Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                }, cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.Conflict)
            {
                // Indexed already.
            }
        }
    }

    /// <summary>
    /// One page of the index under <paramref name="prefix"/>: the articles listed there with their day, and the
    /// continuation token of the next page (null at the end).
    /// </summary>
    public async Task<(IReadOnlyList<(ArticleId Id, DateOnly Day)> Articles, string? Next)> ListPageAsync(string prefix, string? continuation, int pageSize, CancellationToken cancellationToken)
    {
        var records = await _container.CreatedAsync(cancellationToken);
        var articles = new List<(ArticleId, DateOnly)>();
        await foreach (var page in records.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }, cancellationToken).AsPages(continuation, pageSize))
        {
            foreach (var item in page.Values)
            {
                if (ArticleIndex.TryParse(item.Name, out var id, out var day))
                {
                    articles.Add((id, day));
                }
            }

            return (articles, string.IsNullOrEmpty(page.ContinuationToken) ? null : page.ContinuationToken);
        }

        return (articles, null);
    }
}
