using System.Text.RegularExpressions;

namespace Ingest.Extraction;

/// <summary>Turns byline text ("By Jane Doe and John Roe, Updated 3 May 2024") into author names.</summary>
internal static partial class AuthorNames
{
    /// <summary>The names in <paramref name="byline"/>; empty when it holds none.</summary>
    public static IReadOnlyList<string> Split(string? byline)
    {
        if (string.IsNullOrWhiteSpace(byline))
        {
            return [];
        }

        var text = DomText.Normalize(byline);
        if (text.StartsWith("http", StringComparison.OrdinalIgnoreCase) || text.Length > 200)
        {
            return []; // article:author often holds a profile URL; a long text is a paragraph, not a byline.
        }

        text = PhotoCredit().Replace(text, " ");
        text = SignAfterName().Replace(text, string.Empty);
        text = DatePart().Replace(text, " ");
        text = ByPrefix().Replace(text, string.Empty);

        // "Brett Cruz, Privacy and Digital Security Expert": a role after the last comma goes before the text is split
        // at "and", which would make "Digital Security Expert" a second person.
        if (text.LastIndexOf(',') is var comma and > 0 && text[(comma + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries) is { Length: > 1 } tail
            && RoleWords.Contains(tail[^1].TrimEnd('s')) && LooksLikeName(text[..comma].Trim()))
        {
            text = text[..comma];
        }

        var names = new List<string>();
        foreach (var piece in Separators().Split(text))
        {
            var commaPieces = piece.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

            // "Jane Doe, John Roe" is two people; "Gabriela Bernal, North Korea analyst" and "Brett Cruz, Privacy" are one
            // person and a role (a lone capitalised word is a role or a section, rarely a second person; names in scripts
            // without case, such as Korean, are single words).
            var candidates = commaPieces.Length > 1 && commaPieces.All(p => LooksLikeName(p) && (p.Contains(' ', StringComparison.Ordinal) || !p.Any(char.IsUpper))
                    && !p.Split(' ', '-').Any(RoleWords.Contains))
                ? commaPieces
                : [commaPieces.FirstOrDefault() ?? string.Empty];
            foreach (var candidate in candidates)
            {
                var name = WithoutRole(WithoutTrailer(ByPrefix().Replace(candidate.Trim(NameTrim), string.Empty).Trim()));
                if (name.Length is > 1 and <= 80 && !name.Contains('@', StringComparison.Ordinal) && !NotAName().IsMatch(name) && !IsFurniture(name)
                    && !name.Split(' ', StringSplitOptions.RemoveEmptyEntries).All(w => RoleWords.Contains(w.TrimEnd('s'))) // "Staff Writer": a role alone
                    && !names.Contains(name, StringComparer.OrdinalIgnoreCase))
                {
                    names.Add(name);
                }
            }
        }

        return names;
    }

    private static readonly char[] NameTrim = [' ', '|', '-', '–', '—', ':', '.', '/', '•', '·', '●', '"', '“', '”', '„', '«', '»', '(', ')', '[', ']'];

    /// <summary>
    /// Whether a byline candidate is site furniture, not a person: a navigation or account link ("Sign In", "Skip to
    /// main", "View more posts", "More About Jane »"), a placeholder ("undefined", "Webmaster", "Manufacturer"), a
    /// weekday, a date or publication line ("Veröffentlicht am 27.04.24"), or a number.
    /// </summary>
    public static bool IsFurniture(string name)
    {
        var text = name.Trim();
        return text.Length < 2 || Furniture().IsMatch(text) || text.IndexOfAny(['»', '›', '→', '←', '|', '?', '!']) >= 0 || text.Count(char.IsDigit) >= 2;
    }

    // "David Jackson - FullStack Editorial Team" → "David Jackson"; "ALLIN ONE on" (a date cut after it) → "ALLIN ONE";
    // "Meaghan Weeden ●" and "松岡大地 フォロー" lose their trailing furniture.
    private static string WithoutTrailer(string name)
    {
        foreach (var dash in (ReadOnlySpan<string>)[" - ", " – ", " — "])
        {
            var at = name.IndexOf(dash, StringComparison.Ordinal);
            if (at > 0 && name[..at].Trim() is var head && head.Contains(' ', StringComparison.Ordinal) && LooksLikeName(head))
            {
                name = head;
                break;
            }
        }

        return Trailer().Replace(Parenthetical().Replace(name, string.Empty), string.Empty).Trim(NameTrim);
    }

    private static readonly HashSet<string> RoleWords = new(
        ["writer", "reporter", "editor", "coordinator", "correspondent", "contributor", "columnist", "analyst", "manager",
         "director", "winemaker", "expert", "specialist", "strategist", "founder", "co-founder", "head", "senior", "former",
         "deputy", "chief", "staff", "tech", "content", "ai", "associate", "contributing", "managing", "executive", "view",
         "lead", "principal", "freelance"],
        StringComparer.OrdinalIgnoreCase);

    // "Harry Rabinowitz Tech Reporter" → "Harry Rabinowitz": a byline that runs on into a job title or page furniture
    // keeps the words before the first role word (the name itself keeps at least two words).
    private static string WithoutRole(string name)
    {
        name = ReadingTime().Replace(name, string.Empty).Trim(' ', '•', '·', '|', '-');
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 2; i < words.Length; i++)
        {
            if (RoleWords.Contains(words[i]))
            {
                return string.Join(' ', words[..i]);
            }
        }

        return name;
    }

    /// <summary>
    /// Whether a name is a body's, not a person's: a team, a desk, a group, a clinic, an association ("Team Tiger Data",
    /// "Vision Doc group", "Obesity Medicine Association"). Such a name is the author only when no source names a person.
    /// </summary>
    public static bool IsOrganisation(string name)
        => name.Split([' ', '-'], StringSplitOptions.RemoveEmptyEntries).Any(OrganisationWords.Contains);

    private static readonly HashSet<string> OrganisationWords = new(
        ["team", "group", "desk", "staff", "newsroom", "editors", "editorial", "redaktion", "rédaction", "redacción", "redazione",
         "association", "society", "institute", "foundation", "clinic", "hospital", "hotels", "network", "admin", "inc",
         "inc.", "llc", "ltd", "ltd.", "gmbh", "agency", "committee", "council", "department", "services", "solutions",
         "newspaper", "shimbun", "zeitung", "gazette", "tribune", "press", "media"],
        StringComparer.OrdinalIgnoreCase);

    /// <summary>"Roy, Aniruddha" → "Aniruddha Roy"; any other text is returned normalized.</summary>
    public static string FromSurnameFirst(string value)
    {
        var text = DomText.Normalize(value);
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 2 && LooksLikeName(parts[0]) && LooksLikeName(parts[1]) ? $"{parts[1]} {parts[0]}" : text;
    }

    /// <summary>
    /// A CMS login rather than a person's name ("kffnirmitap", "andrew.keaveney"): one token in a cased script with no
    /// upper-case letter.
    /// </summary>
    public static bool LooksLikeUserName(string name)
        => !name.Contains(' ', StringComparison.Ordinal) && name.Any(char.IsLower) && !name.Any(char.IsUpper);

    /// <summary>One to five words, each starting with an upper-case letter (or a particle like "van", "de").</summary>
    public static bool LooksLikeName(string text)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length is 0 or > 5)
        {
            return false;
        }

        foreach (var word in words)
        {
            if (!char.IsUpper(word[0]) && word is not ("van" or "von" or "de" or "der" or "da" or "di" or "la" or "le" or "bin" or "al"))
            {
                // Scripts without case (Korean, Chinese): a short run of letters is a name.
                if (!char.IsLetter(word[0]) || char.IsLower(word[0]))
                {
                    return false;
                }
            }
        }

        return true;
    }

    // Byline furniture left on its own: "By", "Author", "Articles by …", "content: …".
    [GeneratedRegex(@"^(?:by|author|authors|posted|written|written by|posted by|staff|admin)$|^(?:articles|posts|stories)\s+by\b|^\w+:\s", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NotAName();

    [GeneratedRegex(
        @"^(?:skip\s+to\b.*|sign\s*(?:in|up|out)|log\s*(?:in|out)|register|subscribe|follow(?:\s+us)?|share|menu|home|search|contact(?:\s+us)?|about(?:\s+us)?|(?:learn|read|see|view|show)(?:\s+more\b.*)?|more|(?:view|see)\s+(?:all|profile|posts|articles|full)\b.*|more\s+(?:about|from|by|posts|articles|stories)\b.*|all\s+(?:posts|articles|stories)\b.*|about\s+(?:the\s+)?authors?|(?:the\s+)?author|(?:the\s+)?author(?:'s)?\s+(?:bio|box|profile|details)|reply|replies|(?:\d+\s+|no\s+)?(?:comments?|kommentare?|commentaires?|comentarios?|commenti|responses?|shares?|views?|likes?)|(?:facebook|twitter|linkedin|pinterest|instagram|whatsapp|reddit|tumblr|telegram|e-?mail|print|copy\s+link)\d*|here|click\s+here|my\s+\w+(?:\s+\w+)?|undefined|null|none|unknown|n/?a|anonymous|admin|administrator|webmaster|editor|manufacturer|guest|user|(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.?|(?:published|updated|posted|veröffentlicht|aktualisiert|publié|publicado|pubblicato)\b.*)$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Furniture();

    // What a byline element holds after the name: a follow button, a sponsor label, a link to the author's other posts,
    // a preposition cut from its date.
    [GeneratedRegex(@"\s+(?:(?:on|at|am|um)|on\s+(?:mon|tues|wednes|thurs|fri|satur|sun)day\b.*|フォロー|follow|sponsored|anzeige|기자|특파원|논설위원|선임기자|記者|记者|특파원\s*외\s*\d+명|기자\s*외\s*\d+명|(?:more|all|view|see)\s+(?:\w+\s+)?(?:posts|articles|stories)\b.*)$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Trailer();

    // An editor's short sign or a host in parentheses closing a name in a list: "Elena Oberholzer (obe), Oliver Maksan (oma)".
    [GeneratedRegex(@"\s*\([^()]{1,30}\)(?=\s*(?:[,;]|$|\s(?:and|und|&|og|och|et|y)\s))", RegexOptions.CultureInvariant)]
    private static partial Regex SignAfterName();

    // A parenthesis after the name: an editor's short sign ("Elena Oberholzer (obe)"), a host ("(www.dw.com)"), cut or whole.
    [GeneratedRegex(@"\s+\([^()]*\)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Parenthetical();

    // A photo credit inside a byline block: "(Image: Getty Images/iStockphoto)", "Foto: dpa".
    [GeneratedRegex(@"\(\s*(?:image|photo|picture|foto|bild|credit)s?\s*:[^)]*\)?|\b(?:image|photo|foto|bild)s?\s*:\s*\S.*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PhotoCredit();

    [GeneratedRegex(@"\s*\d+(?:[–-]\d+)?\s*(?:min|mins|minutes?)(?:\s+read)?\b.*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ReadingTime();

    [GeneratedRegex(@"^\s*(?:by|written by|words by|posted by|author|authors|von|par|(?:text|story|guide|reporting|photos|words|review)\s+by)\s*[:\-]?\s+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ByPrefix();

    [GeneratedRegex(@"\s+(?:and|&|und|et|y|og|och)\s+|\s*[;|/&]\s*|\s+·\s+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Separators();

    // Dates and their labels: "Published 10:00am, 20 Jan, 2020", "Updated: May 3, 2024", "2024-05-03".
    [GeneratedRegex(
        @"(?:\b(?:published|updated|posted|last updated|modified)\b(?!\s+by\b):?.*$)|(?:\b\d{4}[-./]\d{1,2}[-./]\d{1,2}\b.*$)|(?:\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}.*$)|(?:\b\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+\d{4}.*$)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DatePart();
}
