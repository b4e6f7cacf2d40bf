using System.Collections.Immutable;
using System.Text.RegularExpressions;
using AngleSharp.Css.Dom;
using AngleSharp.Dom;

namespace Ingest.Extraction;

/// <summary>
/// Reads the authors, trusting JSON-LD, then author meta tags, then author markup (<c>itemprop=author</c>,
/// <c>rel=author</c>), then bylines (byline and author classes, a "Written by" label, a "By Jane Doe" line). A name
/// that is only the site's own is the publisher standing in for a byline.
/// </summary>
internal static partial class AuthorReader
{
    private static readonly string[] AuthorKeys =
    [
        "author", "article:author", "cse_author", "parsely-author", "sailthru.author", "dc.creator", "dcterms.creator",
        "citation_author", "byl",
    ];

    // The author selectors, each with the attribute word without which it cannot match anywhere (a page that has none
    // of them, found in one walk, is not searched selector by selector) and a test an element must pass to be worth
    // matching against it (never stricter than the selector).
    private static readonly (ISelector Selector, AuthorHint Needs, Func<IElement, bool> Candidate)[] AuthorMarkup =
    [
        (DomTree.Selector("[itemprop~=author] [itemprop=name]"), AuthorHint.ItempropAuthor, static e => e.HasAttribute("itemprop")),
        (DomTree.Selector("[itemprop~=author]"), AuthorHint.ItempropAuthor, static e => e.HasAttribute("itemprop")),
        (DomTree.Selector("a[rel~=author]"), AuthorHint.RelAuthor, static e => e.LocalName == "a"),
    ];

    private static readonly (ISelector Selector, AuthorHint Needs, Func<IElement, bool> Candidate)[] BylineMarkup =
    [
        (DomTree.Selector("[class*=byline] [class*=name]"), AuthorHint.ClassByline, static e => ClassContains(e, "name")),
        (DomTree.Selector("[class*=byline]"), AuthorHint.ClassByline, static e => ClassContains(e, "byline")),
        (DomTree.Selector("[class*=author-name], [class*=author__name], [class*=authorname i], [class*=author_name], [class~=the-author]"), AuthorHint.ClassAuthor, static e => ClassContains(e, "author")),
        (DomTree.Selector("[class*=author] a, a[href*='/author/'], a[href*='/authors/']"), AuthorHint.ClassAuthor | AuthorHint.HrefAuthor, static e => e.LocalName == "a"),
    ];

    private static bool ClassContains(IElement element, string word)
        => element.GetAttribute("class")?.Contains(word, StringComparison.OrdinalIgnoreCase) == true;

    [Flags]
    private enum AuthorHint
    {
        None = 0,
        ItempropAuthor = 1,
        RelAuthor = 2,
        ClassByline = 4,
        ClassAuthor = 8,
        HrefAuthor = 16,
    }

    /// <summary>The authors, and where they came from; none when no source names one.</summary>
    public static (ImmutableArray<ArticleAuthor> Value, string? Source) AuthorsOf(PageElements page, JsonLdArticle? jsonLd, Dictionary<string, List<string>> meta)
    {
        // A name that is the site's own is the publisher standing in for a byline: look further first.
        var site = new[] { MetaTagReader.First(meta, "og:site_name"), jsonLd?.PublisherName, MetaTagReader.First(meta, "application-name") }.OfType<string>().ToList();
        var found = PeopleOf(page, jsonLd, meta);
        if (!found.Value.IsEmpty && found.Value.All(a => site.Any(s => string.Equals(s, a.Name, StringComparison.OrdinalIgnoreCase))))
        {
            var elsewhere = PeopleOf(page, jsonLd: null, meta: []);
            if (!elsewhere.Value.IsEmpty)
            {
                return elsewhere;
            }
        }

        if (found.Value.IsEmpty && jsonLd is { OrganizationAuthors.IsEmpty: false })
        {
            return (jsonLd.OrganizationAuthors, FieldSource.JsonLd); // no person named anywhere: the organization is the author.
        }

        return found;
    }

    /// <summary>The names the author meta tags give, in the order of <see cref="AuthorKeys"/>, without CMS logins.</summary>
    public static ImmutableArray<string> MetaNames(Dictionary<string, List<string>> meta)
    {
        var names = new List<string>();
        foreach (var key in AuthorKeys)
        {
            if (meta.TryGetValue(key, out var values))
            {
                names.AddRange((key == "citation_author" ? values.Select(AuthorNames.FromSurnameFirst) : values.SelectMany(AuthorNames.Split)).Where(n => !AuthorNames.LooksLikeUserName(n)));
            }
        }

        return [.. names.Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    private static (ImmutableArray<ArticleAuthor> Value, string? Source) PeopleOf(PageElements page, JsonLdArticle? jsonLd, Dictionary<string, List<string>> meta)
    {
        if (jsonLd is { Authors.IsEmpty: false })
        {
            return (jsonLd.Authors, FieldSource.JsonLd);
        }

        foreach (var key in AuthorKeys)
        {
            if (meta.TryGetValue(key, out var values))
            {
                // citation_author holds one person per tag, often as "Last, First".
                var names = (key == "citation_author" ? values.Select(AuthorNames.FromSurnameFirst) : values.SelectMany(AuthorNames.Split))
                    .Where(n => !AuthorNames.LooksLikeUserName(n))
                    .Distinct(StringComparer.OrdinalIgnoreCase)
                    .ToList();
                if (names.Count > 0)
                {
                    return ([.. names.Select(n => new ArticleAuthor(n))], FieldSource.Meta);
                }
            }
        }

        // Structured markup names every author; page furniture is less sure, so only its first byline counts.
        var hints = AuthorHints(page);
        foreach (var (selector, needs, candidate) in AuthorMarkup)
        {
            if ((hints & needs) == AuthorHint.None)
            {
                continue;
            }

            var names = page.Matching(e => candidate(e) && selector.Match(e, null))
                .Where(e => DomTree.ClosestTag(e, "footer", "nav", "aside") is null)
                .Select(e => e.LocalName == "meta" ? e.GetAttribute("content") : DomText.Of(e))
                .Where(t => t is { Length: < 120 })
                .SelectMany(AuthorNames.Split)
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .ToList();
            if (names.Count > 0)
            {
                return ([.. names.Select(n => new ArticleAuthor(n))], FieldSource.Markup);
            }
        }

        foreach (var (selector, needs, candidate) in BylineMarkup)
        {
            if ((hints & needs) == AuthorHint.None)
            {
                continue;
            }

            foreach (var element in page.Matching(e => candidate(e) && selector.Match(e, null)))
            {
                var text = DomText.Of(element);
                if (text.Length is > 0 and < 120 && DomTree.ClosestTag(element, "footer", "nav", "aside") is null && AuthorNames.Split(text) is { Count: > 0 } names)
                {
                    return ([.. names.Select(n => new ArticleAuthor(n))], FieldSource.Byline);
                }
            }
        }

        // A label of its own ("Written by", "Author") followed by the name in the next element.
        foreach (var element in page.Matching(static e => e.LocalName is "p" or "span" or "div" or "dt" or "strong"))
        {
            // A label has ten visible characters at most ("Written by:"): longer text is not built to be tested.
            if (element.Children.Length == 0 && TextMeasure.NonSpaceLength(element) <= 10 && AuthorLabel().IsMatch(DomText.Of(element)) && DomTree.ClosestTag(element, "footer", "nav", "aside") is null
                && element.NextElementSibling is { } next && DomText.Of(next) is { Length: > 2 and < 60 } text
                && AuthorNames.Split(text) is [var name] && AuthorNames.LooksLikeName(name))
            {
                return ([new ArticleAuthor(name)], FieldSource.Byline);
            }
        }

        // "By Jane Doe" / "Written by Jane Doe" as a short line of its own.
        foreach (var element in page.Matching(static e => e.LocalName is "p" or "span" or "div" or "li"))
        {
            if (element.Children.Any(DomText.IsBlock) || DomTree.ClosestTag(element, "footer", "nav", "aside") is not null)
            {
                continue;
            }

            if (DomText.OfAtMost(element, 79) is { Length: > 3 } text && ByLine().IsMatch(text) && AuthorNames.Split(text) is { Count: > 0 } names)
            {
                return ([.. names.Select(n => new ArticleAuthor(n))], FieldSource.Byline);
            }
        }

        return ([], null);
    }

    // Which attribute words the author selectors look for occur on the page (compared ignoring case, so never fewer
    // than a selector could match).
    private static AuthorHint AuthorHints(PageElements page)
    {
        var hints = AuthorHint.None;
        // Each element's attributes are read once, not looked up by name four times.
        foreach (var element in page.All)
        {
            var attributes = element.Attributes;
            for (var i = 0; i < attributes.Length; i++)
            {
                var attribute = attributes[i]!;
                var value = attribute.Value;
                hints |= attribute.Name switch
                {
                    "itemprop" when value.Contains("author", StringComparison.OrdinalIgnoreCase) => AuthorHint.ItempropAuthor,
                    "rel" when value.Contains("author", StringComparison.OrdinalIgnoreCase) => AuthorHint.RelAuthor,
                    "class" => (value.Contains("byline", StringComparison.OrdinalIgnoreCase) ? AuthorHint.ClassByline : AuthorHint.None)
                        | (value.Contains("author", StringComparison.OrdinalIgnoreCase) ? AuthorHint.ClassAuthor : AuthorHint.None),
                    "href" when value.Contains("/author", StringComparison.OrdinalIgnoreCase) => AuthorHint.HrefAuthor,
                    _ => AuthorHint.None,
                };
            }
        }

        return hints;
    }

    [GeneratedRegex(@"^(?:written by|author|posted by|by|words by)\s*:?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AuthorLabel();

    [GeneratedRegex(@"^(?:written\s+)?by\s+\p{Lu}", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ByLine();
}
