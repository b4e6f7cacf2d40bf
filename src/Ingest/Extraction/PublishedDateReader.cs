using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace Ingest.Extraction;

/// <summary>
/// Reads the published date, trusting JSON-LD, then meta tags, then markup (<c>itemprop=datePublished</c>,
/// <c>time</c>), then date lines, then the URL. Published and modified dates are kept apart: a modified or created
/// date never stands in for the published one.
/// </summary>
internal static partial class PublishedDateReader
{
    private static readonly string[] PublishedKeys =
    [
        "article:published_time", "og:published_time", "datepublished", "dc.date.issued", "dcterms.issued", "dc.date",
        "dcterms.date", "citation_publication_date", "citation_date", "citation_online_date", "parsely-pub-date",
        "sailthru.date", "pubdate", "publishdate", "publish-date", "article.published", "article_date_original", "date",
    ];

    // The meta keys of the modified date: MetadataReader reads it from them, and a published date on or after it is a
    // CMS stamp (see ShownInstead).
    public static readonly string[] ModifiedKeys =
    [
        "article:modified_time", "og:updated_time", "datemodified", "dc.date.modified", "dcterms.modified", "last-modified",
        "article.updated",
    ];

    /// <summary>
    /// The published date, where it came from, and every source that named a publication date (for
    /// <see cref="FieldConfidence"/> to see which agree); null when the page shows none. A date before 1990 or more than
    /// a day after <paramref name="seenAt"/> (when the page was fetched; null: not known) is no publication date.
    /// </summary>
    public static DateFinding PublishedOf(PageElements page, JsonLdArticle? jsonLd, Dictionary<string, List<string>> meta, Uri pageUrl, IElement? heading, DateTimeOffset? seenAt = null)
    {
        DateTimeOffset? Plausible(DateTimeOffset? date) => date is { } d && d.Year >= 1990 && (seenAt is not { } seen || d <= seen.AddDays(1)) ? d : null;

        // A date line under the headline that says it is the publication date ("Published Apr 26, 2023") is what the
        // reader is told; when the metadata names another day (templates that stamp the CMS's last publish), the
        // labelled line wins. Within a day of each other the metadata stays, for its time and offset: a visible date
        // carries no zone, so one day apart is the same instant seen from another zone, not another date.
        var fromUrl = Plausible(DateValue.FromUrl(pageUrl));
        var reading = new DateReading(fromUrl, DeclaredDateOrder(page, jsonLd, meta));
        var (shown, labelledLine, updatedLine) = DateLineReader.HeadlineDates(page, heading, reading);
        var updated = Plausible(updatedLine);

        // The last modification: declared, else the "Updated …" line under the headline; never a publication.
        (DateTimeOffset Value, string Source)? modified = jsonLd?.Modified is { } inJsonLd ? (inJsonLd, FieldSource.JsonLd)
            : MetaTagReader.FirstDate(meta, ModifiedKeys) is { } inMeta ? (inMeta, FieldSource.Meta)
            : updated is { } shownChange ? (shownChange, FieldSource.DateLine)
            : null;
        var (shownDate, labelled) = (Plausible(shown), Plausible(labelledLine));
        var fromJsonLd = Plausible(jsonLd?.Published);
        var fromMeta = Plausible(MetaTagReader.FirstDate(meta, PublishedKeys) ?? OtherPublishedMeta(meta, reading));
        var markup = Plausible(MarkupDate(page, IsPublishedMarkup, IsTimePubdate));
        List<(string Source, DateTimeOffset Date)> signals = [];
        foreach (var (source, date) in (ReadOnlySpan<(string, DateTimeOffset?)>)[(FieldSource.JsonLd, fromJsonLd), (FieldSource.Meta, fromMeta), (FieldSource.Markup, markup), (FieldSource.DateLine, shownDate ?? labelled), (FieldSource.Url, fromUrl)])
        {
            if (date is { } found)
            {
                signals.Add((source, found));
            }
        }

        if (fromJsonLd is { } declared)
        {
            return Disagrees(labelled, declared) ? new(labelled, FieldSource.DateLine, signals, modified)
                : ShownInstead(declared, jsonLd!.Modified, shownDate, page, reading, signals) is { } instead ? new(instead, FieldSource.DateLine, signals, modified)
                : new(declared, FieldSource.JsonLd, signals, modified);
        }

        if (fromMeta is { } metaDate)
        {
            return Disagrees(labelled, metaDate) ? new(labelled, FieldSource.DateLine, signals, modified)
                : ShownInstead(metaDate, MetaTagReader.FirstDate(meta, ModifiedKeys), shownDate, page, reading, signals) is { } instead ? new(instead, FieldSource.DateLine, signals, modified)
                : new(metaDate, FieldSource.Meta, signals, modified);
        }

        // Markup that names the published date comes first; then the headline's date line, before the page's first time
        // element, which may belong to a list of other stories above the headline.
        if (markup is not null)
        {
            return new(markup, FieldSource.Markup, signals, modified);
        }

        if (shownDate is not null)
        {
            return new(shownDate, FieldSource.DateLine, signals, modified);
        }

        if (Plausible(MarkupDate(page, DateLineReader.IsTimeWithDatetime)) is { } time)
        {
            signals.Add((FieldSource.Markup, time));
            return new(time, FieldSource.Markup, signals, modified);
        }

        if ((Plausible(VisibleDate(page, reading)) ?? Plausible(DateLineReader.BylineDate(page, reading))) is { } visible)
        {
            signals.Add((FieldSource.DateLine, visible));
            return new(visible, FieldSource.DateLine, signals, modified);
        }

        if (fromUrl is not null)
        {
            return new(fromUrl, FieldSource.Url, signals, modified);
        }

        // A page that gives only its last update ("Updated on July 9, 2025", a dateModified alone) was last published
        // then: the version held is of that day. Its source says so, and its confidence is low.
        if (Plausible(modified?.Value) is { } lastUpdate)
        {
            return new(lastUpdate, FieldSource.Updated, signals, modified);
        }

        // A script-rendered page may keep its date only in its state ("createDate":20240425).
        if (Plausible(StateDate.Of(page)) is { } kept)
        {
            signals.Add((FieldSource.State, kept));
            return new(kept, FieldSource.State, signals, modified);
        }

        return new(null, null, signals, modified);
    }

    // Site-specific meta names that still say what they hold ("published", "w-published-date"): any key naming a
    // publication and not an update or an expiry.
    private static DateTimeOffset? OtherPublishedMeta(Dictionary<string, List<string>> meta, DateReading reading)
    {
        foreach (var (key, values) in meta)
        {
            if (key.Contains("publish", StringComparison.OrdinalIgnoreCase) && !DateLineReader.UpdateLabel().IsMatch(key)
                && !key.Contains("expir", StringComparison.OrdinalIgnoreCase)
                && values.Select(v => DateValue.Parse(v) ?? DateValue.ParseVisible(v, reading)).FirstOrDefault(d => d is not null) is { } date)
            {
                return date;
            }
        }

        return null;
    }

    // Whether a date shown on the page names another day than the metadata (more than a day apart: less is a zone).
    private static bool Disagrees(DateTimeOffset? shown, DateTimeOffset metadata)
        => shown is { } day && Math.Abs((day.Date - metadata.Date).TotalDays) > 1;

    /// <summary>
    /// The day the page shows when the metadata's published date is a CMS stamp: a published date on or after the
    /// modified one is the last publish written into both (Webflow and similar), so an earlier day under the headline is
    /// the article's own; with no date line at the headline, an earlier day printed further down as the publication's
    /// ("Published August 13, 2025" under a newsletter box) or beside the byline (added to the signals when taken).
    /// </summary>
    private static DateTimeOffset? ShownInstead(DateTimeOffset published, DateTimeOffset? modified, DateTimeOffset? shown, PageElements page, DateReading reading, List<(string Source, DateTimeOffset Date)> signals)
    {
        if (modified is not { } changed || published < changed)
        {
            return null;
        }

        if (shown is { } date)
        {
            return date.Date < published.Date ? date : null;
        }

        if (DateLineReader.BylineDate(page, reading) is { } printed && printed.Year >= 1990 && (published.Date - printed.Date).TotalDays > 1)
        {
            signals.Add((FieldSource.DateLine, printed));
            return printed;
        }

        return null;
    }

    // [itemprop=datePublished] and time[pubdate]; time[datetime] is DateLineReader.IsTimeWithDatetime.
    private static bool IsPublishedMarkup(IElement element) => element.GetAttribute("itemprop") == "datePublished";

    private static bool IsTimePubdate(IElement element) => element.LocalName == "time" && element.HasAttribute("pubdate");

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
            if (!DateHolder().IsMatch(names) || PageFurniture.InPageFurniture(element))
            {
                continue;
            }

            var text = DomText.Of(element);
            if (text.Length is > 0 and <= 120 && !DateLineReader.UpdateLabel().IsMatch(text) && DateValue.ParseVisible(text, reading) is { } date)
            {
                return date;
            }
        }

        return null;
    }

    // The first declared language that tells the order of day and month: a bare "en" on the html element may sit beside
    // an og:locale of en_GB.
    private static bool? DeclaredDateOrder(PageElements page, JsonLdArticle? jsonLd, Dictionary<string, List<string>> meta)
        => new[] { jsonLd?.Language, page.Document.DocumentElement?.GetAttribute("lang"), MetaTagReader.First(meta, "og:locale"), MetaTagReader.First(meta, "content-language") }
            .Select(DateValue.DayFirstIn).FirstOrDefault(order => order is not null);

    [GeneratedRegex(@"date|time|publish|posted|byline|entry-meta|post-meta|article-meta|date_box", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DateHolder();
}

/// <summary>A date the page gives, where it came from, and every source that named one.</summary>
/// <param name="Value">The published date.</param>
/// <param name="Source">Where it came from.</param>
/// <param name="Signals">Every source that named a publication date, with its date.</param>
/// <param name="Modified">The last modification and its source: JSON-LD, a meta tag, or the "Updated …" line under the headline.</param>
internal sealed record DateFinding(DateTimeOffset? Value, string? Source, IReadOnlyList<(string Source, DateTimeOffset Date)> Signals, (DateTimeOffset Value, string Source)? Modified);
