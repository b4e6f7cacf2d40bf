using System.Collections.Immutable;

namespace Ingest.Extraction;

/// <summary>How far one field of a record is to be trusted.</summary>
/// <param name="Confidence">The share of fields judged so that were right on the dev sets (0–1; see docs/quality.md).</param>
/// <param name="Agreeing">The independent sources that gave the same value (jsonld, meta, h1, title-element, url, …).</param>
public sealed record FieldJudgement(double Confidence, ImmutableArray<string> Agreeing);

/// <summary>
/// Judges each field of an extracted article by agreement: how many independent sources of the page (JSON-LD, meta
/// tags, the <c>&lt;title&gt;</c>, the h1, bylines the reader sees, date lines, the URL) give the value that was
/// chosen, and whether the value has the shape of what it claims to be. The confidence of each combination is the
/// share of such fields that were right on the dev sets (WCXB dev articles, fundus-news), rounded down: the table is in
/// docs/quality.md with the command that measures it, and a field's confidence is a number a user can filter on.
/// </summary>
public static class FieldConfidence
{
    /// <summary>
    /// Authors below this confidence are left out of the record. 0: none are. Leaving out the names under 0.5 was
    /// measured on the dev sets (<c>ingest eval … --author-floor 0.5</c>): it dropped 13 right names for 11 wrong ones, a
    /// loss larger than the gain, so every name is kept with its confidence for users to filter on (docs/quality.md).
    /// </summary>
    public const double AuthorFloor = 0;

    /// <summary>The judgements of the fields <paramref name="article"/> has.</summary>
    internal static ImmutableSortedDictionary<string, FieldJudgement> Judge(Article article, FieldSignals signals)
    {
        var judged = ImmutableSortedDictionary.CreateBuilder<string, FieldJudgement>(StringComparer.Ordinal);
        var source = article.Sources;
        if (article.Title is { } title)
        {
            judged["title"] = Title(title, source.GetValueOrDefault("title"), signals);
        }

        if (!article.Authors.IsEmpty)
        {
            judged["authors"] = Authors(article.Authors, source.GetValueOrDefault("authors"), signals);
        }

        if (article.Published is { } published)
        {
            judged["published"] = Published(published, source.GetValueOrDefault("published"), signals);
        }

        if (article.Modified is not null)
        {
            judged["modified"] = Declared(source.GetValueOrDefault("modified"));
        }

        if (article.Section is not null)
        {
            judged["section"] = Declared(source.GetValueOrDefault("section"));
        }

        if (article.Language is { } language)
        {
            judged["language"] = Language(language, signals);
        }

        if (!article.Body.IsEmpty)
        {
            judged["body"] = Body(article.Body, source.GetValueOrDefault("body"), signals);
        }

        return judged.ToImmutable();
    }

    // A title that every declared headline and the h1 give is right (0.96 of 513 on the dev sets); one that the h1 or
    // og:title, where present, contradicts is a kicker, an SEO headline or a social one, and is right far less often.
    private static FieldJudgement Title(string title, string? chosenBy, FieldSignals signals)
    {
        var compact = DomText.Compact(title);
        var agreeing = signals.Titles.Where(t => signals.TitleSpells(t.Title, compact)).Select(t => t.Source).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToImmutableArray();
        var contradicted = signals.Titles.Any(t => t.Source is FieldSource.Heading or FieldSource.Meta or FieldSource.JsonLd && !agreeing.Contains(t.Source));
        var confidence = chosenBy == FieldSource.Profile ? 0.9
            : (agreeing.Length, contradicted) switch
            {
                ( >= 3, false) => 0.96,
                (2, false) => 0.9,
                ( >= 2, true) => 0.8,
                (1, false) => 0.7,
                _ => 0.55,
            };
        return new(confidence, agreeing);
    }

    // A person's name that the metadata gives and the page prints is the byline (0.97 of 467); one the page does not
    // print, or one that is not shaped like a person's name, much less often.
    private static FieldJudgement Authors(ImmutableArray<ArticleAuthor> authors, string? chosenBy, FieldSignals signals)
    {
        var names = authors.Select(a => a.Name).ToList();
        var agreeing = ImmutableArray.CreateBuilder<string>();
        if (names.All(n => signals.JsonLdAuthors.Contains(n, StringComparer.OrdinalIgnoreCase)))
        {
            agreeing.Add(FieldSource.JsonLd);
        }

        if (names.All(n => signals.MetaAuthors.Contains(n, StringComparer.OrdinalIgnoreCase)))
        {
            agreeing.Add(FieldSource.Meta);
        }

        var visible = signals.PrintsAll(names);
        if (visible)
        {
            agreeing.Add("visible");
        }

        var person = names.All(n => AuthorNames.LooksLikeName(n) && !n.Any(char.IsDigit)
            && signals.Site?.IsSite(n) != true);
        var declared = agreeing.Contains(FieldSource.JsonLd) || agreeing.Contains(FieldSource.Meta);
        var confidence = chosenBy == FieldSource.Profile ? 0.9
            : (person, declared, visible) switch
            {
                (true, true, true) => 0.95,
                (true, false, true) => 0.8,
                (true, true, false) => agreeing.Count >= 2 ? 0.85 : 0.65,
                (false, _, _) when agreeing.Count >= 2 => 0.75,
                (false, _, true) => 0.6,
                _ => 0.45,
            };
        return new(confidence, agreeing.ToImmutable());
    }

    // A day that two sources give and none contradicts is right (0.99 of 541); a lone metadata date that a date line or
    // the URL contradicts is an update or a stamp as often as not. A page's last update standing in for the publication
    // it does not give was the day the WCXB truth names 14 times of 20.
    private static FieldJudgement Published(DateTimeOffset published, string? chosenBy, FieldSignals signals)
    {
        var agreeing = signals.Dates.Where(d => d.Date.Date == published.Date).Select(d => d.Source).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToImmutableArray();
        var contradicted = signals.Dates.Any(d => Math.Abs((d.Date.Date - published.Date).TotalDays) > 1);
        var confidence = chosenBy == FieldSource.Profile ? 0.9
            : chosenBy == FieldSource.Updated ? 0.7
            : (agreeing.Length, contradicted) switch
            {
                ( >= 2, false) => 0.97,
                ( >= 3, true) => 0.85,
                (1, false) => 0.85,
                (2, true) => 0.6,
                _ => 0.5,
            };
        return new(confidence, agreeing);
    }

    // A date or a section the metadata declares has no second source on the page to agree with, and the dev sets do not
    // say what is right: it stays below 0.9, the band a user may take as checked.
    private static FieldJudgement Declared(string? chosenBy)
        => new(chosenBy is FieldSource.JsonLd or FieldSource.Meta or FieldSource.Profile ? 0.85 : 0.6, chosenBy is null ? [] : [chosenBy]);

    private static FieldJudgement Language(string language, FieldSignals signals)
    {
        var primary = language.Split('-')[0];
        var agreeing = signals.Languages.Where(l => string.Equals(l.Language.Split('-', '_')[0], primary, StringComparison.OrdinalIgnoreCase))
            .Select(l => l.Source).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToImmutableArray();
        return new(agreeing.Length >= 2 ? 0.85 : 0.7, agreeing);
    }

    private static FieldJudgement Body(ImmutableArray<string> body, string? chosenBy, FieldSignals signals)
    {
        var length = body.Sum(p => p.Length);
        var agreeing = ImmutableArray.CreateBuilder<string>();
        if (chosenBy is not null)
        {
            agreeing.Add(chosenBy);
        }

        if (chosenBy != FieldSource.JsonLd && signals.ArticleBody is { Length: >= 200 } declared && body.Length > 0
            && DomText.Compact(declared).Contains(DomText.Compact(body[0].Length > 200 ? body[0][..200] : body[0]), StringComparison.Ordinal))
        {
            agreeing.Add(FieldSource.JsonLd);
        }

        var confidence = chosenBy == FieldSource.Profile ? 0.9
            : (agreeing.Count >= 2, length) switch
            {
                (true, _) => 0.92,
                (false, >= 1500) => 0.88,
                (false, >= 500) => 0.75,
                _ => 0.6,
            };
        return new(confidence, agreeing.ToImmutable());
    }
}
