using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Css.Dom;
using AngleSharp.Dom;
using Ingest.Records;

namespace Ingest.Extraction;

/// <summary>
/// Reads a page's metadata, trusting sources in this order: JSON-LD; <c>article:*</c> and OpenGraph meta; microdata,
/// Dublin Core, <c>citation_*</c>, parsely and sailthru meta; then the markup (<c>time</c>, <c>rel=author</c>, bylines).
/// Published and modified dates are kept apart: a modified or created date never stands in for the published one.
/// </summary>
internal static partial class MetadataReader
{
    private static readonly string[] PublishedKeys =
    [
        "article:published_time", "og:published_time", "datepublished", "dc.date.issued", "dcterms.issued", "dc.date",
        "dcterms.date", "citation_publication_date", "citation_date", "citation_online_date", "parsely-pub-date",
        "sailthru.date", "pubdate", "publishdate", "publish-date", "article.published", "article_date_original", "date",
    ];

    private static readonly string[] ModifiedKeys =
    [
        "article:modified_time", "og:updated_time", "datemodified", "dc.date.modified", "dcterms.modified", "last-modified",
        "article.updated",
    ];

    private static readonly string[] AuthorKeys =
    [
        "author", "article:author", "cse_author", "parsely-author", "sailthru.author", "dc.creator", "dcterms.creator",
        "citation_author", "byl",
    ];

    private static readonly ISelector CanonicalLink = DomText.Selector("link[rel~=canonical][href]");
    private static readonly ISelector MetaWithContent = DomText.Selector("meta[content]");

    // The author selectors, each with the attribute word without which it cannot match anywhere (a page that has none
    // of them, found in one walk, is not searched selector by selector) and a test an element must pass to be worth
    // matching against it (never stricter than the selector).
    private static readonly (ISelector Selector, AuthorHint Needs, Func<IElement, bool> Candidate)[] AuthorMarkup =
    [
        (DomText.Selector("[itemprop~=author] [itemprop=name]"), AuthorHint.ItempropAuthor, static e => e.HasAttribute("itemprop")),
        (DomText.Selector("[itemprop~=author]"), AuthorHint.ItempropAuthor, static e => e.HasAttribute("itemprop")),
        (DomText.Selector("a[rel~=author]"), AuthorHint.RelAuthor, static e => e.LocalName == "a"),
    ];

    private static readonly (ISelector Selector, AuthorHint Needs, Func<IElement, bool> Candidate)[] BylineMarkup =
    [
        (DomText.Selector("[class*=byline] [class*=name]"), AuthorHint.ClassByline, static e => ClassContains(e, "name")),
        (DomText.Selector("[class*=byline]"), AuthorHint.ClassByline, static e => ClassContains(e, "byline")),
        (DomText.Selector("[class*=author-name], [class*=author__name], [class*=authorname i], [class*=author_name], [class~=the-author]"), AuthorHint.ClassAuthor, static e => ClassContains(e, "author")),
        (DomText.Selector("[class*=author] a, a[href*='/author/'], a[href*='/authors/']"), AuthorHint.ClassAuthor | AuthorHint.HrefAuthor, static e => e.LocalName == "a"),
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

    /// <summary>Reads the metadata of <paramref name="document"/>, resolving URLs against <paramref name="pageUrl"/>.</summary>
    public static PageMetadata Read(IDocument document, Uri pageUrl)
    {
        var page = new PageElements(document);
        var jsonLd = JsonLdReader.Read(page);
        var meta = MetaValues(page);
        var heading = MainHeading(page, meta, pageUrl);
        var sources = new SortedDictionary<string, string>(StringComparer.Ordinal);

        var (title, titleSource) = TitleOf(page, jsonLd, meta, heading, pageUrl);
        var (authors, authorsSource) = AuthorsOf(page, jsonLd, meta);
        var (published, publishedSource) = PublishedOf(page, jsonLd, meta, pageUrl, heading);
        var subtitle = SubtitleOf(page, heading);
        var modified = Note(sources, "modified", (jsonLd?.Modified, FieldSource.JsonLd), (FirstDate(meta, ModifiedKeys), FieldSource.Meta));
        var section = Note(sources, "section", (jsonLd?.Section, FieldSource.JsonLd), (First(meta, "article:section", "parsely-section", "section"), FieldSource.Meta));
        var siteName = Note(sources, "siteName", (First(meta, "og:site_name"), FieldSource.Meta), (jsonLd?.PublisherName, FieldSource.JsonLd), (First(meta, "application-name"), FieldSource.Meta));
        var genre = GenreOf(jsonLd);
        var free = Note(sources, "isAccessibleForFree", (jsonLd?.IsAccessibleForFree, FieldSource.JsonLd), (ContentTier(First(meta, "article:content_tier")), FieldSource.Meta));
        var canonical = Note(
            sources,
            "canonicalUrl",
            (Absolute(pageUrl, page.Matching(CanonicalLink).FirstOrDefault()?.GetAttribute("href")), FieldSource.Heuristic),
            (Absolute(pageUrl, First(meta, "og:url")), FieldSource.Meta),
            (Absolute(pageUrl, jsonLd?.Url), FieldSource.JsonLd));
        var (language, languageSource) = LanguageOf(document, jsonLd, meta);

        Add(sources, "title", title, titleSource);
        Add(sources, "subtitle", subtitle, FieldSource.Heuristic);
        Add(sources, "authors", authors.IsEmpty ? null : "x", authorsSource);
        Add(sources, "published", published, publishedSource);
        Add(sources, "genre", genre, FieldSource.JsonLd);
        Add(sources, "language", language, languageSource);

        return new PageMetadata
        {
            // Some CMSs escape a title twice ("Python, SQL &#x26; AI"): what is left after parsing is still an entity.
            Title = CleanTitle(WithoutSiteName(title is not null && title.Contains('&', StringComparison.Ordinal) ? DomText.Normalize(System.Net.WebUtility.HtmlDecode(title)) : title, First(meta, "og:site_name") ?? jsonLd?.PublisherName, pageUrl)),
            Subtitle = subtitle,
            Authors = authors,
            Published = published,
            Modified = modified,
            Section = section,
            Language = language,
            SiteName = siteName,
            Genre = genre,
            IsAccessibleForFree = free,
            CanonicalUrl = canonical,
            Images = ImagesOf(pageUrl, jsonLd, meta),
            Tags = TagsOf(jsonLd, meta),
            ArticleBody = jsonLd?.ArticleBody,
            Sources = sources.ToImmutableSortedDictionary(StringComparer.Ordinal),
        };
    }

    private static T? Note<T>(SortedDictionary<string, string> sources, string field, params ReadOnlySpan<(T? Value, string Source)> candidates)
    {
        foreach (var (value, source) in candidates)
        {
            if (value is not null)
            {
                sources[field] = source;
                return value;
            }
        }

        return default;
    }

    private static void Add(SortedDictionary<string, string> sources, string field, object? value, string? source)
    {
        if (value is not null && source is not null)
        {
            sources[field] = source;
        }
    }

    private static (DateTimeOffset? Value, string? Source) PublishedOf(PageElements page, JsonLdArticle? jsonLd, Dictionary<string, List<string>> meta, Uri pageUrl, IElement? heading)
    {
        // A date line under the headline that says it is the publication date ("Published Apr 26, 2023") is what the
        // reader is told; when the metadata names another day (templates that stamp the CMS's last publish), the
        // labelled line wins. Within a day of each other the metadata stays, for its time and offset: a visible date
        // carries no zone, so one day apart is the same instant seen from another zone, not another date.
        var reading = new DateReading(DateValue.FromUrl(pageUrl), DeclaredDateOrder(page, jsonLd, meta));
        var (shownDate, labelled) = HeadlineDates(page, heading, reading);
        if (jsonLd?.Published is { } fromJsonLd)
        {
            return Disagrees(labelled, fromJsonLd) ? (labelled, FieldSource.Heuristic)
                : ShownInstead(fromJsonLd, jsonLd.Modified, shownDate) is { } shown ? (shown, FieldSource.Heuristic)
                : (fromJsonLd, FieldSource.JsonLd);
        }

        if ((FirstDate(meta, PublishedKeys) ?? OtherPublishedMeta(meta, reading)) is { } fromMeta)
        {
            return Disagrees(labelled, fromMeta) ? (labelled, FieldSource.Heuristic)
                : ShownInstead(fromMeta, FirstDate(meta, ModifiedKeys), shownDate) is { } shown ? (shown, FieldSource.Heuristic)
                : (fromMeta, FieldSource.Meta);
        }

        // Markup that names the published date comes first; then the headline's date line, before the page's first time
        // element, which may belong to a list of other stories above the headline.
        var fromMarkup = MarkupDate(page, IsPublishedMarkup, IsTimePubdate) ?? shownDate
            ?? MarkupDate(page, IsTimeWithDatetime) ?? VisibleDate(page, reading) ?? BylineDate(page, reading) ?? DateValue.FromUrl(pageUrl);
        return (fromMarkup, fromMarkup is null ? null : FieldSource.Heuristic);
    }

    /// <summary>True when a headline was cut short by the CMS ("… leader..."), so a longer source should win.</summary>
    public static bool IsTruncated(string headline)
        => headline.EndsWith('…') || headline.EndsWith("...", StringComparison.Ordinal);

    /// <summary>Resolves <paramref name="url"/> against the page; null for empty, data: and javascript: URLs.</summary>
    public static string? Absolute(Uri pageUrl, string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return null;
        }

        url = url.Trim();
        if (url.StartsWith("data:", StringComparison.OrdinalIgnoreCase) || url.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return Uri.TryCreate(pageUrl, url, out var absolute) && absolute.Scheme is "http" or "https" ? absolute.AbsoluteUri : null;
    }

    private static Dictionary<string, List<string>> MetaValues(PageElements page)
    {
        var values = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var element in page.Matching(MetaWithContent))
        {
            var content = DomText.Normalize(element.GetAttribute("content") ?? string.Empty);
            var key = element.GetAttribute("property") ?? element.GetAttribute("name") ?? element.GetAttribute("itemprop")
                ?? element.GetAttribute("http-equiv");
            if (content.Length == 0 || string.IsNullOrWhiteSpace(key))
            {
                continue;
            }

            key = key.Trim();
            if (!values.TryGetValue(key, out var list))
            {
                values[key] = list = [];
            }

            list.Add(content);
        }

        return values;
    }

    private static string? First(Dictionary<string, List<string>> meta, params ReadOnlySpan<string> keys)
    {
        foreach (var key in keys)
        {
            if (meta.TryGetValue(key, out var list))
            {
                return list[0];
            }
        }

        return null;
    }

    private static DateTimeOffset? FirstDate(Dictionary<string, List<string>> meta, string[] keys)
    {
        foreach (var key in keys)
        {
            if (meta.TryGetValue(key, out var list) && list.Select(DateValue.Parse).FirstOrDefault(d => d is not null) is { } date)
            {
                return date;
            }
        }

        return null;
    }

    // Site-specific meta names that still say what they hold ("published", "w-published-date"): any key naming a
    // publication and not an update or an expiry.
    private static DateTimeOffset? OtherPublishedMeta(Dictionary<string, List<string>> meta, DateReading reading)
    {
        foreach (var (key, values) in meta)
        {
            if (key.Contains("publish", StringComparison.OrdinalIgnoreCase) && !UpdateLabel().IsMatch(key)
                && !key.Contains("expir", StringComparison.OrdinalIgnoreCase)
                && values.Select(v => DateValue.Parse(v) ?? DateValue.ParseVisible(v, reading)).FirstOrDefault(d => d is not null) is { } date)
            {
                return date;
            }
        }

        return null;
    }

    /// <summary>
    /// The date line of the headline block: a short element holding a date ("July 2, 2025", "By Jane Doe - Mar 27,
    /// 2024", "February 4, 2025 - 11 minutes") just before the headline or after it, before the body's first long
    /// paragraph. What follows an update label ("Updated July 9, 2025") is never read as the published date.
    /// </summary>
    private static bool Disagrees(DateTimeOffset? shown, DateTimeOffset metadata)
        => shown is { } day && Math.Abs((day.Date - metadata.Date).TotalDays) > 1;

    /// <summary>
    /// The headline's own date line when the metadata's published date is a CMS stamp: a published date on or after
    /// the modified one is the last publish written into both (Webflow and similar), so an earlier day under the
    /// headline is the article's own.
    /// </summary>
    private static DateTimeOffset? ShownInstead(DateTimeOffset published, DateTimeOffset? modified, DateTimeOffset? shown)
        => modified is { } changed && published >= changed && shown is { } date && date.Date < published.Date
            ? date
            : null;

    /// <summary>
    /// The first date line around the headline, and the first one labelled as the publication ("Published Apr 26,
    /// 2023"), found in one scan: a labelled line is a date line, so the scan for it passes every line the first one
    /// could be.
    /// </summary>
    private static (DateTimeOffset? Any, DateTimeOffset? Labelled) HeadlineDates(PageElements page, IElement? heading, DateReading reading)
    {
        DateTimeOffset? any = null;
        DateTimeOffset? labelled = null;

        // Takes the element's date line; true when both are found.
        bool Found(IElement element)
        {
            var (date, isLabelled) = ReadDateLine(element, reading, labelledOnly: any is not null);
            any ??= date;
            labelled = isLabelled ? date : null;
            return labelled is not null;
        }

        if (heading is null || heading.Owner?.Body is null)
        {
            return (null, null);
        }

        var all = page.InBody;
        var at = all.AsSpan().IndexOf(heading);
        if (at < 0)
        {
            return (null, null);
        }

        // Before the headline: only within its own header block (three levels up), nearest first.
        var block = heading.ParentElement?.ParentElement?.ParentElement;
        for (var i = at - 1; i >= 0 && i >= at - 30 && block is not null && block.Contains(all[i]); i--)
        {
            if (Found(all[i]))
            {
                return (any, labelled);
            }
        }

        var paragraphs = 0;
        string? lastLong = null;
        for (var i = at + 1; i < all.Count && i <= at + 150; i++)
        {
            var element = all[i];
            if (heading.Contains(element))
            {
                continue;
            }

            if (Found(element))
            {
                return (any, labelled);
            }

            // A standfirst may come before the date line; a second long paragraph means the body began, and a date
            // from there on belongs to something else. A copy of the standfirst (one for each screen size) is not one.
            if (element.LocalName is "p" or "div" or "section" && !element.Children.Any(DomText.IsBlock) && DomText.Of(element) is { Length: > 150 } text)
            {
                if (text != lastLong && ++paragraphs == 2)
                {
                    return (any, labelled);
                }

                lastLong = text;
            }
        }

        return (any, labelled);
    }

    private static DateTimeOffset? DateLine(IElement element, DateReading reading, bool labelledOnly)
        => ReadDateLine(element, reading, labelledOnly) is var (date, isLabelled) && (isLabelled || !labelledOnly) ? date : null;

    // The date of the element as a date line, and whether the line is labelled as the publication ("Published …"). With
    // labelledOnly, an unlabelled line's date is not read.
    private static (DateTimeOffset? Date, bool Labelled) ReadDateLine(IElement element, DateReading reading, bool labelledOnly)
    {
        if (element.Children.Any(c => DomText.IsBlock(c) && c.LocalName != "br") || DomText.ClosestTag(element, "a") is not null || DomText.InPageFurniture(element))
        {
            return (null, false);
        }

        if (DomText.OfAtMost(element, 80) is not { Length: > 0 } text)
        {
            return (null, false);
        }

        var update = UpdateLabel().Match(text);
        var before = update.Success ? text[..update.Index] : text;
        var labelled = PublishedLabel().IsMatch(before);
        if (labelledOnly && !labelled)
        {
            return (null, false);
        }

        // A time element's datetime is the machine-readable date: it has the clock time and offset the text leaves out,
        // and settles "03/01/2017".
        if (!update.Success && (element.LocalName == "time" ? element : DomText.Descendants(element).FirstOrDefault(IsTimeWithDatetime)) is { } time
            && DateValue.Parse(time.GetAttribute("datetime")) is { } exact)
        {
            return (exact, labelled);
        }

        return (DateValue.ParseVisible(before, reading), labelled);
    }

    /// <summary>
    /// Last resort before the URL: a line labelled as the publication ("Posted on April 13, 2023") wherever it is, or
    /// the date printed beside the page's first byline ("Written by Jane Doe" and "April 8, 2024" in one block),
    /// wherever that is. Later bylines belong to teasers of other stories.
    /// </summary>
    private static DateTimeOffset? BylineDate(PageElements page, DateReading reading)
    {
        var bylineSeen = false;
        foreach (var element in page.InBody.Where(e => e.LocalName is "p" or "span" or "div" or "small" or "li" or "time"))
        {
            if (DomText.TextLongerThan(element, 400) || DomText.OfAtMost(element, 120) is not { Length: > 0 } text)
            {
                continue;
            }

            if (text.Length <= 80 && DateLine(element, reading, labelledOnly: true) is { } labelled)
            {
                return labelled;
            }

            // A byline may hold a list of names; an author-named class counts on a line of text only (not on a card).
            var leaf = !element.Children.Any(c => DomText.IsBlock(c) && c.LocalName != "br");
            // The innermost element that starts with the byline is the byline, not a box around it and its date.
            if (!bylineSeen && (BylineStart().IsMatch(text) && !element.Children.Any(c => BylineStart().IsMatch(DomText.Of(c))) || leaf && text.Length <= 80 && (IsAuthorBlock(element) || element.ParentElement is { } parent && IsAuthorBlock(parent)))
                && element.ParentElement is { } block && !DomText.InPageFurniture(block))
            {
                bylineSeen = true;
                foreach (var sibling in block.Children)
                {
                    if (!ReferenceEquals(sibling, element) && (DateLine(sibling, reading, labelledOnly: false) ?? sibling.Children.Select(c => DateLine(c, reading, labelledOnly: false)).FirstOrDefault(d => d is not null)) is { } date)
                    {
                        return date;
                    }
                }
            }
        }

        return null;
    }

    private static bool IsAuthorBlock(IElement element)
        => element.GetAttribute("class") is { } names && (names.Contains("author", StringComparison.OrdinalIgnoreCase) || names.Contains("byline", StringComparison.OrdinalIgnoreCase));

    // [itemprop=datePublished], time[pubdate], time[datetime]
    private static bool IsPublishedMarkup(IElement element) => element.GetAttribute("itemprop") == "datePublished";

    private static bool IsTimePubdate(IElement element) => element.LocalName == "time" && element.HasAttribute("pubdate");

    private static bool IsTimeWithDatetime(IElement element) => element.LocalName == "time" && element.HasAttribute("datetime");

    private static DateTimeOffset? MarkupDate(PageElements page, params ReadOnlySpan<Func<IElement, bool>> selectors)
    {
        foreach (var selector in selectors)
        {
            foreach (var element in page.Matching(selector))
            {
                var value = element.GetAttribute("datetime") ?? element.GetAttribute("content") ?? element.TextContent;
                if (DateValue.Parse(value) is { } date)
                {
                    return date;
                }
            }
        }

        return null;
    }

    // Last resort before the URL: a date shown in a byline or meta block ("Posted September 18, 2024"), not one
    // labelled as an update.
    private static DateTimeOffset? VisibleDate(PageElements page, DateReading reading)
    {
        foreach (var element in page.Matching(static e => e.HasAttribute("class") || e.HasAttribute("id")))
        {
            var names = $"{element.GetAttribute("class")} {element.GetAttribute("id")}";
            if (!DateHolder().IsMatch(names) || DomText.InPageFurniture(element))
            {
                continue;
            }

            var text = DomText.Of(element);
            if (text.Length is > 0 and <= 120 && !UpdateLabel().IsMatch(text) && DateValue.ParseVisible(text, reading) is { } date)
            {
                return date;
            }
        }

        return null;
    }

    private static IElement? MainHeading(PageElements page, Dictionary<string, List<string>> meta, Uri pageUrl)
    {
        // An h1 that spells the host ("davidbau.com", "Playful Tones" on playfultones.com) is the site's logo.
        var host = Compact(pageUrl.Host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? pageUrl.Host[4..] : pageUrl.Host);
        var hostLabels = pageUrl.Host.Split('.').Select(Compact).Where(l => l.Length > 3).ToHashSet(StringComparer.Ordinal);
        var reference = First(meta, "og:title", "twitter:title") ?? page.Document.Title ?? string.Empty;
        var siteName = First(meta, "og:site_name");
        IElement? best = null;
        var bestOverlap = -1;
        foreach (var h1 in page.Matching(static e => e.LocalName == "h1"))
        {
            if (DomText.ClosestTag(h1, "nav", "footer", "aside") is not null)
            {
                continue;
            }

            var text = DomText.Of(h1);
            if (text.Length < 5 || string.Equals(text, siteName, StringComparison.OrdinalIgnoreCase) || Compact(text) == host
                || hostLabels.Contains(Compact(text)))
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

    private static string Compact(string text) => new([.. text.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant)]);

    private static int SharedWords(string a, string b)
    {
        var words = WordsOf(b).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return WordsOf(a).Count(words.Contains);
    }

    private static IEnumerable<string> WordsOf(string text)
        => text.Split([' ', ':', ',', '.', '-', '|', '?', '!', '(', ')', '"', '\'', '’', '‘', '“', '”'], StringSplitOptions.RemoveEmptyEntries);

    private static (string? Value, string? Source) TitleOf(PageElements page, JsonLdArticle? jsonLd, Dictionary<string, List<string>> meta, IElement? heading, Uri pageUrl)
    {
        if (First(meta, "cse_headline") is { } cse)
        {
            return (cse, FieldSource.Meta);
        }

        // The headline the reader sees beats an SEO headline in JSON-LD or og:title, when it is recognisably the same
        // story (it shares a word with them) and has the length of a headline, not of a logo or a paragraph.
        // A one- or two-word h1 ("Discord", "Day 7", "Webcams") is more often a section or product name than the
        // headline, so it must agree with the metadata on two words before it wins.
        var reference = $"{jsonLd?.Headline} {First(meta, "og:title", "twitter:title")} {page.Document.Title}";
        var hasReference = !string.IsNullOrWhiteSpace(reference);
        string[] declared = [.. new[] { First(meta, "og:title"), First(meta, "twitter:title"), page.Document.Title, jsonLd?.Headline }.OfType<string>()];
        heading = TitleHeading(page, heading, declared);
        if (heading is not null && DeclaredPart(heading, declared, First(meta, "og:site_name") ?? jsonLd?.PublisherName, pageUrl) is { } part)
        {
            return (part, FieldSource.Meta);
        }

        if ((heading is null || !Declared(DomText.Of(heading), declared)) && ClassedTitle(page, declared) is { } classed)
        {
            return (classed, FieldSource.Heuristic);
        }

        if (heading is not null && DomText.Of(heading) is { Length: >= 10 and <= 250 } visible && !IsTruncated(visible))
        {
            if (!hasReference || SharedWords(visible, reference) >= Math.Min(2, WordsOf(visible).Count()) && WordsOf(visible).Count() >= 3)
            {
                return (visible, FieldSource.Heuristic);
            }
        }

        if (jsonLd?.Headline is { } headline && !IsTruncated(headline) && !CutShort(headline, declared))
        {
            return (headline, FieldSource.JsonLd);
        }

        if (heading is not null && (!hasReference || SharedWords(DomText.Of(heading), reference) > 0))
        {
            return (DomText.Of(heading), FieldSource.Heuristic);
        }

        if (First(meta, "og:title", "twitter:title", "dc.title", "citation_title") is { } fromMeta)
        {
            return (fromMeta, FieldSource.Meta);
        }

        if (jsonLd?.Headline is { } truncated)
        {
            return (truncated, FieldSource.JsonLd);
        }

        return string.IsNullOrWhiteSpace(page.Document.Title) ? (null, null) : (DomText.Normalize(page.Document.Title), FieldSource.Heuristic);
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

        var exact = declared.Select(Compact).ToHashSet(StringComparer.Ordinal);
        if (!exact.Contains(Compact(DomText.Of(heading)))
            && page.Matching(static e => e.LocalName == "h1").FirstOrDefault(h1 => DomText.ClosestTag(h1, "nav", "footer", "aside") is null && Compact(DomText.Of(h1)) is { Length: >= 10 } c && exact.Contains(c)) is { } spelled)
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
        var whole = Compact(DomText.Of(heading));
        var bare = declared.Select(d => CleanTitle(WithoutSiteName(DomText.Normalize(d), siteName, pageUrl))!)
            .Select(b => (Title: b, Compact: Compact(b))).Where(b => b.Compact.Length >= 10).ToList();
        if (bare.Count == 0 || bare.Any(b => b.Compact == whole))
        {
            return null;
        }

        foreach (var part in DomText.Descendants(heading))
        {
            var text = Compact(DomText.Of(part));
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
        => Compact(text) is { Length: >= 10 } compact && declared.Any(d => Compact(d).Contains(compact, StringComparison.Ordinal));

    // The text of an element the template marks as the post's title ("entry-title", "post-title", "article-title"),
    // when it agrees with a declared title: blog templates that keep the h1 for the blog's name or a banner.
    private static string? ClassedTitle(PageElements page, string[] declared)
    {
        // A post-title class says "title" or "headline" (an ASCII class attribute without either is not split and matched).
        foreach (var element in page.Matching(static e => e.GetAttribute("class") is { } classes
            && (!Ascii.IsValid(classes) || classes.Contains("title", StringComparison.OrdinalIgnoreCase) || classes.Contains("headline", StringComparison.OrdinalIgnoreCase))))
        {
            if (DomText.AnyClass(element, PostTitleClass()) && DomText.ClosestTag(element, "nav", "footer", "aside", "a") is null
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

    /// <summary>
    /// Repairs what is left around a headline: UTF-8 read as Windows-1252 by the site itself ("Investorâ\u0080\u0099s"),
    /// a date line glued before it ("Dec 18 2025 Preparing a transition"), and a section or tagline after a pipe
    /// ("… through the night | Patient Education"): prose headlines do not use " | ", so what follows one is a label,
    /// and the headline is the first part when that part is a headline of at least three words.
    /// </summary>
    public static string? CleanTitle(string? title)
    {
        if (title is null)
        {
            return null;
        }

        title = RepairMojibake(title);
        var dated = LeadingDate().Match(title);
        if (dated.Success && title.Length - dated.Length >= 10)
        {
            title = title[dated.Length..];
        }

        var pipe = title.IndexOf(" | ", StringComparison.Ordinal);
        if (pipe > 0 && title[..pipe].Trim() is var head && head.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 3)
        {
            title = head;
        }

        return title;
    }

    // C1 control characters (U+0080–U+009F) never belong in text; beside "â" or "Ã" they are the bytes of UTF-8 decoded
    // as Latin-1. Undo that only when the result is valid UTF-8.
    private static string RepairMojibake(string text)
    {
        if (!text.Any(c => c is >= '\u0080' and <= '\u009f') || text.Any(c => c > '\u00ff'))
        {
            return text;
        }

        var bytes = text.Select(c => (byte)c).ToArray();
        try
        {
            return new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (System.Text.DecoderFallbackException)
        {
            return text;
        }
    }

    private static readonly string[] TitleSeparators = [" | ", " - ", " – ", " — ", " :: ", " · ", " // ", " • "];

    /// <summary>
    /// Drops a site name glued to a headline ("Is it really always the DNS? | APNIC Blog"): the part after the last
    /// separator, when it is the declared site name or names the host the page came from.
    /// </summary>
    public static string? WithoutSiteName(string? title, string? siteName, Uri pageUrl)
    {
        if (title is null)
        {
            return null;
        }

        // The host written before the headline ("davidbau.com Vibe Coding") is the site's name too.
        var bareHost = pageUrl.Host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? pageUrl.Host[4..] : pageUrl.Host;
        if (bareHost.Contains('.', StringComparison.Ordinal) && title.StartsWith(bareHost + " ", StringComparison.OrdinalIgnoreCase)
            && title[(bareHost.Length + 1)..].TrimStart(' ', '|', '-', ':', '·') is { Length: >= 5 } rest)
        {
            title = rest;
        }

        var hostLabels = pageUrl.Host.Split('.').Where(l => l.Length > 2 && l is not ("www" or "com" or "net" or "org" or "blog" or "news")).ToList();
        foreach (var separator in TitleSeparators)
        {
            var at = title.LastIndexOf(separator, StringComparison.Ordinal);
            if (at <= 0)
            {
                continue;
            }

            var head = title[..at].Trim();
            var tail = title[(at + separator.Length)..].Trim();
            var compact = tail.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
            var namesSite = string.Equals(tail, siteName, StringComparison.OrdinalIgnoreCase)
                || hostLabels.Any(label => compact.Contains(label.ToUpperInvariant(), StringComparison.Ordinal) || label.ToUpperInvariant().Contains(compact, StringComparison.Ordinal) && compact.Length > 3);
            if (namesSite && tail.Split(' ').Length <= 5 && head.Length >= 10)
            {
                return head;
            }
        }

        return title;
    }

    private static readonly FrozenSet<string> SubtitleClasses = FrozenSet.Create(
        StringComparer.Ordinal,
        "SUBTITLE", "SUB-TITLE", "SUB_TITLE", "SUBHEADLINE", "SUB-HEADLINE", "STANDFIRST", "DEK", "ARTICLE-DEK", "ARTICLE__STANDFIRST", "SUBHEAD");

    private static string? SubtitleOf(PageElements page, IElement? heading)
    {
        // Every subtitle class has "sub", "dek" or "standfirst" in it: other classes are not split and upper-cased.
        foreach (var element in page.Matching(static e => e.GetAttribute("class") is { } classes
            && (classes.Contains("sub", StringComparison.OrdinalIgnoreCase) || classes.Contains("dek", StringComparison.OrdinalIgnoreCase)
                || classes.Contains("standfirst", StringComparison.OrdinalIgnoreCase))))
        {
            if (DomText.HasClass(element, SubtitleClasses))
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
        foreach (var element in DomText.Descendants(scope))
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
            else if (afterHeading && element.LocalName is "p" or "div" or "section" && !element.Children.Any(DomText.IsBlock)
                && DomText.OfAtMost(element, 150) is null)
            {
                return null; // the body began: a heading after this is a subheading or a "more stories" box.
            }
        }

        return null;
    }

    private static (ImmutableArray<ArticleAuthor> Value, string? Source) AuthorsOf(PageElements page, JsonLdArticle? jsonLd, Dictionary<string, List<string>> meta)
    {
        // A name that is the site's own is the publisher standing in for a byline: look further first.
        var site = new[] { First(meta, "og:site_name"), jsonLd?.PublisherName, First(meta, "application-name") }.OfType<string>().ToList();
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
                .Where(e => DomText.ClosestTag(e, "footer", "nav", "aside") is null)
                .Select(e => e.LocalName == "meta" ? e.GetAttribute("content") : DomText.Of(e))
                .Where(t => t is { Length: < 120 })
                .SelectMany(AuthorNames.Split)
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .ToList();
            if (names.Count > 0)
            {
                return ([.. names.Select(n => new ArticleAuthor(n))], FieldSource.Heuristic);
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
                if (text.Length is > 0 and < 120 && DomText.ClosestTag(element, "footer", "nav", "aside") is null && AuthorNames.Split(text) is { Count: > 0 } names)
                {
                    return ([.. names.Select(n => new ArticleAuthor(n))], FieldSource.Heuristic);
                }
            }
        }

        // A label of its own ("Written by", "Author") followed by the name in the next element.
        foreach (var element in page.Matching(static e => e.LocalName is "p" or "span" or "div" or "dt" or "strong"))
        {
            // A label has ten visible characters at most ("Written by:"): longer text is not built to be tested.
            if (element.Children.Length == 0 && DomText.NonSpaceLength(element) <= 10 && AuthorLabel().IsMatch(DomText.Of(element)) && DomText.ClosestTag(element, "footer", "nav", "aside") is null
                && element.NextElementSibling is { } next && DomText.Of(next) is { Length: > 2 and < 60 } text
                && AuthorNames.Split(text) is [var name] && AuthorNames.LooksLikeName(name))
            {
                return ([new ArticleAuthor(name)], FieldSource.Heuristic);
            }
        }

        // "By Jane Doe" / "Written by Jane Doe" as a short line of its own.
        foreach (var element in page.Matching(static e => e.LocalName is "p" or "span" or "div" or "li"))
        {
            if (element.Children.Any(DomText.IsBlock) || DomText.ClosestTag(element, "footer", "nav", "aside") is not null)
            {
                continue;
            }

            if (DomText.OfAtMost(element, 79) is { Length: > 3 } text && ByLine().IsMatch(text) && AuthorNames.Split(text) is { Count: > 0 } names)
            {
                return ([.. names.Select(n => new ArticleAuthor(n))], FieldSource.Heuristic);
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

    // The first declared language that tells the order of day and month: a bare "en" on the html element may sit beside
    // an og:locale of en_GB.
    private static bool? DeclaredDateOrder(PageElements page, JsonLdArticle? jsonLd, Dictionary<string, List<string>> meta)
        => new[] { jsonLd?.Language, page.Document.DocumentElement?.GetAttribute("lang"), First(meta, "og:locale"), First(meta, "content-language") }
            .Select(DateValue.DayFirstIn).FirstOrDefault(order => order is not null);

    private static (string? Value, string? Source) LanguageOf(IDocument document, JsonLdArticle? jsonLd, Dictionary<string, List<string>> meta)
    {
        var (language, source) = jsonLd?.Language is { } fromJsonLd ? (fromJsonLd, FieldSource.JsonLd)
            : document.DocumentElement?.GetAttribute("lang") is { } fromMarkup ? (fromMarkup, FieldSource.Heuristic)
            : (First(meta, "og:locale", "content-language", "dc.language", "language"), FieldSource.Meta);
        if (string.IsNullOrWhiteSpace(language))
        {
            return (null, null);
        }

        // og:locale writes en_GB; a BCP 47 tag is en-GB.
        language = language.Trim().Replace('_', '-');
        return language.Length <= 35 && language.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') ? (language, source) : (null, null);
    }

    private static string? GenreOf(JsonLdArticle? jsonLd)
    {
        if (jsonLd is null)
        {
            return null;
        }

        if (jsonLd.Type is "OpinionNewsArticle")
        {
            return "opinion";
        }

        return jsonLd.Genre?.ToUpperInvariant() switch
        {
            null => jsonLd.Type switch
            {
                "ReviewNewsArticle" => "review",
                "AnalysisNewsArticle" => "analysis",
                "BackgroundNewsArticle" => "background",
                _ => null,
            },
            "COMMENT" or "OPINION" or "COLUMN" or "EDITORIAL" or "OP-ED" or "COMMENTARY" => "opinion",
            var other => other.ToLowerInvariant(),
        };
    }

    private static bool? ContentTier(string? tier) => tier?.ToUpperInvariant() switch
    {
        "FREE" => true,
        "LOCKED" or "METERED" or "PREMIUM" => false,
        _ => null,
    };

    private static ImmutableArray<ArticleImage> ImagesOf(Uri pageUrl, JsonLdArticle? jsonLd, Dictionary<string, List<string>> meta)
    {
        var urls = new List<string?>();
        if (meta.TryGetValue("og:image", out var og))
        {
            urls.AddRange(og);
        }

        urls.AddRange(jsonLd?.Images ?? []);
        urls.Add(First(meta, "twitter:image"));
        return [.. urls.Select(u => Absolute(pageUrl, u)).OfType<string>().Distinct(StringComparer.Ordinal).Select(u => new ArticleImage(u))];
    }

    private static ImmutableArray<string> TagsOf(JsonLdArticle? jsonLd, Dictionary<string, List<string>> meta)
    {
        IEnumerable<string> tags = meta.TryGetValue("article:tag", out var articleTags)
            ? articleTags
            : jsonLd is { Keywords.IsEmpty: false }
                ? jsonLd.Keywords
                : (First(meta, "news_keywords", "keywords", "parsely-tags") ?? string.Empty).Split(',');
        return [.. tags.Select(t => t.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    [GeneratedRegex(@"date|time|publish|posted|byline|entry-meta|post-meta|article-meta|date_box", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DateHolder();

    [GeneratedRegex(@"^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+(?:19|20)\d{2}\s+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LeadingDate();

    [GeneratedRegex(@"(?:^|[-_])(?:entry|post|article|story)[-_]?(?:title|headline)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PostTitleClass();

    [GeneratedRegex(@"^(?:originally\s+)?(?:published|posted)(?:\s+on)?\s*:?\s*(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|\d)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PublishedLabel();

    [GeneratedRegex(@"updated|modified|수정|更新", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UpdateLabel();

    [GeneratedRegex(@"^(?:written by|author|posted by|by|words by)\s*:?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AuthorLabel();

    [GeneratedRegex(@"^(?:written\s+)?by\s+\p{Lu}", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ByLine();

    [GeneratedRegex(@"^(?:written\s+|posted\s+)?by\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BylineStart();
}
