using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace Ingest.Extraction;

/// <summary>
/// A publication date that a script-rendered page keeps only in its script state or its analytics data
/// (<c>"createDate":20240425</c> in a <c>data-analytics</c> attribute, <c>"deployDt":"2026.01.29 18:40"</c> in React
/// Query data, <c>"publishedAt":"2024-05-03T10:00:00Z"</c>): read last, when nothing the reader sees or the metadata
/// gives a date, from the first key that names a publication or a creation and not an update.
/// </summary>
internal static partial class StateDate
{
    // Scripts longer than this are bundles of code, not a page's state: not searched.
    private const int MaxScriptChars = 2_000_000;

    /// <summary>The first publication date named in the page's script state or JSON data attributes, or null.</summary>
    public static DateTimeOffset? Of(PageElements page)
    {
        foreach (var element in page.All)
        {
            if (element.LocalName == "script")
            {
                if (element.GetAttribute("type") is { } type && type.Contains("ld+json", StringComparison.OrdinalIgnoreCase)
                    || element.TextContent is not { Length: > 0 and <= MaxScriptChars } script)
                {
                    continue;
                }

                if (First(script) is { } date)
                {
                    return date;
                }

                continue;
            }

            foreach (var attribute in element.Attributes)
            {
                if (attribute.Name.StartsWith("data-", StringComparison.Ordinal) && attribute.Value.StartsWith('{') && First(attribute.Value) is { } date)
                {
                    return date;
                }
            }
        }

        return null;
    }

    private static DateTimeOffset? First(string text)
    {
        try
        {
            foreach (Match match in DateKey().Matches(text))
            {
                if (Read(match.Groups["value"].Value) is { } date)
                {
                    return date;
                }
            }
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }

        return null;
    }

    // "2024-05-03T10:00:00Z" and the like through the common parser; "20240425" and "2026.01.29 18:40" by their digits
    // (a local time with no zone: the day is what is kept).
    private static DateTimeOffset? Read(string value)
    {
        if (value.Length > 10 && value[4] == '-' && DateValue.Parse(value) is { } parsed)
        {
            return parsed;
        }

        return Digits().Match(value) is { Success: true } digits
            ? DateValue.Build(digits.Groups["y"].Value, digits.Groups["m"].Value, digits.Groups["d"].Value)
            : null;
    }

    // A JSON key (quotes escaped or not) naming a publication, a first publication, a creation or a deployment, and
    // not a re-deployment, an update or a modification; its value a date-like string or an eight-digit number.
    // "createdAt" is not one: it is the ORM stamp every record of a page's state carries (the publisher's, a school's).
    [GeneratedRegex(
        """\\?"(?<key>(?:first_?)?(?:publish(?:ed)?(?:_?(?:at|date|time|dt|on))?|pub_?date|create(?:d)?_?(?:date|dt|time)|date_?(?:published|created)|deploy_?(?:dt|date|time)))\\?"\s*:\s*\\?"?(?<value>(?:19|20)\d{2}[-./]?\d{2}[-./]?\d{2}[^"\\,}]{0,20})""",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant,
        matchTimeoutMilliseconds: 200)]
    private static partial Regex DateKey();

    [GeneratedRegex(@"^(?<y>(?:19|20)\d{2})[-./]?(?<m>\d{2})[-./]?(?<d>\d{2})(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex Digits();
}
