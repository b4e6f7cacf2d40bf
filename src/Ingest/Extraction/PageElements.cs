using AngleSharp.Css.Dom;
using AngleSharp.Dom;

namespace Ingest.Extraction;

/// <summary>
/// The elements of a parsed page in document order, gathered in one walk. Reading the metadata scans the whole page
/// about fifteen times (JSON-LD blocks, meta tags, headings, bylines, dates, subtitles), and walking the tree again for
/// each scan cost more than the tests made on the way. A snapshot: valid while the document is not changed, which
/// metadata reading never does.
/// </summary>
internal sealed class PageElements
{
    private readonly IElement[] _all;
    private readonly int _bodyStart;
    private readonly int _bodyEnd;

    public PageElements(IDocument document)
    {
        Document = document;
        _all = [.. DomTree.Matching(document, static _ => true)];
        // The body's descendants follow it in document order, up to the first element outside it.
        if (document.Body is { } body && Array.IndexOf(_all, body) is var at and >= 0)
        {
            _bodyStart = at + 1;
            _bodyEnd = NextOutside(body) is { } after && Array.IndexOf(_all, after, _bodyStart) is var end and >= 0 ? end : _all.Length;
        }
    }

    public IDocument Document { get; }

    /// <summary>Every element, the root element first.</summary>
    public IReadOnlyList<IElement> All => _all;

    /// <summary>The elements inside the body (not the body itself); none when the page has no body.</summary>
    public ArraySegment<IElement> InBody => new(_all, _bodyStart, _bodyEnd - _bodyStart);

    /// <summary>
    /// The body's text as a reader sees it, one entry per text node of two characters or more (not in a script, style,
    /// template or noscript; no-break spaces as spaces), built on first use: whether the page prints a name is asked
    /// more than once a page, and each asking used to walk every element's child nodes.
    /// </summary>
    public IReadOnlyList<string> VisibleTexts => _visibleTexts ??= GatherVisibleTexts();

    private List<string>? _visibleTexts;

    /// <summary>
    /// Whether the page prints every one of <paramref name="names"/> (ignoring case) in its body as text a reader sees
    /// (<see cref="VisibleTexts"/>): a name read from metadata that the page also prints is a byline the reader is shown.
    /// </summary>
    public bool PrintsAll(IReadOnlyList<string> names)
    {
        if (names.Count == 0 || names.Any(n => n.Length == 0))
        {
            return false;
        }

        var texts = VisibleTexts;
        return names.All(name => texts.Any(text => text.Contains(name, StringComparison.OrdinalIgnoreCase)));
    }

    private List<string> GatherVisibleTexts()
    {
        var texts = new List<string>();
        foreach (var element in InBody)
        {
            if (element.LocalName is "script" or "style" or "template" or "noscript")
            {
                continue;
            }

            var nodes = element.ChildNodes;
            for (var i = 0; i < nodes.Length; i++)
            {
                if (nodes[i] is IText { Data: { Length: > 1 } text })
                {
                    texts.Add(text.Contains('\u00a0', StringComparison.Ordinal) ? text.Replace('\u00a0', ' ') : text);
                }
            }
        }

        return texts;
    }

    /// <summary>The elements that <paramref name="selector"/> matches, in document order.</summary>
    public IEnumerable<IElement> Matching(ISelector selector) => _all.Where(element => selector.Match(element, null));

    /// <summary>The elements that pass <paramref name="test"/>, in document order.</summary>
    public IEnumerable<IElement> Matching(Func<IElement, bool> test) => _all.Where(test);

    private static IElement? NextOutside(IElement element)
    {
        for (var current = element; current is not null; current = current.ParentElement)
        {
            if (current.NextElementSibling is { } next)
            {
                return next;
            }
        }

        return null;
    }
}
