using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace Ingest.Extraction;

/// <summary>What the closing lines of a body said, taken out of it.</summary>
internal sealed record ClosingBlock(
    ImmutableArray<string> Body,
    ArticleAuthor? Author,
    TranslationProvenance? Translation,
    string? Copyright);

/// <summary>
/// Moves the closing lines of a body into fields: a copyright line ("© …", "Copyright …", "ⓒ …"), a translation note
/// ("This article is a translation by X of the Y (Z) column T.") and, right before those, an author line
/// ("Name, role"). Newspapers that run columns from other papers end them this way; the rules are about the shape of
/// the lines, not about one newspaper.
/// </summary>
internal static partial class ClosingBlockParser
{
    // Closing lines sit at the very end; looking further back would start eating the article.
    private const int Window = 5;

    /// <summary>Splits the closing block off <paramref name="body"/>.</summary>
    public static ClosingBlock Parse(ImmutableArray<string> body)
    {
        var end = body.Length;
        string? copyright = null;
        TranslationProvenance? translation = null;
        var floor = Math.Max(0, body.Length - Window);
        var foundClosingLine = false;

        while (end > floor)
        {
            var line = body[end - 1];
            if (copyright is null && IsCopyright(line))
            {
                copyright = line;
            }
            else if (translation is null && ParseTranslation(line) is { } parsed)
            {
                translation = parsed;
            }
            else if (IsRightsLine(line))
            {
                copyright ??= line;
            }
            else
            {
                break;
            }

            foundClosingLine = true;
            end--;
        }

        ArticleAuthor? author = null;
        if (foundClosingLine && end > 1 && ParseAuthorLine(body[end - 1]) is { } parsedAuthor)
        {
            author = parsedAuthor;
            end--;
        }

        return new ClosingBlock(body[..end], author, translation, copyright);
    }

    /// <summary>True for a copyright line: short, starting with ©, ⓒ, (c) or "Copyright", maybe inside brackets.</summary>
    public static bool IsCopyright(string line)
        => line.Length <= 300 && CopyrightLine().IsMatch(line);

    /// <summary>Reads a translation note, or null when <paramref name="line"/> is not one.</summary>
    public static TranslationProvenance? ParseTranslation(string line)
    {
        var match = TranslationNote().Match(line);
        if (!match.Success || line.Length > 400)
        {
            return null;
        }

        var title = match.Groups["title"].Value.Trim().Trim('"', '“', '”', '\'', '‘', '’').Trim();
        var abbreviation = match.Groups["abbr"].Success ? match.Groups["abbr"].Value : null;
        return new TranslationProvenance(
            TranslatedBy: match.Groups["by"].Value.Trim(),
            OriginalPublisher: match.Groups["publisher"].Value.Trim(),
            OriginalPublisherAbbreviation: abbreviation,
            OriginalTitle: title.Length == 0 ? null : title);
    }

    /// <summary>
    /// Reads "Name, role": a name of two to five capitalised words, a comma, a short role; no sentence punctuation.
    /// </summary>
    public static ArticleAuthor? ParseAuthorLine(string line)
    {
        if (line.Length > 120 || SentencePunctuation().IsMatch(line))
        {
            return null;
        }

        var comma = line.IndexOf(',', StringComparison.Ordinal);
        if (comma <= 0)
        {
            return null;
        }

        var name = line[..comma].Trim();
        var role = line[(comma + 1)..].Trim();
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length is < 2 or > 5 || !AuthorNames.LooksLikeName(name) || role.Length is < 2 or > 80 || role.Contains(',', StringComparison.Ordinal))
        {
            return null;
        }

        return new ArticleAuthor(name, role);
    }

    private static bool IsRightsLine(string line)
        => line.Length <= 200 && RightsReserved().IsMatch(line);

    [GeneratedRegex(@"^\s*[<\[(]?\s*(?:©|ⓒ|\(c\)|copyright\b|저작권자)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CopyrightLine();

    [GeneratedRegex(@"all rights reserved|무단\s?전재|재배포\s?금지", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RightsReserved();

    // "This article is a translation by The Asia Business Daily of the South China Morning Post (SCMP) column How …."
    [GeneratedRegex(
        @"^This (?:article|column|story|piece|op-ed|commentary) (?:is|was) (?:a translation|translated) by (?<by>.+?) (?:of|from) (?:the |an? )?(?<publisher>.+?)(?: \((?<abbr>[A-Z][A-Za-z0-9&.\- ]{0,14})\))?(?:'s|’s)? (?:column|article|op-ed|opinion piece|commentary|editorial|story|piece|essay)(?:,? (?:titled|entitled|headlined))?[:,]? (?<title>.+?)\.?$",
        RegexOptions.CultureInvariant)]
    private static partial Regex TranslationNote();

    // A full stop followed by more text, or a question/exclamation mark or colon: that is a sentence, not a byline.
    [GeneratedRegex(@"[.!?:;]\s+\S|[!?;]$|\.$", RegexOptions.CultureInvariant)]
    private static partial Regex SentencePunctuation();
}
