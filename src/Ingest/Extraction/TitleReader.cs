using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace Ingest.Extraction;

/// <summary>
/// Reads the headline: finds the page's main h1 (not a logo, a banner or a section heading) and weighs it against the
/// titles the page declares (JSON-LD headline, <c>og:title</c>, <c>twitter:title</c>, the document title), so that the
/// headline the reader sees wins when it is recognisably the same story.
/// </summary>
internal static partial class TitleReader
{
    /// <summary>True when a headline was cut short by the CMS ("… leader..."), so a longer source should win.</summary>
    public static bool IsTruncated(string headline)
        => headline.EndsWith('…') || headline.EndsWith("...", StringComparison.Ordinal);

    /// <summary>
    /// The first of <c>og:title</c>, <c>twitter:title</c> and the JSON-LD headline, less the site's name, when it is
    /// another wording than <paramref name="title"/>: not when it only differs in case, spacing, quotes, dashes or soft
    /// hyphens, and not when it is the title cut short.
    /// </summary>
    public static string? DeclaredBeside(string? title, JsonLdArticle? jsonLd, Dictionary<string, List<string>> meta, Uri pageUrl)
    {
        if (title is null || (MetaTagReader.First(meta, "og:title", "twitter:title") ?? jsonLd?.Headline) is not { } declared)
        {
            return null;
        }

        if (TitleCleaner.Clean(DomText.Normalize(declared), MetaTagReader.First(meta, "og:site_name") ?? jsonLd?.PublisherName, pageUrl) is not { Length: > 0 } cleaned)
        {
            return null;
        }

        return SameWording(cleaned, title) || IsTruncated(cleaned) && DomText.Compact(title).StartsWith(DomText.Compact(cleaned), StringComparison.Ordinal)
            ? null
            : cleaned;
    }

    /// <summary>
    /// Whether two titles are one wording: the same letters and digits, ignoring case, spacing, punctuation, quotes
    /// ("‘Kritiskt’" and "'kritiskt'") and soft hyphens.
    /// </summary>
    public static bool SameWording(string a, string b) => DomText.Compact(a) == DomText.Compact(b);

    /// <summary>
    /// The h1 that is the page's headline: outside navigation, footers and side columns, not the site's name or logo,
    /// and sharing the most words with the declared title. The date and subtitle readers look around it too.
    /// </summary>
    public static IElement? MainHeading(PageElements page, Dictionary<string, List<string>> meta, Uri pageUrl)
    {
        // An h1 that spells the host ("davidbau.com", "Playful Tones" on playfultones.com) is the site's logo.
        var host = DomText.Compact(pageUrl.Host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? pageUrl.Host[4..] : pageUrl.Host);
        var hostLabels = pageUrl.Host.Split('.').Select(DomText.Compact).Where(l => l.Length > 3).ToHashSet(StringComparer.Ordinal);
        var reference = MetaTagReader.First(meta, "og:title", "twitter:title") ?? page.Document.Title ?? string.Empty;
        var siteName = MetaTagReader.First(meta, "og:site_name");
        IElement? best = null;
        var bestOverlap = -1;
        foreach (var h1 in page.Matching(static e => e.LocalName == "h1"))
        {
            if (DomTree.ClosestTag(h1, "nav", "footer", "aside") is not null)
            {
                continue;
            }

            var text = DomText.Of(h1);
            if (text.Length < 5 || string.Equals(text, siteName, StringComparison.OrdinalIgnoreCase) || DomText.Compact(text) == host
                || hostLabels.Contains(DomText.Compact(text)))
            {
                continue;
            }

            var overlap = SharedWords(text, reference);
            if (overlap > bestOverlap)
            {
                best = h1;
                bestOverlap = overlap;
            }
        }

        return best;
    }

    private static int SharedWords(string a, string b)
    {
        var words = WordsOf(b).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return WordsOf(a).Count(words.Contains);
    }

    private static IEnumerable<string> WordsOf(string text)
        => text.Split([' ', ':', ',', '.', '-', '|', '?', '!', '(', ')', '"', '\'', '’', '‘', '“', '”'], StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The headline as found, before <see cref="TitleCleaner.Clean"/>, and where it came from.</summary>
    public static (string? Value, string? Source) TitleOf(PageElements page, JsonLdArticle? jsonLd, Dictionary<string, List<string>> meta, IElement? heading, Uri pageUrl)
    {
        if (MetaTagReader.First(meta, "cse_headline") is { } cse)
        {
            return (cse, FieldSource.Meta);
        }

        // The headline the reader sees beats an SEO headline in JSON-LD or og:title, when it is recognisably the same
        // story (it shares a word with them) and has the length of a headline, not of a logo or a paragraph.
        // A one- or two-word h1 ("Discord", "Day 7", "Webcams") is more often a section or product name than the
        // headline, so it must agree with the metadata on two words before it wins.
        var reference = $"{jsonLd?.Headline} {MetaTagReader.First(meta, "og:title", "twitter:title")} {page.Document.Title}";
        var hasReference = !string.IsNullOrWhiteSpace(reference);
        string[] declared = [.. new[] { MetaTagReader.First(meta, "og:title"), MetaTagReader.First(meta, "twitter:title"), page.Document.Title, jsonLd?.Headline }.OfType<string>()];
        heading = TitleHeading(page, heading, declared);
        if (heading is not null && DeclaredPart(heading, declared, MetaTagReader.First(meta, "og:site_name") ?? jsonLd?.PublisherName, pageUrl) is { } part)
        {
            return (part, FieldSource.Heading);
        }

        if ((heading is null || !Declared(DomText.Of(heading), declared)) && ClassedTitle(page, declared) is { } classed)
        {
            return (classed, FieldSource.TitleMarkup);
        }

        if (heading is not null && DomText.Of(heading) is { Length: >= 10 and <= 250 } visible && !IsTruncated(visible))
        {
            if (!hasReference || SharedWords(visible, reference) >= Math.Min(2, WordsOf(visible).Count()) && WordsOf(visible).Count() >= 3)
            {
                return (visible, FieldSource.Heading);
            }
        }

        if (jsonLd?.Headline is { } headline && !IsTruncated(headline) && !CutShort(headline, declared))
        {
            return (headline, FieldSource.JsonLd);
        }

        if (heading is not null && (!hasReference || SharedWords(DomText.Of(heading), reference) > 0))
        {
            return (DomText.Of(heading), FieldSource.Heading);
        }

        if (MetaTagReader.First(meta, "og:title", "twitter:title", "dc.title", "citation_title") is { } fromMeta)
        {
            return (fromMeta, FieldSource.Meta);
        }

        if (jsonLd?.Headline is { } truncated)
        {
            return (truncated, FieldSource.JsonLd);
        }

        return string.IsNullOrWhiteSpace(page.Document.Title) ? (null, null) : (DomText.Normalize(page.Document.Title), FieldSource.TitleElement);
    }

    // The h1 to read the title from. An h1 that spells a metadata title outright is the headline, whatever else shares
    // its words (a second h1 that glues the standfirst to it). An h1 with h1 siblings is one of the body's section
    // headings (markdown and blog bodies that use h1 for sections), and so is an h1 that follows the body's prose; an
    // h1 in capitals only is a banner or a styled label ("OUR SERVICES"). None of these is the headline when the page
    // declares one.
    private static IElement? TitleHeading(PageElements page, IElement? heading, string[] declared)
    {
        if (declared.Length == 0 || heading is null)
        {
            return heading;
        }

        var exact = declared.Select(DomText.Compact).ToHashSet(StringComparer.Ordinal);
        if (!exact.Contains(DomText.Compact(DomText.Of(heading)))
            && page.Matching(static e => e.LocalName == "h1").FirstOrDefault(h1 => DomTree.ClosestTag(h1, "nav", "footer", "aside") is null && DomText.Compact(DomText.Of(h1)) is { Length: >= 10 } c && exact.Contains(c)) is { } spelled)
        {
            return spelled;
        }

        if (heading.ParentElement?.Children.Count(c => c.LocalName == "h1") > 1 && !Declared(DomText.Of(heading), declared))
        {
            return null;
        }

        if (FollowsProse(heading) && !Declared(DomText.Of(heading), declared))
        {
            return null;
        }

        var text = DomText.Of(heading);
        if (text.Any(char.IsUpper) && !text.Any(char.IsLower))
        {
            return null;
        }

        return heading;
    }

    // The declared title an h1 holds among other parts: a label, a kicker or a source link in elements of their own
    // ("<strong>News:</strong> Headline", "<a>Headline</a> <a>(example.com)</a> 12"), or characters the page lost to
    // its encoding ("Beginner? Guide" for "Beginner's Guide"). The metadata and the h1 agree on that part, so it is
    // the headline. Null when the h1 is a declared title as it stands.
    private static string? DeclaredPart(IElement heading, string[] declared, string? siteName, Uri pageUrl)
    {
        var whole = DomText.Compact(DomText.Of(heading));
        var bare = declared.Select(d => TitleCleaner.CleanTitle(TitleCleaner.WithoutSiteName(DomText.Normalize(d), siteName, pageUrl))!)
            .Select(b => (Title: b, Compact: DomText.Compact(b))).Where(b => b.Compact.Length >= 10).ToList();
        if (bare.Count == 0 || bare.Any(b => b.Compact == whole))
        {
            return null;
        }

        foreach (var part in DomTree.Descendants(heading))
        {
            var text = DomText.Compact(DomText.Of(part));
            var rest = whole.StartsWith(text, StringComparison.Ordinal) ? whole[text.Length..] : whole.EndsWith(text, StringComparison.Ordinal) ? whole[..^text.Length] : null;
            if (text.Length > 0 && bare.FirstOrDefault(b => b.Compact == text || b.Compact == rest).Title is { } match)
            {
                return match;
            }
        }

        var visible = DomText.Of(heading);
        if (visible.Contains("? ", StringComparison.Ordinal))
        {
            var pattern = new Regex("^" + string.Join(".{1,2}", visible.Split('?').Select(Regex.Escape)) + "$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            return bare.Select(b => b.Title).FirstOrDefault(b => !b.Contains('?', StringComparison.Ordinal) && pattern.IsMatch(b));
        }

        return null;
    }

    // Whether body prose comes before the heading in its container (through small wrappers around it): a headline
    // opens the article, an h1 after paragraphs or quotes is a section heading inside it.
    private static bool FollowsProse(IElement heading)
    {
        var element = heading;
        while (element.ParentElement is { } parent && parent.Children.Length <= 2 && parent.LocalName is not ("body" or "article" or "main"))
        {
            element = parent;
        }

        // Two blocks of prose, not one: a disclosure or a teaser paragraph can stand above a headline.
        var prose = 0;
        for (var sibling = element.PreviousElementSibling; sibling is not null && prose < 2; sibling = sibling.PreviousElementSibling)
        {
            if (sibling.LocalName is "p" or "blockquote" && DomText.Of(sibling).Length >= 80)
            {
                prose++;
            }
        }

        return prose >= 2;
    }

    // Whether a visible text is one of the declared titles, or part of one ("Headline | Site").
    private static bool Declared(string text, string[] declared)
        => DomText.Compact(text) is { Length: >= 10 } compact && declared.Any(d => DomText.Compact(d).Contains(compact, StringComparison.Ordinal));

    // The text of an element the template marks as the post's title ("entry-title", "post-title", "article-title"),
    // when it agrees with a declared title: blog templates that keep the h1 for the blog's name or a banner.
    private static string? ClassedTitle(PageElements page, string[] declared)
    {
        // A post-title class says "title" or "headline" (an ASCII class attribute without either is not split and matched).
        foreach (var element in page.Matching(static e => e.GetAttribute("class") is { } classes
            && (!Ascii.IsValid(classes) || classes.Contains("title", StringComparison.OrdinalIgnoreCase) || classes.Contains("headline", StringComparison.OrdinalIgnoreCase))))
        {
            if (ClassNames.AnyClass(element, PostTitleClass()) && DomTree.ClosestTag(element, "nav", "footer", "aside", "a") is null
                && DomText.Of(element) is { Length: >= 10 and <= 250 } text && Declared(text, declared))
            {
                return text;
            }
        }

        return null;
    }

    // A JSON-LD headline cut at a length limit without an ellipsis: a metadata title carries it and goes on with a
    // word, not with a separator and a site name.
    private static bool CutShort(string headline, string[] declared)
    {
        var head = DomText.Normalize(headline);
        return head.Length >= 20 && declared.Any(d => DomText.Normalize(d) is var full && full.Length > head.Length
            && full.StartsWith(head, StringComparison.OrdinalIgnoreCase) && full[head.Length] == ' '
            && full[head.Length..].TrimStart() is { Length: > 0 } rest && char.IsLetterOrDigit(rest[0]));
    }

    [GeneratedRegex(@"(?:^|[-_])(?:entry|post|article|story)[-_]?(?:title|headline)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PostTitleClass();
}
