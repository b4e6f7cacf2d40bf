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
        (DomTree.Selector("[class*=author] a, a[class*=author], a[href*='/author/'], a[href*='/authors/'], a[href*='/autor/'], a[href*='/autoren/'], a[href*='/auteur/'], a[href*='/autore/']"), AuthorHint.ClassAuthor | AuthorHint.HrefAuthor, static e => e.LocalName == "a"),
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

    /// <summary>
    /// The authors, and where they came from; none when no source names one. Sources are tried in order of trust and
    /// the first that names a person wins; what is not a person is dropped from every source's names on the way (site
    /// furniture such as "Sign In", "View more posts", "Skip to main"; a photo credit; a date line), and the site's own
    /// name is the author only when no source names anybody else.
    /// </summary>
    public static (ImmutableArray<ArticleAuthor> Value, string? Source) AuthorsOf(PageElements page, JsonLdArticle? jsonLd, Dictionary<string, List<string>> meta, Uri pageUrl)
    {
        var site = SiteIdentity.Of(jsonLd, meta, pageUrl);
        (ImmutableArray<ArticleAuthor> Value, string Source)? siteOnly = null;
        (ImmutableArray<ArticleAuthor> Value, string Source)? declared = null;
        foreach (var (found, source) in PeopleOf(page, jsonLd, meta, pageUrl))
        {
            var people = found.Where(a => !AuthorNames.IsFurniture(a.Name)).Select(a => site.WithoutSite(a.Name) is var name && name != a.Name ? a with { Name = name } : a).ToImmutableArray();
            if (people.IsEmpty)
            {
                continue;
            }

            // "David Straub, MDR THÜRINGEN": the publisher beside a person is not a second author.
            // A team or a desk is not a second author beside a person the same source names; printed on the page with
            // nothing declaring it, it is the template's label, and the next source is asked for a person.
            var persons = people.Where(a => !site.IsSite(a.Name)).ToImmutableArray();
            if (persons.Any(a => AuthorNames.IsOrganisation(a.Name))
                && (source is FieldSource.Byline or FieldSource.Markup || persons.Any(a => !AuthorNames.IsOrganisation(a.Name))))
            {
                persons = persons.RemoveAll(a => AuthorNames.IsOrganisation(a.Name));
            }

            if (!persons.IsEmpty)
            {
                // A name the metadata declares that the page prints nowhere, not even by surname, is the CMS's (an
                // editor, an account) as often as the writer's: a byline of people the page prints instead is the
                // reader's. Until one is found, later sources are asked only for that.
                if (declared is { } named)
                {
                    if (source is FieldSource.Byline && BylineContext.IsPeopleInstead(named.Value, persons))
                    {
                        return (persons, source);
                    }

                    continue;
                }

                if (source is FieldSource.JsonLd or FieldSource.Meta && !BylineContext.PrintsAnySurname(page, persons))
                {
                    declared = (persons, source);
                    continue;
                }

                return (persons, source);
            }

            siteOnly ??= (people, source);
        }

        if (declared is { } only)
        {
            return only;
        }

        // The publisher named as the author while the story opens with a person's name in bold above its prose
        // ("<p><strong>Mohloai Mpesi</strong></p>"): the name is the writer's. Without the publisher's claim a bold line
        // there is as often a section title, so it is read only then.
        if (siteOnly is not null && page.Matching(static e => e.LocalName == "p" && DomTree.ChildElementCount(e, atMost: 2) == 1 && e.FirstElementChild!.LocalName is "strong" or "b")
            .Select(OpeningName).FirstOrDefault(n => n is not null && !site.IsSite(n)) is { } opening)
        {
            return ([new ArticleAuthor(opening)], FieldSource.Byline);
        }

        if (jsonLd is { OrganizationAuthors.IsEmpty: false })
        {
            return (jsonLd.OrganizationAuthors, FieldSource.JsonLd); // no person named anywhere: the organization is the author.
        }

        if (siteOnly is { } publisher)
        {
            return (publisher.Value, publisher.Source);
        }

        // Nobody named but by an account ("apblackmd", "sara.r.peter" in the author meta tag): the login is who the
        // site says posted it, which beats no author when nothing else names one (its confidence stays low).
        return MetaLogin(meta) is { } login ? ([new ArticleAuthor(login)], FieldSource.Meta) : ([], null);
    }

    private static string? MetaLogin(Dictionary<string, List<string>> meta)
    {
        foreach (var key in AuthorKeys)
        {
            if (AuthorMetaValues(meta, key) is [var first, ..]
                && first.Trim() is { Length: >= 3 and <= 40 } login && AuthorNames.LooksLikeUserName(login) && !AuthorNames.IsFurniture(login)
                && !login.Contains('/', StringComparison.Ordinal) && !login.Contains("@", StringComparison.Ordinal))
            {
                return login;
            }
        }

        return null;
    }

    // The values of one of the author meta keys; "byl" stands for the writer SEO plugins label (below).
    private static List<string>? AuthorMetaValues(Dictionary<string, List<string>> meta, string key)
        => meta.TryGetValue(key, out var values) ? values : key == "byl" ? LabelledWriter(meta) : null;

    // The writer SEO plugins label for link previews: twitter:label1 "Written by" with twitter:data1 the name, or
    // twitter:misc:Written by. Read last among the meta tags.
    private static List<string>? LabelledWriter(Dictionary<string, List<string>> meta)
    {
        if (meta.TryGetValue("twitter:misc:Written by", out var misc))
        {
            return misc;
        }

        for (var i = 1; i <= 4; i++)
        {
            if (meta.TryGetValue($"twitter:label{i}", out var label) && WrittenBy().IsMatch(label[0]) && meta.TryGetValue($"twitter:data{i}", out var data))
            {
                return data;
            }
        }

        return null;
    }

    [GeneratedRegex(@"^(?:written by|author|verfasst von|geschrieben von|écrit par|escrito por)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WrittenBy();

    /// <summary>The names the author meta tags give, in the order of <see cref="AuthorKeys"/>, without CMS logins.</summary>
    public static ImmutableArray<string> MetaNames(Dictionary<string, List<string>> meta)
    {
        var names = new List<string>();
        foreach (var key in AuthorKeys)
        {
            if (AuthorMetaValues(meta, key) is { } values)
            {
                names.AddRange((key == "citation_author" ? values.Select(AuthorNames.FromSurnameFirst) : values.SelectMany(AuthorNames.Split)).Where(n => !AuthorNames.LooksLikeUserName(n)));
            }
        }

        return [.. names.Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    private static IEnumerable<(ImmutableArray<ArticleAuthor> Value, string Source)> PeopleOf(PageElements page, JsonLdArticle? jsonLd, Dictionary<string, List<string>> meta, Uri pageUrl)
    {
        if (jsonLd is { Authors.IsEmpty: false })
        {
            yield return (jsonLd.Authors, FieldSource.JsonLd);
        }

        foreach (var key in AuthorKeys)
        {
            if (AuthorMetaValues(meta, key) is { } values)
            {
                // citation_author holds one person per tag, often as "Last, First".
                var names = (key == "citation_author" ? values.Select(AuthorNames.FromSurnameFirst) : values.SelectMany(AuthorNames.Split))
                    .Where(n => !AuthorNames.LooksLikeUserName(n))
                    .Distinct(StringComparer.OrdinalIgnoreCase)
                    .ToList();
                if (names.Count > 0)
                {
                    yield return ([.. names.Select(n => new ArticleAuthor(n))], FieldSource.Meta);
                    break;
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
                .Where(e => !BylineContext.InPageChrome(e, aside: true) && !BylineContext.InTeaser(e, pageUrl))
                .Select(e => e.LocalName == "meta" ? e.GetAttribute("content") : DomText.Of(e))
                .Where(t => t is { Length: < 120 })
                .SelectMany(AuthorNames.Split)
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .ToList();
            if (names.Count > 0)
            {
                yield return ([.. names.Select(n => new ArticleAuthor(n))], FieldSource.Markup);
                break;
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
                var text = BylineContext.WithoutSubjectLinks(element);
                if (text.Length is > 0 and < 120 && !BylineContext.InPageChrome(element, aside: true) && !BylineContext.LabelledAsOtherRole(element, text) && !BylineContext.InTeaser(element, pageUrl)
                    && (NamesInOwnElements(element) ?? AuthorNames.Split(text)) is { Count: > 0 } names)
                {
                    yield return ([.. names.Select(n => new ArticleAuthor(n))], FieldSource.Byline);
                }
            }
        }

        // An author box of the template ("post-hero__author", "elementor-author-box", "blog_author-text"): the first
        // short line in it that is a person's name of two words or more.
        if ((hints & AuthorHint.ClassAuthor) != AuthorHint.None)
        {
            foreach (var box in page.Matching(static e => e.GetAttribute("class") is { } classes && AuthorBoxClass().IsMatch(classes)))
            {
                // An aside may hold the article's meta box (author, date) beside the story; a footer or a menu never does.
                if (!BylineContext.InPageChrome(box, aside: false) && !BylineContext.InTeaser(box, pageUrl)
                    && !(DomText.OfAtMost(box, 120) is { } boxText ? BylineContext.LabelledAsOtherRole(box, boxText) : BylineContext.AfterOtherRoleLabel(box))
                    && (BoxName(box) ?? BylineContext.WrittenBy(DomText.OfAtMost(box, 1500))) is { } name)
                {
                    yield return ([new ArticleAuthor(name)], FieldSource.Byline);
                }
            }
        }

        // A label of its own ("Written by", "Author", "Autorin/Autor") followed by the name in the next element, or by the
        // rest of its parent's text ("<li><strong>Autor</strong> Roman Goncharenko</li>").
        foreach (var element in page.Matching(static e => e.LocalName is "p" or "span" or "div" or "dt" or "strong" or "h2" or "h3" or "h4" or "h5" or "h6"))
        {
            // A label has ten visible characters at most ("Written by:"): longer text is not built to be tested.
            if (DomTree.ChildElementCount(element, atMost: 1) == 0 && TextMeasure.NonSpaceLength(element) <= 14 && AuthorLabel().IsMatch(DomText.Of(element)) && !BylineContext.InPageChrome(element, aside: false) && !BylineContext.InTeaser(element, pageUrl)
                && LabelledText(element) is { Length: > 2 and < 60 } text
                && AuthorNames.Split(text) is [var name] && AuthorNames.LooksLikeName(name))
            {
                yield return ([new ArticleAuthor(name)], FieldSource.Byline);
            }
        }

        // "By Jane Doe" / "Written by Jane Doe" as a short line of its own.
        foreach (var element in page.Matching(static e => e.LocalName is "p" or "span" or "div" or "li" or "h3" or "h4" or "h5" or "h6"))
        {
            // A line break closing the line ("Posted by David at …<br>") does not make it a block of lines.
            if (DomTree.HasBlockChild(element, exceptBreaks: true) || BylineContext.InPageChrome(element, aside: true))
            {
                continue;
            }

            if (DomText.OfAtMost(element, 79) is { Length: > 3 } text && ByLine().IsMatch(text) && !BylineContext.InTeaser(element, pageUrl) && AuthorNames.Split(text) is { Count: > 0 } names)
            {
                yield return ([.. names.Select(n => new ArticleAuthor(n))], FieldSource.Byline);
            }
        }

        // A name set in bold as a right-aligned paragraph of its own ("<p style='text-align:right'><strong>Lê
        // Phương</strong></p>"): the writer's sign-off.
        foreach (var element in page.Matching(static e => e.LocalName == "p" && DomTree.ChildElementCount(e, atMost: 2) == 1 && e.FirstElementChild!.LocalName is "strong" or "b"))
        {
            if (SignedName(element) is { } name)
            {
                yield return ([new ArticleAuthor(name)], FieldSource.Byline);
            }
        }

        // Last: the page's description saying who wrote it ("This post was written by Vanessa Mendez, MD, …").
        if (BylineContext.WrittenBy(MetaTagReader.First(meta, "description", "og:description")) is { } described)
        {
            yield return ([new ArticleAuthor(described)], FieldSource.Meta);
        }
    }

    // A bold name opening the prose: the first paragraph with text in its block, followed by a paragraph of prose.
    private static string? OpeningName(IElement paragraph)
        => IsBoldName(paragraph) is { } name && paragraph.NextElementSibling is { LocalName: "p" } next && TextMeasure.NonSpaceLength(next) >= 80
            && !paragraph.ParentElement!.Children.TakeWhile(c => !ReferenceEquals(c, paragraph)).Any(c => c.LocalName == "p" && TextMeasure.NonSpaceLength(c) > 0)
            ? name
            : null;

    private static string? IsBoldName(IElement paragraph)
        => DomText.OfAtMost(paragraph, 40) is { Length: > 3 and <= 40 } text && text == DomText.Of(paragraph.Children[0])
            && text.Split(' ', StringSplitOptions.RemoveEmptyEntries) is { Length: >= 2 and <= 4 } && AuthorNames.LooksLikeName(text)
            && !AuthorNames.IsFurniture(text) && !BylineContext.InPageChrome(paragraph, aside: true)
            ? text
            : null;

    private static string? SignedName(IElement paragraph)
    {
        // A bold line opening the prose is as often a section's title ("Filing Fee"), so only the sign-off counts.
        var rightAligned = paragraph.GetAttribute("style")?.Replace(" ", string.Empty, StringComparison.Ordinal).Contains("text-align:right", StringComparison.OrdinalIgnoreCase) == true;
        return rightAligned ? IsBoldName(paragraph) : null;
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
                    "href" when value.Contains("/author", StringComparison.OrdinalIgnoreCase) || value.Contains("/autor", StringComparison.OrdinalIgnoreCase)
                        || value.Contains("/auteur", StringComparison.OrdinalIgnoreCase) => AuthorHint.HrefAuthor,
                    _ => AuthorHint.None,
                };
            }
        }

        return hints;
    }

    [GeneratedRegex(@"^(?:written by|author|posted by|by|words by|(?:article|post|story|text) by|autor(?:in)?(?:/autor(?:in)?)?|auteur|autore|forfatter|författare|contributors?)\s*:?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AuthorLabel();

    [GeneratedRegex(@"^(?:(?:written|posted)\s+)?by:?\s+\p{Lu}", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ByLine();

    // The text a label introduces: its next element's, else what its parent says after it.
    private static string? LabelledText(IElement label)
    {
        if (label.NextElementSibling is { } next)
        {
            return DomText.Of(next);
        }

        if (label.ParentElement is { } parent && DomText.OfAtMost(parent, 80) is { } whole && DomText.Of(label) is { Length: > 0 } own
            && whole.StartsWith(own, StringComparison.Ordinal))
        {
            return whole[own.Length..].Trim(' ', ':');
        }

        return null;
    }

    // A byline whose names each sit in an element of their own, with nothing between them but spaces
    // ("<span>Birgit Baumann</span> <span>Anna Giulia Fink</span>"): the names are those elements, not their text run
    // together. Null when the byline is not built so.
    private static List<string>? NamesInOwnElements(IElement byline)
    {
        var holder = byline;
        while (holder.Children.Length == 1)
        {
            holder = holder.Children[0];
        }

        if (holder.Children.Length < 2 || holder.Children.Any(c => c.Children.Length > 0 || c.LocalName is not ("span" or "a")))
        {
            return null;
        }

        var names = holder.Children.Select(c => DomText.Of(c)).ToList();
        return names.All(n => n.Contains(' ', StringComparison.Ordinal) && AuthorNames.LooksLikeName(n)) && DomText.Of(holder).Replace(" ", string.Empty, StringComparison.Ordinal) == string.Concat(names).Replace(" ", string.Empty, StringComparison.Ordinal)
            ? names
            : null;
    }

    // The first line of an author box that is a person's name: a leaf of up to 50 characters, among its first twenty
    // elements, of two words or more.
    private static string? BoxName(AngleSharp.Dom.IElement box)
    {
        foreach (var element in DomTree.Descendants(box).Prepend(box).Take(20))
        {
            if (element.Children.Any(c => DomText.IsBlock(c) && c.LocalName != "br" || c.LocalName is "img" or "svg" or "span" or "a" && DomText.Of(c).Length > 0) || element.LocalName is "script" or "style" or "button")
            {
                continue;
            }

            if (DomText.OfAtMost(element, 50) is { Length: > 3 and <= 50 } text && !BylineContext.IsSubjectLink(element) && AuthorNames.Split(text) is [var name]
                && name.Contains(' ', StringComparison.Ordinal) && AuthorNames.LooksLikeName(name) && !AuthorNames.IsFurniture(name))
            {
                return name;
            }
        }

        return null;
    }

    // A class naming the template's author block, not a list of authors or an authority: "post-hero__author",
    // "elementor-author-box", "blog_author-text", "author-details", "author-info", "author-bio", and CSS Modules'
    // names with their hash ("Author_wrapper__TpbI2").
    [GeneratedRegex(@"(?:^|\s)[\w-]*(?:__|[-_])author(?:[-_](?:box|info|details|text|wrapper|meta|bio|card))?(?:__[A-Za-z0-9]{5})?(?:\s|$)|(?:^|\s)author(?:[-_](?:box|info|details|text|wrapper|meta|bio|card))?(?:__[A-Za-z0-9]{5})?(?:\s|$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AuthorBoxClass();
}
