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
    /// <param name="text">The visible text.</param>
    /// <param name="reading">What the page says elsewhere about how it writes dates, for "03/10/2023".</param>
    public static DateTimeOffset? ParseVisible(string? text, DateReading reading = default)
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

        // With slashes or dashes either order is in use ("2/24/2026", "15/12/2025"): a number over twelve settles it, else
        // what the page declares elsewhere (a URL naming one of the two days, a regional language), else nothing does.
        match = SlashedDate().Match(text);
        if (match.Success)
        {
            var (a, b, y) = (match.Groups["a"].Value, match.Groups["b"].Value, match.Groups["y"].Value);
            var monthFirst = Build(y, a, b);
            var dayFirst = Build(y, b, a);
            if (monthFirst is null || dayFirst is null || monthFirst == dayFirst)
            {
                return monthFirst ?? dayFirst;
            }

            return reading.UrlDate is { } inUrl && (inUrl == monthFirst || inUrl == dayFirst) ? inUrl
                : reading.DayFirst is { } isDayFirst ? (isDayFirst ? dayFirst : monthFirst)
                : null;
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

    // German, French, Spanish, Italian, Portuguese and Dutch month names; the English ones are read above (some are the
    // same: "mars", "juni").
    private static readonly Dictionary<string, int> MonthNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["januar"] = 1, ["jänner"] = 1, ["janvier"] = 1, ["enero"] = 1, ["februar"] = 2, ["février"] = 2, ["febrero"] = 2,
        ["märz"] = 3, ["mars"] = 3, ["marzo"] = 3, ["avril"] = 4, ["abril"] = 4, ["mai"] = 5, ["mayo"] = 5, ["juni"] = 6,
        ["juin"] = 6, ["junio"] = 6, ["juli"] = 7, ["juillet"] = 7, ["julio"] = 7, ["août"] = 8, ["agosto"] = 8,
        ["septembre"] = 9, ["septiembre"] = 9, ["setiembre"] = 9, ["oktober"] = 10, ["octobre"] = 10, ["octubre"] = 10,
        ["novembre"] = 11, ["noviembre"] = 11, ["dezember"] = 12, ["décembre"] = 12, ["diciembre"] = 12,
        // Italian, Portuguese and Dutch.
        ["gennaio"] = 1, ["janeiro"] = 1, ["januari"] = 1, ["febbraio"] = 2, ["fevereiro"] = 2, ["februari"] = 2,
        ["março"] = 3, ["maart"] = 3, ["aprile"] = 4, ["maggio"] = 5, ["maio"] = 5, ["mei"] = 5,
        ["giugno"] = 6, ["junho"] = 6, ["luglio"] = 7, ["julho"] = 7, ["augustus"] = 8,
        ["settembre"] = 9, ["setembro"] = 9, ["ottobre"] = 10, ["outubro"] = 10, ["novembro"] = 11,
        ["dicembre"] = 12, ["dezembro"] = 12,
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
        if (match.Success)
        {
            return Build(match.Groups["y"].Value, match.Groups["m"].Value, match.Groups["d"].Value);
        }

        // Some CMSs spell the month in the path ("/2023/october/03/").
        match = UrlNamedMonthDate().Match(url.AbsolutePath);
        return match.Success && Array.IndexOf(Months, match.Groups["mon"].Value[..3].ToLowerInvariant()) + 1 is var month and > 0
            && (match.Groups["mon"].Value.Length == 3 || FullMonths.Contains(match.Groups["mon"].Value, StringComparer.OrdinalIgnoreCase))
            ? Build(match.Groups["y"].Value, month.ToString(CultureInfo.InvariantCulture), match.Groups["d"].Value)
            : null;
    }

    private static readonly string[] FullMonths =
        ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

    /// <summary>
    /// The order a page writes a date whose two numbers are both twelve or less, from its declared language: month
    /// first in American and Philippine English, day first in the other English regions and in the languages that
    /// write day, month, year. A bare "en", or a language that writes the year first, says nothing.
    /// </summary>
    public static bool? DayFirstIn(string? language)
    {
        if (string.IsNullOrWhiteSpace(language))
        {
            return null;
        }

        var parts = language.Trim().Replace('_', '-').ToLowerInvariant().Split('-');
        return parts[0] switch
        {
            "en" when parts.Length > 1 => parts[1] switch
            {
                "us" or "ph" => false,
                "gb" or "uk" or "au" or "nz" or "ie" or "in" or "sg" or "za" or "ng" or "ke" or "pk" => true,
                _ => null,
            },
            "de" or "fr" or "es" or "it" or "pt" or "nl" or "ru" or "pl" or "tr" or "id" or "vi" or "el" or "da" or "nb"
                or "nn" or "no" or "fi" or "cs" or "sk" or "ro" or "uk" or "bg" or "hr" or "sr" or "sl" or "ca" => true,
            _ => null,
        };
    }

    /// <summary>Midnight UTC of the day the three numbers name, or null when they name none.</summary>
    public static DateTimeOffset? Build(string year, string month, string day)
    {
        if (int.TryParse(year, CultureInfo.InvariantCulture, out var y) && int.TryParse(month, CultureInfo.InvariantCulture, out var m)
            && int.TryParse(day, CultureInfo.InvariantCulture, out var d) && y is > 1990 and < 2200 && m is >= 1 and <= 12
            && d >= 1 && d <= DateTime.DaysInMonth(y, m))
        {
            return new DateTimeOffset(y, m, d, 0, 0, 0, TimeSpan.Zero);
        }

        return null;
    }

    [GeneratedRegex(@"(?<!\d)(?<y>(?:19|20)\d{2})(?:[-/]|\.\s?)(?<m>\d{1,2})(?:[-/]|\.\s?)(?<d>\d{1,2})(?!\d)", RegexOptions.CultureInvariant)]
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

    [GeneratedRegex(@"/(?<y>(?:19|20)\d{2})/(?<mon>[a-z]{3,9})/(?<d>\d{1,2})(?![\d])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UrlNamedMonthDate();

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
        // The compact formats have no letters, so a value with one ("2020-01-20T10:00:00Z", "Mon, 20 Jan 2020") cannot be
        // one of them: culture-aware exact parsing with five formats is not cheap.
        if (!value.AsSpan().ContainsAnyInRange('A', 'Z') && !value.AsSpan().ContainsAnyInRange('a', 'z')
            && DateTimeOffset.TryParseExact(value, CompactFormats, CultureInfo.InvariantCulture, Styles, out var compact))
        {
            return compact;
        }

        // Only strings that start like a date: DateTimeOffset.Parse would also accept "10:00" as today at ten.
        if (value.Length < 8 || !char.IsAsciiDigit(value[0]) && !char.IsAsciiLetter(value[0]))
        {
            return null;
        }

        // The invariant culture reads "02-12-2025" month first; a page that writes its machine date that way may mean
        // either, so only a number over twelve (or two equal numbers) settles it, as in visible text.
        if (SlashedDate().Match(value) is { Success: true, Index: 0 } slashed
            && int.Parse(slashed.Groups["a"].Value, CultureInfo.InvariantCulture) is var a and <= 12
            && int.Parse(slashed.Groups["b"].Value, CultureInfo.InvariantCulture) is var b and <= 12 && a != b)
        {
            return null;
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, Styles, out var parsed) && parsed.Year is > 1900 and < 2200
            ? parsed
            : null;
    }
}

/// <summary>
/// What a page says outside a date about how it writes dates: the day its URL names and the order its declared
/// language writes day and month in (null when it does not say).
/// </summary>
internal readonly record struct DateReading(DateTimeOffset? UrlDate, bool? DayFirst);
