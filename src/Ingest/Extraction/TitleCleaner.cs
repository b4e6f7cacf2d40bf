using System.Text.RegularExpressions;

namespace Ingest.Extraction;

/// <summary>
/// Cleans a headline once it is chosen: entities escaped twice, a site name glued to it, a date line before it, a
/// label after a pipe, and UTF-8 read as Windows-1252.
/// </summary>
internal static partial class TitleCleaner
{
    /// <summary>
    /// The title as stored: entities decoded once more when some are left, then <see cref="WithoutSiteName"/> and
    /// <see cref="CleanTitle"/>.
    /// </summary>
    public static string? Clean(string? title, string? siteName, Uri pageUrl)
        // Some CMSs escape a title twice ("Python, SQL &#x26; AI"): what is left after parsing is still an entity.
        => CleanTitle(WithoutSiteName(title is not null && title.Contains('&', StringComparison.Ordinal) ? DomText.Normalize(System.Net.WebUtility.HtmlDecode(title)) : title, siteName, pageUrl));

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

    private static readonly string[] TitleSeparators = [" | ", " ㅣ ", " - ", " – ", " — ", " :: ", " · ", " // ", " • "];

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

        // Korean sites glue the section and their name on without spaces, the Hangul letter ㅣ as the pipe:
        // "… 커졌다-정치ㅣ한국일보".
        if (siteName is { Length: >= 2 } && title.EndsWith("ㅣ" + siteName, StringComparison.Ordinal)
            && GluedSection().Replace(title[..^(siteName.Length + 1)], string.Empty).TrimEnd() is { Length: >= 10 } bare)
        {
            return bare;
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

    // A section glued before the site name: "-정치" (one word, no space around the hyphen).
    [GeneratedRegex(@"(?<=\S)-\p{L}{1,12}$", RegexOptions.CultureInvariant)]
    private static partial Regex GluedSection();

    [GeneratedRegex(@"^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+(?:19|20)\d{2}\s+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LeadingDate();
}
