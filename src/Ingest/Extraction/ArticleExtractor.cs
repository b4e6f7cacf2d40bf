using System.Collections.Immutable;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;

namespace Ingest.Extraction;

/// <summary>
/// Turns raw page bytes into an <see cref="Article"/>. Pure: no network, no storage, so a re-parse and a
/// golden test need neither. Thread-safe: one instance serves the whole process.
/// </summary>
public sealed partial class ArticleExtractor
{
    /// <summary>The parser version written into every record; raise it whenever extraction output can change.</summary>
    public const string Version = "0.7.0";

    // The JSON-LD body replaces the markup's when the markup yields less than this share of it (paywalled pages that
    // render only a teaser, client-rendered pages).
    private const double ArticleBodyPreference = 0.5;

    // With less body text than this in the markup, the page's script state is searched for the article's HTML.
    private const int EmbeddedHtmlBelow = 200;

    /// <summary>
    /// Only this much of a page is read: real article pages stay far below (the largest benchmark page is 1.8 MB), and a
    /// bigger one is cut rather than parsed for minutes; its article, near the top, is still found.
    /// </summary>
    public const int MaxPageBytes = 3 * 1024 * 1024;

    private readonly HtmlParser _parser = new(new HtmlParserOptions { IsScripting = false });
    private readonly ImmutableArray<SiteProfile> _profiles;
    private readonly double _authorFloor;

    /// <summary>An extractor with the site profiles shipped beside the library (Extraction/Profiles/*.json).</summary>
    public ArticleExtractor()
        : this(SiteProfiles.Load(SiteProfiles.DefaultFolder))
    {
    }

    /// <summary>An extractor with the given site profiles (none: generic extraction only).</summary>
    public ArticleExtractor(IEnumerable<SiteProfile> profiles)
        : this(profiles, FieldConfidence.AuthorFloor)
    {
    }

    /// <summary>
    /// An extractor with the given site profiles that leaves authors out below <paramref name="authorFloor"/> (0 keeps
    /// every name; ingestion uses <see cref="FieldConfidence.AuthorFloor"/>).
    /// </summary>
    public ArticleExtractor(IEnumerable<SiteProfile> profiles, double authorFloor)
    {
        _profiles = [.. profiles];
        _authorFloor = authorFloor;
    }

    /// <summary>Extracts one page. Never throws for bad input: the outcome says why a page is not an article.</summary>
    public ExtractionOutcome Extract(PageInput page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var bytes = page.Content.Span;
        if (bytes.IsEmpty)
        {
            return ExtractionOutcome.NotAnArticle("the page is empty");
        }

        if (IsNonHtmlContentType(page.ContentType))
        {
            return ExtractionOutcome.NotAnArticle($"the content type '{page.ContentType}' is not HTML");
        }

        if (PageDecoder.LooksBinary(bytes))
        {
            return ExtractionOutcome.NotAnArticle("the content is binary, not HTML");
        }

        if (bytes.Length > MaxPageBytes)
        {
            // Cut before a tag, never inside a multi-byte character (a broken one would defeat charset detection).
            var head = bytes[..MaxPageBytes];
            var lastTag = head.LastIndexOf((byte)'<');
            bytes = lastTag > 0 ? head[..lastTag] : head;
        }

        var html = MarkupGuard.LimitDepth(PageDecoder.Decode(bytes, page.ContentType));
        if (!MarkupTag().IsMatch(html))
        {
            return ExtractionOutcome.NotAnArticle("the content has no HTML markup");
        }

        using var document = _parser.ParseDocument(html);
        var profile = _profiles.FirstOrDefault(p => p.Matches(page.Url.Host));
        var findings = profile is null ? null : ProfileReader.Read(document, profile, page.Url);
        var metadata = MetadataReader.Read(document, page.Url, page.FetchedAt);
        var fields = metadata.Found;
        var content = MainContentExtractor.Extract(document, page.Url, metadata.Heading);

        var paragraphs = content.Paragraphs;
        var sources = fields.Sources.ToBuilder();
        sources["body"] = FieldSource.Content;
        if (findings is { Found.Body.IsEmpty: false })
        {
            paragraphs = findings.Found.Body;
            sources["body"] = FieldSource.Profile;
        }
        else if (metadata.ArticleBody is { } articleBody && DomText.CountNonSpace(articleBody) * ArticleBodyPreference > content.Length)
        {
            paragraphs = SplitArticleBody(articleBody);
            sources["body"] = FieldSource.JsonLd;
        }
        else if (content.Length < EmbeddedHtmlBelow && EmbeddedHtml.Longest(html) is { } embedded)
        {
            // A script-rendered page: the markup has no body, the script state holds it as HTML.
            // The string is page input like the markup: the same nesting guard applies before it is parsed.
            using var state = _parser.ParseDocument(MarkupGuard.LimitDepth($"<html><body>{embedded}</body></html>"));
            var fromState = MainContentExtractor.Extract(state, page.Url);
            if (fromState.Length > content.Length)
            {
                paragraphs = fromState.Paragraphs;
                sources["body"] = FieldSource.Embedded;
            }
        }

        if (findings is not null)
        {
            fields = ApplyProfile(fields, findings, sources);
        }

        var closing = ClosingBlockParser.Parse(Dateline.Strip(paragraphs));
        if (closing.Body.IsEmpty)
        {
            return ExtractionOutcome.NotAnArticle("the page has no body text");
        }

        if (string.IsNullOrWhiteSpace(fields.Title))
        {
            return ExtractionOutcome.NotAnArticle("the page has no title");
        }

        if (fields.Authors.IsEmpty && closing.Author is not null)
        {
            sources["authors"] = FieldSource.Closing;
        }

        foreach (var (field, present) in (ReadOnlySpan<(string, bool)>)[("translation", closing.Translation is not null), ("copyright", closing.Copyright is not null)])
        {
            if (present)
            {
                sources[field] = FieldSource.Closing;
            }
        }

        var article = fields with
        {
            Body = closing.Body,
            Authors = MergeAuthor(fields.Authors, closing.Author),
            Images = [.. content.Images.Concat(fields.Images).DistinctBy(image => image.Url)],
            Translation = closing.Translation,
            Copyright = closing.Copyright,
            Sources = sources.ToImmutable(),
        };
        var outcome = ExtractionOutcome.Found(WithoutUnsureAuthors(_authorFloor, article with { Confidence = FieldConfidence.Judge(article, metadata.Signals) }));
        return profile is null ? outcome : outcome with { Profile = profile.Name, ProfileDrift = findings!.Drift };
    }

    // A profile's finding beats the generic one, except a date that only repeats the metadata's to the minute (the
    // metadata then has the seconds). A published time from the URL only fills a gap, or stands before a last update
    // or a script-state date read for want of a published one.
    private static Article ApplyProfile(Article metadata, ProfileFindings findings, ImmutableSortedDictionary<string, string>.Builder sources)
    {
        var found = findings.Found;
        T? Pick<T>(string field, T? fromProfile, T? generic)
        {
            if (fromProfile is null)
            {
                return generic;
            }

            sources[field] = FieldSource.Profile;
            return fromProfile;
        }

        DateTimeOffset? PickDate(string field, DateTimeOffset? fromProfile, DateTimeOffset? generic)
            => generic is { } g && fromProfile is { } p && Math.Abs((g - p).TotalMinutes) < 1 ? generic : Pick(field, fromProfile, generic);

        var published = PickDate("published", found.Published, metadata.Published);
        if ((published is null || sources.GetValueOrDefault("published") is FieldSource.Updated or FieldSource.State) && findings.PublishedFromUrl is { } fromUrl)
        {
            published = fromUrl;
            sources["published"] = FieldSource.Profile;
        }

        return metadata with
        {
            Title = Pick("title", found.Title, metadata.Title),
            DeclaredTitle = found.Title is { } exact && metadata.DeclaredTitle is { } declared && TitleReader.SameWording(exact, declared) ? null : metadata.DeclaredTitle,
            Subtitle = Pick("subtitle", found.Subtitle, metadata.Subtitle),
            Authors = found.Authors.IsEmpty ? metadata.Authors : Pick("authors", (ImmutableArray<ArticleAuthor>?)found.Authors, null)!.Value,
            Published = published,
            Modified = PickDate("modified", found.Modified, metadata.Modified),
            CanonicalUrl = Pick("canonicalUrl", found.CanonicalUrl, metadata.CanonicalUrl),
            Section = Pick("section", found.Section, metadata.Section),
            Tags = found.Tags.IsEmpty ? metadata.Tags : found.Tags,
        };
    }

    // Authors below the floor are left out rather than guessed (none by default: see FieldConfidence.AuthorFloor).
    private static Article WithoutUnsureAuthors(double floor, Article article)
        => article.Confidence.TryGetValue("authors", out var authors) && authors.Confidence < floor
            ? article with { Authors = [], Sources = article.Sources.Remove("authors"), Confidence = article.Confidence.Remove("authors") }
            : article;

    private static bool IsNonHtmlContentType(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return false;
        }

        var mediaType = contentType.Split(';')[0].Trim();
        return mediaType.Length > 0
            && !mediaType.Contains("html", StringComparison.OrdinalIgnoreCase)
            && !mediaType.Equals("application/octet-stream", StringComparison.OrdinalIgnoreCase)
            && !mediaType.Equals("text/xml", StringComparison.OrdinalIgnoreCase)
            && !mediaType.Equals("application/xml", StringComparison.OrdinalIgnoreCase);
    }

    private static ImmutableArray<string> SplitArticleBody(string articleBody)
        => [.. articleBody.Split('\n').Select(DomText.Normalize).Where(p => p.Length > 0).Distinct(StringComparer.Ordinal)];

    // The closing author line names the column's writer and says what they are; it completes or joins the byline.
    private static ImmutableArray<ArticleAuthor> MergeAuthor(ImmutableArray<ArticleAuthor> authors, ArticleAuthor? closing)
    {
        if (closing is null)
        {
            return authors;
        }

        for (var i = 0; i < authors.Length; i++)
        {
            if (string.Equals(authors[i].Name, closing.Name, StringComparison.OrdinalIgnoreCase))
            {
                return authors.SetItem(i, authors[i] with { Role = closing.Role });
            }
        }

        return authors.Insert(0, closing);
    }

    [GeneratedRegex(@"<\s*(?:html|head|body|div|p|article|title|meta|!doctype|h1|span|section|main|table)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MarkupTag();
}
