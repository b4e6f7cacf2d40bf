using System.Collections.Immutable;
using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace Ingest.Extraction;

/// <summary>
/// Whose name a byline element holds, read from where it sits: under another story's linked heading (a teaser), after
/// a label of another role ("Reviewed by"), or in a link to a tag or topic page, it is not this story's writer; and
/// whether a printed byline stands in for declared names the page never prints.
/// </summary>
internal static partial class BylineContext
{
    /// <summary>
    /// Whether the element is in the page's furniture (<see cref="PageFurniture"/>: navigation, the page's footer and,
    /// with <paramref name="aside"/>, a side column) or in readers' comments. A footer inside the story's
    /// <c>article</c> or <c>main</c> is the story's own (its author and tags), not the page's.
    /// </summary>
    public static bool InPageChrome(IElement element, bool aside)
        => (aside ? PageFurniture.InPageFurniture(element) : DomTree.ClosestTag(element, "nav") is not null || PageFurniture.InPageFooter(element))
            || InComments(element);

    // Readers' comments (WordPress's "comment-body" articles, "comments-area", Disqus): their names are commenters'.
    private static bool InComments(IElement element)
    {
        for (var node = element; node is not null && node.LocalName is not ("body" or "html"); node = node.ParentElement)
        {
            if (node.Id is { } id && (id.StartsWith("comment", StringComparison.OrdinalIgnoreCase) || id.StartsWith("disqus", StringComparison.OrdinalIgnoreCase))
                || node.GetAttribute("class") is { } classes && classes.Contains("comment", StringComparison.OrdinalIgnoreCase)
                && classes.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Any(static c => c.StartsWith("comment", StringComparison.OrdinalIgnoreCase) && c is not ("comments-open" or "comments-closed")))
            {
                return true;
            }
        }

        return false;
    }

    // The byline of another story's teaser: the element, or one of its five nearest ancestors, comes just after a
    // heading that links away ("<h3><a href=…>Funding available…</a></h3><div class=post-meta>by Scott Miller</div>").
    // The story's own byline follows its h1, which links nowhere.
    public static bool InTeaser(IElement element, Uri pageUrl)
    {
        var holder = element;
        for (var level = 0; level < 6 && holder is not null && holder.LocalName is not ("body" or "article" or "main"); level++, holder = holder.ParentElement)
        {
            if (holder.PreviousElementSibling is { } before && before.LocalName is "h2" or "h3" or "h4" or "h5" or "h6"
                && before.QuerySelector("a[href]")?.GetAttribute("href") is { } href
                && PageLinks.Absolute(pageUrl, href) is { } target && Uri.TryCreate(target, UriKind.Absolute, out var away)
                && away.AbsolutePath.TrimEnd('/') != pageUrl.AbsolutePath.TrimEnd('/')
                && !OwnHeading(before))
            {
                return true;
            }
        }

        return false;
    }

    // A linked heading that is the story's own (an e-mail edition links its headline through a tracker): the document's
    // title holds its words.
    private static bool OwnHeading(IElement heading)
        => heading.Owner?.Title is { Length: > 0 } title && DomText.Compact(DomText.Of(heading)) is { Length: > 10 } words
            && DomText.Compact(title).Contains(words, StringComparison.Ordinal);

    /// <summary>
    /// The writer a sentence names ("This post was written by Danielle Padula, Head of Marketing…", "The article was
    /// authored by Jane Doe."): a person's name of two to five words, or null.
    /// </summary>
    public static string? WrittenBy(string? text)
        => text is { Length: > 0 } && WrittenBySentence().Match(text) is { Success: true } match
            && AuthorNames.Split(match.Groups["name"].Value) is [var name] && name.Contains(' ', StringComparison.Ordinal) && AuthorNames.LooksLikeName(name)
            ? name
            : null;

    [GeneratedRegex(@"\b(?:this|the)\s+(?:blog\s+)?(?:post|article|story|piece|guide|blog)\s+(?:was\s+)?(?:written|authored)\s+by\s+(?<name>[^,.;:()]{3,60})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WrittenBySentence();

    // "Reviewed by <a>Robert Tschudi</a>", "Researched by", "Fact-checked by": a name the page labels as another role
    // than the writer's, in the element's own text or just before it in its parent's or grandparent's.
    public static bool LabelledAsOtherRole(IElement element, string text)
    {
        if (OtherRole().IsMatch(text) || AfterOtherRoleLabel(element))
        {
            return true;
        }

        var holder = element;
        for (var level = 0; level < 2 && holder.ParentElement is { } parent; level++, holder = parent)
        {
            if (DomText.OfAtMost(parent, 160) is not { } around || around.IndexOf(text, StringComparison.Ordinal) is not (var at and >= 0))
            {
                return false;
            }

            if (at > 0)
            {
                return OtherRoleBefore().IsMatch(around[..at]);
            }
        }

        return false;
    }

    /// <summary>
    /// Whether a label of its own naming another role ("Reviewed by,") stands just before <paramref name="element"/> or
    /// before the block holding it (a page builder's text widget above its author-box widget).
    /// </summary>
    public static bool AfterOtherRoleLabel(IElement element)
    {
        var holder = element;
        for (var level = 0; level < 5 && holder is not null; level++, holder = holder.ParentElement)
        {
            if (holder.PreviousElementSibling is { } before && DomText.OfAtMost(before, 30) is { Length: > 0 } label && OtherRoleLabel().IsMatch(label))
            {
                return true;
            }
        }

        return false;
    }

    // The roles beside the writer's that a page labels: "Reviewed by", "Medically reviewed by", "Fact-checked by", …
    private const string OtherRoleBy = @"(?:reviewed|fact[- ]?checked|checked|edited|researched|illustrated|photographed|produced|translated|verified)\s+by";

    private const string RoleQualifier = @"(?:(?:medically|expert|fact)\s+)?";

    // The label alone: "Reviewed by,".
    [GeneratedRegex("^" + RoleQualifier + OtherRoleBy + @"\s*[:,]?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OtherRoleLabel();

    // A text opening with the label: "Reviewed by Robert Roe".
    [GeneratedRegex("^" + RoleQualifier + OtherRoleBy + @"\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OtherRole();

    // A text ending with the label, before the name: "… Reviewed by:".
    [GeneratedRegex(OtherRoleBy + @"\s*:?\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OtherRoleBefore();

    // A link to a tag, category or topic page ("/tag/personal-finance", "/category/GARDEN+MAINTENANCE") names a subject,
    // not a writer, wherever it sits (a byline block listing the story's tags).
    public static bool IsSubjectLink(IElement element)
        => DomTree.ClosestTag(element, "a") is { } link && link.GetAttribute("href") is { } href && SubjectPath().IsMatch(href);

    // The element's text less the text of the subject links in it.
    public static string WithoutSubjectLinks(IElement element)
    {
        var text = DomText.Of(element);
        if (IsSubjectLink(element))
        {
            return string.Empty;
        }

        foreach (var link in element.QuerySelectorAll("a[href]"))
        {
            if (SubjectPath().IsMatch(link.GetAttribute("href")!) && DomText.Of(link) is { Length: > 0 } subject)
            {
                text = DomText.Normalize(text.Replace(subject, " ", StringComparison.Ordinal));
            }
        }

        return text;
    }

    [GeneratedRegex(@"/(?:tags?|topics?|category|categories|labels?|schlagworte?|themen?|thema)/", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SubjectPath();

    /// <summary>Whether <paramref name="printed"/> is another byline than <paramref name="declared"/>, of people: two words or more each, no team or company.</summary>
    public static bool IsPeopleInstead(ImmutableArray<ArticleAuthor> declared, ImmutableArray<ArticleAuthor> printed)
        => !printed.Any(p => declared.Any(d => string.Equals(d.Name, p.Name, StringComparison.OrdinalIgnoreCase)))
            && printed.All(p => p.Name.Contains(' ', StringComparison.Ordinal) && !AuthorNames.IsOrganisation(p.Name));

    /// <summary>Whether the page prints the last word of any of <paramref name="names"/>: a surname printed is the name printed ("André Oliver KLEIN" as "André Klein").</summary>
    public static bool PrintsAnySurname(PageElements page, ImmutableArray<ArticleAuthor> names)
        => names.Any(n => page.PrintsAll([n.Name.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1]]));
}
