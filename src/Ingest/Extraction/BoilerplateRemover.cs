using System.Collections.Frozen;
using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace Ingest.Extraction;

/// <summary>
/// Strips what is never article text before the body is scored: scripts, navigation, page chrome, hidden elements and
/// blocks whose class or id names them as sharing, related links, ads, newsletters and the like.
/// </summary>
internal static partial class BoilerplateRemover
{
    // The tags and attributes are tested by hand, not with a selector: matching a list of a dozen CSS selectors
    // against every element of the page cost about a tenth of the page's parse each time.
    private static readonly FrozenSet<string> NeverTextTags = FrozenSet.Create(
        StringComparer.Ordinal,
        "script", "style", "noscript", "iframe", "svg", "button", "select", "textarea", "input", "template", "object",
        "embed", "canvas", "link", "meta");

    private static readonly FrozenSet<string> ChromeTags = FrozenSet.Create(StringComparer.Ordinal, "nav", "header", "footer", "aside", "dialog");

    private static readonly FrozenSet<string> ChromeRoles = FrozenSet.Create(StringComparer.Ordinal, "navigation", "banner", "contentinfo", "complementary");

    // An element holding this share of the page's paragraph text is the article, whatever its class says
    // ("page-block-container and-w-sidebar", "elementor-widget-theme-post-content").
    private const double ArticleShare = 0.4;

    // A form with fewer characters than this is a form, whatever share of the page it is.
    private const int MinFormArticleChars = 500;

    /// <summary>Removes boilerplate from <paramref name="root"/> in place.</summary>
    public static void Clean(IElement root)
    {
        // Each pass decides in document order, so an element is judged after everything before it was, and never
        // after anything inside it was.
        DomTree.Prune(root, static element => NeverTextTags.Contains(element.LocalName));

        var total = ParagraphChars(root);
        // A header inside the article holds its headline; the body scorer ignores h1 anyway, so dropping is safe.
        DomTree.Prune(root, element => IsPageChrome(element) && !HoldsTheArticle(element, total));

        // ASP.NET pages wrap the whole page in one form: only drop forms without real text (few paragraphs), unless the
        // form is the page itself with an article's worth of text (half the page's text and 500 characters or more: an
        // article written in divs, not paragraphs, is still one; a lone subscription form is not).
        int? pageText = null;
        DomTree.Prune(root, element => element.LocalName == "form" && DomTree.Descendants(element).Count(e => e.LocalName == "p") < 3
            && (TextMeasure.NonSpaceLength(element) is var formText && (formText < MinFormArticleChars || formText * 2 < (pageText ??= TextMeasure.NonSpaceLength(root)))));

        DomTree.Prune(
            root,
            element => element.LocalName is not ("html" or "body" or "main" or "article")
                && (IsBoilerplate(element) || IsHiddenByStyle(element)) && !InCode(element) && !HoldsTheArticle(element, total));
    }

    // nav, header, footer, aside, dialog, [hidden], [aria-hidden=true], [role=navigation], [role=banner],
    // [role=contentinfo], [role=complementary].
    private static bool IsPageChrome(IElement element)
        => ChromeTags.Contains(element.LocalName) || element.HasAttribute("hidden") || element.GetAttribute("aria-hidden") == "true"
            || element.GetAttribute("role") is { } role && ChromeRoles.Contains(role);

    /// <summary>True when the element's class or id says it is page furniture rather than article text.</summary>
    public static bool IsBoilerplate(IElement element)
    {
        var (classes, id) = (element.GetAttribute("class"), element.GetAttribute("id"));
        if (classes is null && id is null)
        {
            return false;
        }

        var names = $"{classes} {id}";
        if (string.IsNullOrWhiteSpace(names))
        {
            return false;
        }

        if (!Unlikely().IsMatch(names) || MaybeContent().IsMatch(names))
        {
            return false;
        }

        // A layout class naming the content column beside the sidebar ("grid-toc-content-sidebar",
        // "main-with-sidebar") describes a wrapper of the article, not furniture.
        var span = names.AsSpan();
        foreach (var range in span.Split(' '))
        {
            if (!span[range].IsEmpty && LayoutToken().IsMatch(span[range]))
            {
                return false;
            }
        }

        return true;
    }

    // Syntax highlighters name the tokens of a code sample ("hljs-comment", "token tag", "sh-share"): inside pre or
    // code a class names a token of the text, never page furniture.
    private static bool InCode(IElement element)
    {
        for (var ancestor = element.ParentElement; ancestor is not null; ancestor = ancestor.ParentElement)
        {
            if (ancestor.LocalName is "pre" or "code")
            {
                return true;
            }
        }

        return false;
    }

    private static bool HoldsTheArticle(IElement element, int total)
        => total > 0 && ParagraphChars(element) >= total * ArticleShare;

    private static int ParagraphChars(IElement root)
    {
        var chars = 0;
        foreach (var p in DomTree.Descendants(root))
        {
            if (p.LocalName != "p")
            {
                continue;
            }

            var length = TextMeasure.NonSpaceLength(p);
            if (length >= 80)
            {
                chars += length;
            }
        }

        return chars;
    }

    private static bool IsHiddenByStyle(IElement element)
    {
        var style = element.GetAttribute("style");
        // The panel of an accordion or tab (labelled by its heading button) is collapsed article text, not hidden
        // furniture: it opens on a click.
        return style is not null && HiddenStyle().IsMatch(style) && !element.HasAttribute("aria-labelledby");
    }

    // Token-ish matches: "share-bar", "social", "related_articles", "ad-slot", "ad_box01", "ads", "dablewidget".
    [GeneratedRegex(
        @"(?:^|[\s_-])(?:share|sharing|social|related|newsletter|comments?|advert\w*|ads?|ad[-_]\w*|adsense|dfp|promo\w*|cookie\w*|breadcrumbs?|footer|sidebar|subscribe|subscription|signup|sign-up|popup|modal|banner|sponsor\w*|outbrain|taboola|dable\w*|recommend\w*|most-?read|popular|trending|tags?|toolbar|masthead|menu|pagination|pager|byline-share|print-?only|skip-?link|author-bio|bio|author-?box|about-?(?:the-?)?author|cta|disclaimer|disclosure)(?:$|[\s_-])|dablewidget|sharedaddy|jp-relatedposts|^ad_",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Unlikely();

    [GeneratedRegex(@"article-?body|articlebody|story-?body|entry-content|post-content|main-content|txt_area|article__body|article__content|content-body|body-text", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MaybeContent();

    [GeneratedRegex(@"(?:content|main)[-_](?:\w+[-_])*sidebar|(?:with|and)[-_]sidebar|sidebar[-\w]*__(?:container|content|main|inner|wrapper|layout)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LayoutToken();

    [GeneratedRegex(@"display\s*:\s*none|visibility\s*:\s*hidden", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HiddenStyle();
}
