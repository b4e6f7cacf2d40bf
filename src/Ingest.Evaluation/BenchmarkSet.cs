using System.Text.Json;

namespace Ingest.Evaluation;

/// <summary>One benchmark page: where its HTML is, its URL, and the truth to compare with.</summary>
/// <param name="Id">The page's name (its file name without extensions).</param>
/// <param name="HtmlPath">The saved page.</param>
/// <param name="Url">The URL the page was saved from.</param>
/// <param name="Body">The true body text.</param>
/// <param name="Title">The true title, when the benchmark gives one.</param>
/// <param name="Author">The true author string, when the benchmark gives one.</param>
/// <param name="PublishDate">The true publication date (<c>yyyy-MM-dd</c>), when the benchmark gives one.</param>
public sealed record BenchmarkPage(string Id, string HtmlPath, Uri Url, string Body, string? Title = null, string? Author = null, string? PublishDate = null);

/// <summary>Reads the public benchmark folders from where they lie; nothing is copied.</summary>
public static class BenchmarkSet
{
    private static readonly Uri UnknownUrl = new("https://unknown.invalid/");

    /// <summary>ScrapingHub: <c>html/{id}.html.gz</c> and <c>ground-truth.json</c> = <c>{id: {articleBody, url}}</c>.</summary>
    public static IReadOnlyList<BenchmarkPage> ReadScrapinghub(string folder)
    {
        using var truth = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, "ground-truth.json")));
        var pages = new List<BenchmarkPage>();
        foreach (var entry in truth.RootElement.EnumerateObject())
        {
            pages.Add(new BenchmarkPage(
                entry.Name,
                HtmlPath(folder, entry.Name),
                UrlOf(entry.Value),
                StringOf(entry.Value, "articleBody") ?? string.Empty));
        }

        return [.. pages.OrderBy(p => p.Id, StringComparer.Ordinal)];
    }

    /// <summary>WCXB: <c>html/NNNN.html.gz</c> and <c>ground-truth/NNNN.json</c> → <c>url</c>, <c>ground_truth.{title, author, publish_date, main_content}</c>.</summary>
    public static IReadOnlyList<BenchmarkPage> ReadWcxb(string folder)
    {
        var pages = new List<BenchmarkPage>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(folder, "ground-truth"), "*.json").Order(StringComparer.Ordinal))
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(file));
            var root = document.RootElement;
            var id = Path.GetFileNameWithoutExtension(file);
            var truth = root.GetProperty("ground_truth");
            pages.Add(new BenchmarkPage(
                id,
                HtmlPath(folder, id),
                UrlOf(root),
                StringOf(truth, "main_content") ?? string.Empty,
                StringOf(truth, "title"),
                StringOf(truth, "author"),
                StringOf(truth, "publish_date")));
        }

        return pages;
    }

    /// <summary>
    /// fundus-news: <c>html/{id}.html.gz</c> and <c>ground-truth.json</c> = <c>{id: {url, title, authors: [...],
    /// published, articleBody}}</c>. The authors become one string joined with ", " (the WCXB author rule looks each
    /// extracted name up in it; an empty list is no author truth); the date is the day as the truth writes it (its
    /// first ten characters, the calendar day in the truth's own offset).
    /// </summary>
    public static IReadOnlyList<BenchmarkPage> ReadFundus(string folder)
    {
        using var truth = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, "ground-truth.json")));
        var pages = new List<BenchmarkPage>();
        foreach (var entry in truth.RootElement.EnumerateObject())
        {
            var authors = entry.Value.TryGetProperty("authors", out var list) && list.ValueKind == JsonValueKind.Array
                ? list.EnumerateArray().Where(a => a.ValueKind == JsonValueKind.String).Select(a => a.GetString()!.Trim()).Where(a => a.Length > 0).ToList()
                : [];
            var published = StringOf(entry.Value, "published");
            pages.Add(new BenchmarkPage(
                entry.Name,
                HtmlPath(folder, entry.Name),
                UrlOf(entry.Value),
                StringOf(entry.Value, "articleBody") ?? string.Empty,
                StringOf(entry.Value, "title"),
                authors.Count > 0 ? string.Join(", ", authors) : null,
                published is { Length: >= 10 } ? published[..10] : null));
        }

        return [.. pages.OrderBy(p => p.Id, StringComparer.Ordinal)];
    }

    private static string HtmlPath(string folder, string id)
    {
        var gz = Path.Combine(folder, "html", id + ".html.gz");
        return File.Exists(gz) ? gz : Path.Combine(folder, "html", id + ".html");
    }

    private static Uri UrlOf(JsonElement element)
        => StringOf(element, "url") is { } url && Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri : UnknownUrl;

    private static string? StringOf(JsonElement element, string name)
        => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
