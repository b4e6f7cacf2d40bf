using System.Collections.Immutable;
using System.Text;

namespace Ingest.Extraction;

/// <summary>
/// What the independent sources of a page each say about the title, the authors and the published date, gathered while
/// the metadata is read, so that <see cref="FieldConfidence"/> can count how many of them agree with the value chosen.
/// </summary>
internal sealed class FieldSignals
{
    private readonly PageElements _page;
    private string? _visibleText;

    public FieldSignals(PageElements page) => _page = page;

    /// <summary>The titles by source kind (jsonld, meta, title-element, h1), each cleaned as the chosen title is.</summary>
    public List<(string Source, string Title)> Titles { get; } = [];

    /// <summary>The people JSON-LD names as authors.</summary>
    public ImmutableArray<string> JsonLdAuthors { get; set; } = [];

    /// <summary>The names the author meta tags give.</summary>
    public ImmutableArray<string> MetaAuthors { get; set; } = [];

    /// <summary>The names the site goes by.</summary>
    public SiteIdentity? Site { get; set; }

    /// <summary>Every source that named a publication date, with its date.</summary>
    public IReadOnlyList<(string Source, DateTimeOffset Date)> Dates { get; set; } = [];

    /// <summary>The JSON-LD articleBody, to compare the markup's body with.</summary>
    public string? ArticleBody { get; set; }

    /// <summary>The languages the page declares, by source (jsonld, markup, meta).</summary>
    public List<(string Source, string Language)> Languages { get; } = [];

    /// <summary>
    /// The text a reader sees in the body (no script, style or template), built once on first use: a name read from
    /// metadata that the page also prints is a byline the reader is shown.
    /// </summary>
    public string VisibleText => _visibleText ??= BuildVisibleText();

    private string BuildVisibleText()
    {
        var text = new StringBuilder();
        foreach (var element in _page.InBody)
        {
            if (element.LocalName is "script" or "style" or "template" or "noscript" || element.ParentElement?.LocalName is "script" or "style" or "template")
            {
                continue;
            }

            foreach (var node in element.ChildNodes)
            {
                if (node.NodeType == AngleSharp.Dom.NodeType.Text)
                {
                    text.Append(node.TextContent).Append(' ');
                }
            }
        }

        return DomText.Normalize(text.ToString());
    }
}
