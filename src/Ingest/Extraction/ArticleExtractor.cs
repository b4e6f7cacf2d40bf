using System.Collections.Immutable;
using AngleSharp.Html.Parser;

namespace Ingest.Extraction;

/// <summary>
/// Turns raw page bytes into an <see cref="ExtractedArticle"/>. Pure: no network, no storage, so a re-parse and a
/// golden test need neither.
/// </summary>
public sealed class ArticleExtractor
{
    /// <summary>The parser version written into every record; raise it whenever extraction output can change.</summary>
    public const string Version = "0.1.0";

    private readonly HtmlParser _parser = new();

    /// <summary>Extracts one page.</summary>
    public ExtractionOutcome Extract(PageInput page)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (page.Content.IsEmpty)
        {
            return ExtractionOutcome.NotAnArticle("the page is empty");
        }

        using var stream = new MemoryStream(page.Content.ToArray(), writable: false);
        using var document = _parser.ParseDocument(stream);
        var title = document.QuerySelector("h1")?.TextContent.Trim() ?? document.Title?.Trim();
        if (string.IsNullOrEmpty(title))
        {
            return ExtractionOutcome.NotAnArticle("the page has no title");
        }

        var body = document.QuerySelectorAll("p").Select(p => p.TextContent.Trim()).Where(t => t.Length > 0).ToImmutableArray();
        return body.IsEmpty
            ? ExtractionOutcome.NotAnArticle("the page has no body text")
            : ExtractionOutcome.Found(new ExtractedArticle { Title = title, Body = body });
    }
}
