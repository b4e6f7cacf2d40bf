using System.Text.RegularExpressions;

namespace Ingest.Sources;

/// <summary>How a source lists its articles.</summary>
public enum SourceKind
{
    /// <summary>An RSS 2.0 or Atom 1.0 feed.</summary>
    Feed,

    /// <summary>An HTML listing page whose article links match <see cref="SourceOptions.LinkSelector"/>.</summary>
    Listing,

    /// <summary>An XML sitemap or sitemap index (news sitemaps and gzip included).</summary>
    Sitemap,
}

/// <summary>A URL rewrite that gives one article one URL, e.g. the same article id on several host names.</summary>
public sealed class CanonicalRule
{
    /// <summary>Regular expression matched against the whole canonical URL.</summary>
    public string Pattern { get; set; } = "";

    /// <summary>The replacement, with $1 / ${name} group references.</summary>
    public string Replacement { get; set; } = "";
}

/// <summary>One configured source: where to discover articles and which URLs belong to it.</summary>
public sealed class SourceOptions
{
    /// <summary>Short name: lower-case letters, digits and dashes. Goes into every message and record.</summary>
    public string Name { get; set; } = "";

    /// <summary>Feed or listing.</summary>
    public SourceKind Kind { get; set; }

    /// <summary>The feed or listing page URL.</summary>
    public string Url { get; set; } = "";

    /// <summary>CSS selector of article links on a listing page; default <c>a[href]</c>.</summary>
    public string? LinkSelector { get; set; }

    /// <summary>Regular expression a discovered URL must match to be enqueued.</summary>
    public string? Include { get; set; }

    /// <summary>Regular expression a discovered URL must not match.</summary>
    public string? Exclude { get; set; }

    /// <summary>On a listing page, the CSS selector of the link to the next page.</summary>
    public string? NextPageSelector { get; set; }

    /// <summary>Listing pages (or child sitemaps) read per discovery, at most.</summary>
    public int MaxPages { get; set; } = 1;

    /// <summary>Rewrites applied after the generic canonicalisation, first match wins.</summary>
    public IList<CanonicalRule> CanonicalRules { get; } = [];

    /// <summary>A known article is fetched again (conditionally) when its last check is older than this; 0: never.</summary>
    public int RefetchAfterHours { get; set; } = 24;

    /// <summary>Six-field CRON (UTC) saying when this source is due; default: at every discovery run.</summary>
    public string? Schedule { get; set; }

    /// <summary>Hosts whose pages belong to this source; default: the host of <see cref="Url"/>.</summary>
    public IList<string> Hosts { get; } = [];

    /// <summary>At most this many articles are taken from one discovery of this source.</summary>
    public int MaxItems { get; set; } = 100;

    /// <summary>The canonical form of an article URL of this source: generic rules, then this source's rewrites.</summary>
    public Uri Canonicalize(Uri url)
    {
        var canonical = UrlCanonicalizer.Canonicalize(url);
        foreach (var rule in CanonicalRules)
        {
            var text = canonical.AbsoluteUri;
            if (Regex.IsMatch(text, rule.Pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))
            {
                var rewritten = Regex.Replace(text, rule.Pattern, rule.Replacement, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
                return Uri.TryCreate(rewritten, UriKind.Absolute, out var result) ? UrlCanonicalizer.Canonicalize(result) : canonical;
            }
        }

        return canonical;
    }

    /// <summary>The hosts an article URL of this source may have.</summary>
    public IReadOnlySet<string> ArticleHosts() =>
        Hosts.Count > 0
            ? Hosts.Select(h => h.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal)
            : new HashSet<string>(StringComparer.Ordinal) { new Uri(Url).Host.ToLowerInvariant() };
}
