using System.Globalization;
using System.Text.RegularExpressions;

namespace Ingest.Extraction;

/// <summary>Dates as pages write them in metadata, parsed so the page's own UTC offset is kept.</summary>
internal static partial class DateValue
{
    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    /// <summary>
    /// Finds a calendar date in visible text ("September 18, 2024", "18 Sep 2024", "2024.09.18", "입력 2025.09.10 15:30").
    /// Only the date is kept, at midnight UTC: the page does not say in which zone its clock time was, and a wrong
    /// instant would be worse than a plain date.
    /// </summary>
    public static DateTimeOffset? ParseVisible(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 200)
        {
            return null;
        }

        var match = NumericDate().Match(text);
        if (match.Success)
        {
            return Build(match.Groups["y"].Value, match.Groups["m"].Value, match.Groups["d"].Value);
        }

        // Day first with dots ("23.07.2025") is the European way of writing a date; with slashes the order is unknown.
        match = DottedDayFirstDate().Match(text);
        if (match.Success)
        {
            return Build(match.Groups["y"].Value, match.Groups["m"].Value, match.Groups["d"].Value);
        }

        // With slashes or dashes either order is in use ("2/24/2026", "15/12/2025"); only a number over twelve settles it.
        match = SlashedDate().Match(text);
        if (match.Success && int.Parse(match.Groups["a"].Value, CultureInfo.InvariantCulture) is var a
            && int.Parse(match.Groups["b"].Value, CultureInfo.InvariantCulture) is var b && (a > 12) != (b > 12))
        {
            return a > 12 ? Build(match.Groups["y"].Value, match.Groups["b"].Value, match.Groups["a"].Value)
                : Build(match.Groups["y"].Value, match.Groups["a"].Value, match.Groups["b"].Value);
        }

        match = MonthFirstDate().Match(text);
        if (!match.Success)
        {
            match = DayFirstDate().Match(text);
        }

        if (!match.Success)
        {
            return OtherLanguageDate(text);
        }

        var month = Array.IndexOf(Months, match.Groups["mon"].Value[..3].ToLowerInvariant()) + 1;
        return Build(match.Groups["y"].Value, month.ToString(CultureInfo.InvariantCulture), match.Groups["d"].Value);
    }

    // German, French and Spanish month names; the English ones are read above (some are the same: "mars", "juni").
    private static readonly Dictionary<string, int> MonthNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["januar"] = 1, ["jänner"] = 1, ["janvier"] = 1, ["enero"] = 1, ["februar"] = 2, ["février"] = 2, ["febrero"] = 2,
        ["märz"] = 3, ["mars"] = 3, ["marzo"] = 3, ["avril"] = 4, ["abril"] = 4, ["mai"] = 5, ["mayo"] = 5, ["juni"] = 6,
        ["juin"] = 6, ["junio"] = 6, ["juli"] = 7, ["juillet"] = 7, ["julio"] = 7, ["août"] = 8, ["agosto"] = 8,
        ["septembre"] = 9, ["septiembre"] = 9, ["setiembre"] = 9, ["oktober"] = 10, ["octobre"] = 10, ["octubre"] = 10,
        ["novembre"] = 11, ["noviembre"] = 11, ["dezember"] = 12, ["décembre"] = 12, ["diciembre"] = 12,
    };

    // "2025年9月10日", "2025년 9월 10일", "18. Oktober 2024", "18 février 2024", "18 de octubre de 2024".
    private static DateTimeOffset? OtherLanguageDate(string text)
    {
        var match = CjkDate().Match(text);
        if (match.Success)
        {
            return Build(match.Groups["y"].Value, match.Groups["m"].Value, match.Groups["d"].Value);
        }

        match = NamedMonthDayFirstDate().Match(text);
        return match.Success && MonthNames.TryGetValue(match.Groups["mon"].Value, out var month)
            ? Build(match.Groups["y"].Value, month.ToString(CultureInfo.InvariantCulture), match.Groups["d"].Value)
            : null;
    }

    /// <summary>A date written into the URL path (<c>/2024/05/03/</c>, <c>/2024-05-03/</c>), at midnight UTC.</summary>
    public static DateTimeOffset? FromUrl(Uri url)
    {
        var match = UrlDate().Match(url.AbsolutePath);
        return match.Success ? Build(match.Groups["y"].Value, match.Groups["m"].Value, match.Groups["d"].Value) : null;
    }

    private static DateTimeOffset? Build(string year, string month, string day)
    {
        if (int.TryParse(year, CultureInfo.InvariantCulture, out var y) && int.TryParse(month, CultureInfo.InvariantCulture, out var m)
            && int.TryParse(day, CultureInfo.InvariantCulture, out var d) && y is > 1990 and < 2200 && m is >= 1 and <= 12
            && d >= 1 && d <= DateTime.DaysInMonth(y, m))
        {
            return new DateTimeOffset(y, m, d, 0, 0, 0, TimeSpan.Zero);
        }

        return null;
    }

    [GeneratedRegex(@"(?<!\d)(?<y>(?:19|20)\d{2})[-./](?<m>\d{1,2})[-./](?<d>\d{1,2})(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex NumericDate();

    [GeneratedRegex(@"(?<![\d.])(?<d>\d{1,2})\.(?<m>\d{1,2})\.(?<y>(?:19|20)\d{2})(?![\d.]\d)", RegexOptions.CultureInvariant)]
    private static partial Regex DottedDayFirstDate();

    [GeneratedRegex(@"(?<![\d/-])(?<a>\d{1,2})(?<sep>[/-])(?<b>\d{1,2})\k<sep>(?<y>(?:19|20)\d{2})(?![\d/-]\d)", RegexOptions.CultureInvariant)]
    private static partial Regex SlashedDate();

    [GeneratedRegex(@"\b(?<mon>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(?<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?<y>(?:19|20)\d{2})\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MonthFirstDate();

    [GeneratedRegex(@"\b(?<d>\d{1,2})(?:st|nd|rd|th)?\s+(?<mon>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+(?<y>(?:19|20)\d{2})\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DayFirstDate();

    [GeneratedRegex(@"(?<y>(?:19|20)\d{2})\s*[年년]\s*(?<m>\d{1,2})\s*[月월]\s*(?<d>\d{1,2})\s*[日일]", RegexOptions.CultureInvariant)]
    private static partial Regex CjkDate();

    [GeneratedRegex(@"(?<![\p{L}\d])(?<d>\d{1,2})(?:\.|º|er)?\s+(?:de\s+)?(?<mon>\p{L}{3,10})\.?\s+(?:de\s+)?(?<y>(?:19|20)\d{2})(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex NamedMonthDayFirstDate();

    [GeneratedRegex(@"/(?<y>(?:19|20)\d{2})[/-](?<m>\d{1,2})[/-](?<d>\d{1,2})(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex UrlDate();

    private static readonly string[] CompactFormats = ["yyyyMMdd", "yyyyMMddHHmmss", "yyyy-MM-dd HH:mm:ss", "yyyy/MM/dd", "yyyy.MM.dd"];

    /// <summary>
    /// Parses an ISO 8601 or RFC 1123 date. A value without an offset is read as UTC rather than as the machine's zone,
    /// so the result never depends on where the parser runs.
    /// </summary>
    public static DateTimeOffset? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        value = value.Trim();
        const DateTimeStyles Styles = DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AssumeUniversal;
        if (DateTimeOffset.TryParseExact(value, CompactFormats, CultureInfo.InvariantCulture, Styles, out var compact))
        {
            return compact;
        }

        // Only strings that start like a date: DateTimeOffset.Parse would also accept "10:00" as today at ten.
        if (value.Length < 8 || !char.IsAsciiDigit(value[0]) && !char.IsAsciiLetter(value[0]))
        {
            return null;
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, Styles, out var parsed) && parsed.Year is > 1900 and < 2200
            ? parsed
            : null;
    }
}
