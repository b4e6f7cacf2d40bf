using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Ingest.Evaluation;

/// <summary>
/// Whether extracted metadata agrees with a benchmark's truth. The rules (also in docs/quality.md):
/// <list type="bullet">
/// <item>title: equal after Unicode normalisation (NFKC), folding curly quotes (‘ ’ “ ”) and en/em dashes to ASCII
/// ' " -, collapsing every run of Unicode white space to one space, trimming, and lower-casing (invariant culture);</item>
/// <item>author: at least one name was extracted, and every extracted name, normalised the same way, occurs in the
/// normalised true author string (so "Dylan Bailey" agrees with "Dylan Bailey, MS, RD, FAND"; an extra wrong name
/// disagrees; a missing co-author does not count against);</item>
/// <item>date: the calendar day of the extracted publication time, as written with the page's own offset, equals the
/// true <c>yyyy-MM-dd</c> (a truth of only <c>yyyy-MM</c> needs the same month).</item>
/// </list>
/// </summary>
public static partial class MetadataAgreement
{
    /// <summary>The text as compared: NFKC, typographic quotes and dashes folded, white space collapsed, trimmed, lower case.</summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var normalized = new StringBuilder(text.Normalize(NormalizationForm.FormKC));

        // Typography is the page's styling, not its wording: curly quotes and dashes compare as their ASCII forms.
        normalized.Replace('\u2019', '\'').Replace('\u2018', '\'').Replace('\u201C', '"').Replace('\u201D', '"')
            .Replace('\u2013', '-').Replace('\u2014', '-');
        return Whitespace().Replace(normalized.ToString(), " ").Trim().ToLowerInvariant();
    }

    /// <summary>The title rule.</summary>
    public static bool TitleAgrees(string truth, string? predicted)
        => predicted is not null && Normalize(truth) == Normalize(predicted);

    /// <summary>The author rule.</summary>
    public static bool AuthorAgrees(string truth, IReadOnlyCollection<string> predicted)
    {
        ArgumentNullException.ThrowIfNull(predicted);
        var normalizedTruth = Normalize(truth);
        var names = predicted.Select(Normalize).Where(n => n.Length > 0).ToList();
        return names.Count > 0 && names.All(n => normalizedTruth.Contains(n, StringComparison.Ordinal));
    }

    /// <summary>The date rule; <paramref name="predicted"/> is an ISO 8601 string as in a predictions file.</summary>
    public static bool DateAgrees(string truth, string? predicted)
    {
        if (string.IsNullOrWhiteSpace(predicted) || string.IsNullOrWhiteSpace(truth))
        {
            return false;
        }

        // The calendar day as the page wrote it: the date part of the ISO string, before any offset is applied.
        if (!DateTimeOffset.TryParse(predicted, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
        {
            return false;
        }

        var day = instant.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        truth = truth.Trim();
        return truth.Length == 7 ? day.StartsWith(truth, StringComparison.Ordinal) : day == truth;
    }

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Whitespace();
}
