using Ingest.Records;

namespace Ingest.Storage;

/// <summary>Reads current records by site and day through the index: what <c>ingest list</c> and <c>ingest export</c> use.</summary>
public sealed class ArchiveReader(ArticleStore store, TimeProvider time)
{
    /// <summary>The articles indexed in the scope, each once, with the day it is indexed under.</summary>
    public async IAsyncEnumerable<(ArticleId Id, DateOnly Day)> ListAsync(string? site, DateOnly? since, DateOnly? until, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var seen = new HashSet<ArticleId>();
        foreach (var prefix in ArticleIndex.PrefixesFor(site, since, until, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime)))
        {
            string? token = null;
            do
            {
                var (articles, next) = await store.Index.ListPageAsync(prefix, token, 1000, cancellationToken);
                foreach (var (id, day) in articles)
                {
                    if ((since is null || day >= since) && (until is null || day <= until) && seen.Add(id))
                    {
                        yield return (id, day);
                    }
                }

                token = next;
            }
            while (token is not null);
        }
    }

    /// <summary>
    /// The current records in the scope. A record is checked against the scope by its own day too: an index entry
    /// left from an earlier revision with another date does not bring it in.
    /// </summary>
    public async IAsyncEnumerable<ArticleRecord> ReadAsync(string? site, DateOnly? since, DateOnly? until, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var (id, _) in ListAsync(site, since, until, cancellationToken))
        {
            var current = await store.GetCurrentAsync(id, cancellationToken);
            if (current is null)
            {
                continue;
            }

            var day = ArticleIndex.DayOf(current.Record);
            if ((since is null || day >= since) && (until is null || day <= until))
            {
                yield return current.Record;
            }
        }
    }
}
