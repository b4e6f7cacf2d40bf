using AngleSharp.Css.Dom;

namespace Ingest.Extraction;

/// <summary>
/// Reads a page's meta tags (OpenGraph, <c>article:*</c>, Dublin Core, <c>citation_*</c>, parsely, sailthru, plain
/// names) into one lookup by key, ignoring case, each key with its values in document order; the other readers ask it
/// for the first value under any of several keys.
/// </summary>
internal static class MetaTagReader
{
    private static readonly ISelector MetaWithContent = DomTree.Selector("meta[content]");

    /// <summary>Every meta tag with content, by its property, name, itemprop or http-equiv, values normalised.</summary>
    public static Dictionary<string, List<string>> MetaValues(PageElements page)
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

    /// <summary>The first value of the first of <paramref name="keys"/> the page has, or null.</summary>
    public static string? First(Dictionary<string, List<string>> meta, params ReadOnlySpan<string> keys)
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

    /// <summary>The first value that is a date, under the first of <paramref name="keys"/> that has one, or null.</summary>
    public static DateTimeOffset? FirstDate(Dictionary<string, List<string>> meta, string[] keys)
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
}
