using AngleSharp.Dom;

namespace Ingest.Extraction;

/// <summary>
/// Whether an element is part of the page around the article (navigation, a side column, the page's footer) rather
/// than of the article: a date, a byline or a block found there belongs to the site, not to the story.
/// </summary>
internal static class PageFurniture
{
    /// <summary>
    /// Whether a footer is the page's: neither inside an article or the main column (HTML's footer of a section: its
    /// author and date) nor around an article.
    /// </summary>
    public static bool IsPageFooter(IElement footer) => DomTree.ClosestTag(footer.ParentElement, "article", "main") is null && !DomTree.HasDescendant(footer, "article");

    /// <summary>Whether the element is in navigation, a side column or the page's footer.</summary>
    public static bool InPageFurniture(IElement element)
        => DomTree.ClosestTag(element, "nav", "aside") is not null || DomTree.ClosestTag(element, "footer") is { } footer && IsPageFooter(footer);

    /// <summary>Whether the element is inside a footer that is the page's, not an article's (see <see cref="IsPageFooter"/>).</summary>
    public static bool InPageFooter(IElement element) => DomTree.ClosestTag(element, "footer") is { } footer && IsPageFooter(footer);
}
