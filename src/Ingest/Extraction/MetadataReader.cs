using System.Collections.Immutable;
using AngleSharp.Css.Dom;
using AngleSharp.Dom;

namespace Ingest.Extraction;

/// <summary>
/// Reads a page's metadata, trusting sources in this order: JSON-LD; <c>article:*</c> and OpenGraph meta; microdata,
/// Dublin Core, <c>citation_*</c>, parsely and sailthru meta; then the markup (<c>time</c>, <c>rel=author</c>, bylines).
/// Each field has a reader of its own (<see cref="TitleReader"/>, <see cref="AuthorReader"/>,
/// <see cref="PublishedDateReader"/>, …); this puts their answers together and notes where each came from.
/// </summary>
internal static class MetadataReader
{
    private static readonly ISelector CanonicalLink = DomTree.Selector("link[rel~=canonical][href]");

    /// <summary>Reads the metadata of <paramref name="document"/>, resolving URLs against <paramref name="pageUrl"/>.</summary>
    public static PageMetadata Read(IDocument document, Uri pageUrl, DateTimeOffset? seenAt = null)
    {
        var page = new PageElements(document);
        var jsonLd = JsonLdReader.Read(page);
        var meta = MetaTagReader.MetaValues(page);
        var heading = TitleReader.MainHeading(page, meta, pageUrl);
        var sources = new SortedDictionary<string, string>(StringComparer.Ordinal);

        var (title, titleSource) = TitleReader.TitleOf(page, jsonLd, meta, heading, pageUrl);
        var (authors, authorsSource) = AuthorReader.AuthorsOf(page, jsonLd, meta, pageUrl);
        var dates = PublishedDateReader.PublishedOf(page, jsonLd, meta, pageUrl, heading, seenAt);
        var (published, publishedSource) = (dates.Value, dates.Source);
        var subtitle = SubtitleReader.SubtitleOf(page, heading);
        var modified = dates.Modified?.Value;
        if (dates.Modified is { } change)
        {
            sources["modified"] = change.Source;
        }

        var section = Note(sources, "section", (jsonLd?.Section, FieldSource.JsonLd), (MetaTagReader.First(meta, "article:section", "parsely-section", "section"), FieldSource.Meta));
        var siteName = Note(sources, "siteName", (MetaTagReader.First(meta, "og:site_name"), FieldSource.Meta), (jsonLd?.PublisherName, FieldSource.JsonLd), (MetaTagReader.First(meta, "application-name"), FieldSource.Meta));
        var genre = GenreReader.GenreOf(jsonLd);
        var free = Note(sources, "isAccessibleForFree", (jsonLd?.IsAccessibleForFree, FieldSource.JsonLd), (ContentTier(MetaTagReader.First(meta, "article:content_tier")), FieldSource.Meta));
        var canonical = Note(
            sources,
            "canonicalUrl",
            (PageLinks.Absolute(pageUrl, page.Matching(CanonicalLink).FirstOrDefault()?.GetAttribute("href")), FieldSource.Markup),
            (PageLinks.Absolute(pageUrl, MetaTagReader.First(meta, "og:url")), FieldSource.Meta),
            (PageLinks.Absolute(pageUrl, jsonLd?.Url), FieldSource.JsonLd));
        var (language, languageSource) = LanguageReader.LanguageOf(document, jsonLd, meta);

        Add(sources, "title", title, titleSource);
        Add(sources, "subtitle", subtitle, FieldSource.Content);
        Add(sources, "authors", authors.IsEmpty ? null : "x", authorsSource);
        Add(sources, "published", published, publishedSource);
        Add(sources, "genre", genre, FieldSource.JsonLd);
        Add(sources, "language", language, languageSource);

        var finalTitle = AsDeclared(TitleCleaner.Clean(title, MetaTagReader.First(meta, "og:site_name") ?? jsonLd?.PublisherName, pageUrl), titleSource, heading, jsonLd, meta, pageUrl);
        var found = new Article
        {
            Title = finalTitle,
            DeclaredTitle = TitleReader.DeclaredBeside(finalTitle, jsonLd, meta, pageUrl),
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
            Images = ImageReader.ImagesOf(pageUrl, jsonLd, meta),
            Tags = TagReader.TagsOf(jsonLd, meta),
            Sources = sources.ToImmutableSortedDictionary(StringComparer.Ordinal),
        };
        return new PageMetadata(found, jsonLd?.ArticleBody, Signals(page, jsonLd, meta, heading, pageUrl, dates), heading);
    }

    // What each source says on its own, for FieldConfidence to count agreement with the values chosen.
    private static FieldSignals Signals(PageElements page, JsonLdArticle? jsonLd, Dictionary<string, List<string>> meta, IElement? heading, Uri pageUrl, DateFinding dates)
    {
        var siteName = MetaTagReader.First(meta, "og:site_name") ?? jsonLd?.PublisherName;
        var signals = new FieldSignals(page)
        {
            JsonLdAuthors = jsonLd is null ? [] : [.. jsonLd.Authors.Select(a => a.Name)],
            MetaAuthors = AuthorReader.MetaNames(meta),
            Site = SiteIdentity.Of(jsonLd, meta, pageUrl),
            Dates = dates.Signals,
            ArticleBody = jsonLd?.ArticleBody,
            TitleCleaning = (siteName, pageUrl),
        };
        foreach (var (source, title) in (ReadOnlySpan<(string, string?)>)[
            (FieldSource.JsonLd, jsonLd?.Headline), (FieldSource.Meta, MetaTagReader.First(meta, "og:title")), (FieldSource.Meta, MetaTagReader.First(meta, "twitter:title")),
            (FieldSource.TitleElement, page.Document.Title), (FieldSource.Heading, heading is null ? null : DomText.Of(heading))])
        {
            if (!string.IsNullOrWhiteSpace(title))
            {
                signals.Titles.Add((source, title));
            }
        }

        foreach (var (source, language) in (ReadOnlySpan<(string, string?)>)[
            (FieldSource.JsonLd, jsonLd?.Language), (FieldSource.Markup, page.Document.DocumentElement?.GetAttribute("lang")), (FieldSource.Meta, MetaTagReader.First(meta, "og:locale", "content-language", "dc.language", "language"))])
        {
            if (!string.IsNullOrWhiteSpace(language))
            {
                signals.Languages.Add((source, language.Trim()));
            }
        }

        return signals;
    }

    // The h1's words as the metadata writes them: styling splits a headline into parts (elements, or a text run beside
    // one) and the separator between them is drawn, not written ("<span>Ausschuss zur Ahrtal-Flut</span><span>Zwei
    // Rücktritte</span>" for "…-Flut: Zwei Rücktritte", "<span>…पकड़ा:</span>दो …" for "पकड़ा: दो", "drauf : Stadt" for
    // "drauf: Stadt"). When the h1 is built of such parts and og:title,
    // twitter:title or the JSON-LD headline is the same text with a separator (":", "/", "|", a dash) the h1 lacks, or
    // with other spaces around its own, it is the headline as written.
    private static string? AsDeclared(string? title, string? source, IElement? heading, JsonLdArticle? jsonLd, Dictionary<string, List<string>> meta, Uri pageUrl)
    {
        if (title is null || source != FieldSource.Heading || heading is null || heading.ChildNodes.Count(static c => c is IElement part ? DomText.Of(part).Length > 0 : c.NodeType == NodeType.Text && !string.IsNullOrWhiteSpace(c.TextContent)) < 2)
        {
            return title;
        }

        var siteName = MetaTagReader.First(meta, "og:site_name") ?? jsonLd?.PublisherName;
        var bare = WithoutSeparators(title);
        foreach (var declared in new[] { MetaTagReader.First(meta, "og:title"), MetaTagReader.First(meta, "twitter:title"), jsonLd?.Headline })
        {
            if (declared is not null && TitleCleaner.Clean(DomText.Normalize(declared), siteName, pageUrl) is { } cleaned
                && cleaned != title && WithoutSeparators(cleaned) == bare
                && (cleaned.Count(IsSeparator) > title.Count(IsSeparator) || WithoutSpaces(cleaned) == WithoutSpaces(title)))
            {
                return cleaned;
            }
        }

        return title;
    }

    private static bool IsSeparator(char c) => c is ':' or '/' or '|' or '-' or '–' or '—';

    private static string WithoutSpaces(string text) => new([.. text.Where(c => !char.IsWhiteSpace(c))]);

    private static string WithoutSeparators(string text) => new([.. text.Where(c => !char.IsWhiteSpace(c) && !IsSeparator(c))]);

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

    private static bool? ContentTier(string? tier) => tier?.ToUpperInvariant() switch
    {
        "FREE" => true,
        "LOCKED" or "METERED" or "PREMIUM" => false,
        _ => null,
    };
}
