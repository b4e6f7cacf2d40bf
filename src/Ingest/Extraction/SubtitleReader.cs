using System.Collections.Frozen;
using AngleSharp.Dom;

namespace Ingest.Extraction;

/// <summary>
/// Reads the subtitle (standfirst, dek): an element whose class names it, else the first smaller heading right after
/// the headline, within the headline's own block.
/// </summary>
internal static class SubtitleReader
{
    private static readonly FrozenSet<string> SubtitleClasses = FrozenSet.Create(
        StringComparer.Ordinal,
        "SUBTITLE", "SUB-TITLE", "SUB_TITLE", "SUBHEADLINE", "SUB-HEADLINE", "STANDFIRST", "DEK", "ARTICLE-DEK", "ARTICLE__STANDFIRST", "SUBHEAD");

    /// <summary>The subtitle around <paramref name="heading"/> (the headline), or null.</summary>
    public static string? SubtitleOf(PageElements page, IElement? heading)
    {
        // Every subtitle class has "sub", "dek" or "standfirst" in it: other classes are not split and upper-cased.
        foreach (var element in page.Matching(static e => e.GetAttribute("class") is { } classes
            && (classes.Contains("sub", StringComparison.OrdinalIgnoreCase) || classes.Contains("dek", StringComparison.OrdinalIgnoreCase)
                || classes.Contains("standfirst", StringComparison.OrdinalIgnoreCase))))
        {
            if (ClassNames.HasClass(element, SubtitleClasses))
            {
                var text = DomText.Of(element);
                if (text.Length is >= 10 and <= 400)
                {
                    return text;
                }
            }
        }

        // The first smaller heading right after the headline, within the headline's own block.
        var scope = heading?.ParentElement?.ParentElement;
        if (scope is null || heading is null)
        {
            return null;
        }

        var afterHeading = false;
        foreach (var element in DomTree.Descendants(scope))
        {
            if (ReferenceEquals(element, heading))
            {
                afterHeading = true;
            }
            else if (afterHeading && element.LocalName is "h2" or "h3" or "h4")
            {
                var text = DomText.Of(element);
                return text.Length is >= 10 and <= 400 ? text : null;
            }
            else if (afterHeading && element.LocalName is "p" or "div" or "section" && !DomTree.HasBlockChild(element)
                && DomText.OfAtMost(element, 150) is null)
            {
                return null; // the body began: a heading after this is a subheading or a "more stories" box.
            }
        }

        return null;
    }
}
