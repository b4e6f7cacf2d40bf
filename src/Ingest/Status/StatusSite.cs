using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Ingest.Records;
using Ingest.Storage;

namespace Ingest.Status;

/// <summary>A response of the status site.</summary>
public sealed record StatusResponse(int Status, string ContentType, string Body);

/// <summary>
/// The status site, the same for both hosts (the Functions app's <c>status</c> function and <c>ingest serve</c>):
/// <c>/</c> the page, <c>/articles/{id}</c> an article's current record as JSON, <c>/articles/{id}/history</c> its
/// revisions. Read-only: it changes nothing stored.
/// </summary>
public sealed class StatusSite(StatusReader reader, ArticleStore store)
{
    private const string Html = "text/html; charset=utf-8";
    private static readonly JsonSerializerOptions JsonOut = new(RecordJsonContext.Default.Options) { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Answers a GET of <paramref name="path"/> (relative to the site's root).</summary>
    public async Task<StatusResponse> GetAsync(string? path, StatusLinks links, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(links);
        var parts = (path ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
        {
            return new StatusResponse(200, Html, StatusPage.Render(await reader.ReadAsync(cancellationToken), links));
        }

        if (parts[0] != "articles" || parts.Length is < 2 or > 3 || (parts.Length == 3 && parts[2] != "history"))
        {
            return NotFound($"No such page: /{string.Join('/', parts)}. The status site has /, /articles/ID and /articles/ID/history.");
        }

        var text = Uri.UnescapeDataString(parts[1]);
        if (!ArticleId.TryParse(text, out var id))
        {
            return new StatusResponse(400, "text/plain; charset=utf-8", $"'{text}' is not an article id.");
        }

        if (parts.Length == 2)
        {
            return await store.GetCurrentAsync(id, cancellationToken) is { } current
                ? new StatusResponse(200, "application/json; charset=utf-8", JsonSerializer.Serialize(current.Record, JsonOut))
                : NotFound($"No record is stored for {id}.");
        }

        var rows = await RevisionHistory.ReadAsync(store, id, cancellationToken);
        return rows.Count == 0 ? NotFound($"No record is stored for {id}.") : new StatusResponse(200, Html, HistoryPage(id, rows, links));
    }

    private static StatusResponse NotFound(string why) => new(404, "text/plain; charset=utf-8", why);

    private static string HistoryPage(ArticleId id, IReadOnlyList<RevisionRow> rows, StatusLinks links)
    {
        var html = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>Revisions</title>")
            .Append("<style>body{font:14px/1.4 system-ui,sans-serif;margin:0 auto;max-width:900px;padding:8px 12px}table{border-collapse:collapse}th,td{padding:3px 8px;border-bottom:1px solid #ddd;text-align:left}</style></head><body>")
            .Append("<p><a href=\"").Append(StatusPage.Text(links.Page)).Append("\">status</a> · <a href=\"").Append(StatusPage.Text(links.Record(id.ToString()))).Append("\">current record (JSON)</a></p>")
            .Append("<h1>Revisions of ").Append(StatusPage.Text(id.ToString())).Append("</h1><table><tr><th>rev</th><th>reason</th><th>extracted (UTC)</th><th>parser</th><th>changed</th></tr>");
        foreach (var row in rows)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{row.Number}</td><td>{row.Reason}</td><td>{StatusPage.Time(row.ExtractedAt)}</td><td>{StatusPage.Text(row.ParserVersion)}</td><td>{StatusPage.Text(row.ChangedText)}</td></tr>");
        }

        return html.Append("</table></body></html>").ToString();
    }
}
