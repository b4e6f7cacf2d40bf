namespace Ingest.Extraction;

/// <summary>
/// The names a site goes by: what it declares (og:site_name, the JSON-LD publisher, application-name) and its host
/// ("VnExpress" on vnexpress.net, "STERN.de" on stern.de). A byline that is one of them names the publisher, not a
/// person.
/// </summary>
internal sealed class SiteIdentity
{
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly HashSet<string> _declared = new(StringComparer.Ordinal);
    private readonly HashSet<string> _hostLabels = new(StringComparer.Ordinal);

    /// <summary>The site of a page, from what its metadata declares and its URL.</summary>
    public static SiteIdentity Of(JsonLdArticle? jsonLd, Dictionary<string, List<string>> meta, Uri pageUrl)
        => new([.. new[] { MetaTagReader.First(meta, "og:site_name"), jsonLd?.PublisherName, MetaTagReader.First(meta, "application-name") }.OfType<string>()], pageUrl);

    public SiteIdentity(IReadOnlyList<string> declared, Uri pageUrl)
    {
        foreach (var name in declared)
        {
            if (DomText.Compact(name) is { Length: >= 2 } compact)
            {
                _names.Add(compact);
                _declared.Add(compact);
            }
        }

        var host = pageUrl.Host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? pageUrl.Host[4..] : pageUrl.Host;
        _names.Add(DomText.Compact(host));
        var labels = host.Split('.');
        if (labels.Length >= 2 && DomText.Compact(labels[^2]) is { Length: >= 2 } main)
        {
            _names.Add(main);
            _hostLabels.Add(main);
        }

        if (labels.Length >= 3 && labels[^2].Length <= 3 && DomText.Compact(labels[^3]) is { Length: >= 2 } beforeSecondLevel)
        {
            _names.Add(beforeSecondLevel);
            _hostLabels.Add(beforeSecondLevel);
        }
    }

    /// <summary>
    /// Whether <paramref name="name"/> is the site: one of its names, a host name ("Deutsche Welle (www.dw.com)"), or
    /// the name it declares followed by a word or two ("n-tv NACHRICHTEN" where it declares "n-tv").
    /// </summary>
    public bool IsSite(string name)
    {
        var compact = DomText.Compact(name);
        if (compact.Length == 0 || _names.Contains(compact) || name.Contains("www.", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        // "Deutsche Welle" on dw.com, "Neue Zürcher Zeitung" on nzz.ch: a name of three words or fewer whose initials
        // spell the host's name.
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length is >= 2 and <= 3 && _hostLabels.Contains(new string([.. words.Select(w => char.ToLowerInvariant(w[0]))])))
        {
            return true;
        }

        return _declared.Any(site => site.Length >= 3 && compact.Length - site.Length <= 14
            && name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= 4 && StartsWithSiteWord(name, site));
    }

    /// <summary>"Brian Truitt USA TODAY" → "Brian Truitt": a person's name with the declared site name glued after it.</summary>
    public string WithoutSite(string name)
    {
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var cut = 2; cut < words.Length; cut++)
        {
            if (_declared.Contains(DomText.Compact(string.Join(' ', words[cut..]))) && string.Join(' ', words[..cut]) is var head && AuthorNames.LooksLikeName(head))
            {
                return head;
            }
        }

        return name;
    }

    // "n-tv NACHRICHTEN" starts with the site's whole name, not with a person's first name that happens to spell it.
    private static bool StartsWithSiteWord(string name, string site)
    {
        var seen = string.Empty;
        foreach (var word in name.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            seen += DomText.Compact(word);
            if (seen == site)
            {
                return true;
            }

            if (seen.Length >= site.Length)
            {
                return false;
            }
        }

        return false;
    }

}
