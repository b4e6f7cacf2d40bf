using System.Globalization;

namespace Ingest.Extraction;

/// <summary>Dates as pages write them in metadata, parsed so the page's own UTC offset is kept.</summary>
internal static class DateValue
{
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
