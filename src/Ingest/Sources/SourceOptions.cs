using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

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

/// <summary>The pipeline's settings, bound from the <c>Ingest</c> section.</summary>
public sealed class IngestOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Ingest";

    /// <summary>The sources discovery reads.</summary>
    public IList<SourceOptions> Sources { get; } = [];

    /// <summary>The source with this name, or null.</summary>
    public SourceOptions? FindSource(string name) =>
        Sources.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.Ordinal));
}

/// <summary>Validates every source at start, naming the setting path and the problem.</summary>
public sealed partial class IngestOptionsValidator : IValidateOptions<IngestOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, IngestOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.Sources.Count == 0)
        {
            errors.Add($"{IngestOptions.Section}:Sources: no source is configured.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Sources.Count; i++)
        {
            var source = options.Sources[i];
            var path = $"{IngestOptions.Section}:Sources:{i}";
            if (!SourceName().IsMatch(source.Name ?? ""))
            {
                errors.Add($"{path}:Name: '{source.Name}' must be 1-63 lower-case letters, digits or dashes, starting with a letter or digit.");
            }
            else if (!seen.Add(source.Name!))
            {
                errors.Add($"{path}:Name: '{source.Name}' is used by another source.");
            }

            if (!Uri.TryCreate(source.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            {
                errors.Add($"{path}:Url: '{source.Url}' is not an absolute http or https URL.");
            }

            if (!Enum.IsDefined(source.Kind))
            {
                errors.Add($"{path}:Kind: must be Feed or Listing.");
            }

            CheckRegex(errors, $"{path}:Include", source.Include);
            CheckRegex(errors, $"{path}:Exclude", source.Exclude);
            for (var r = 0; r < source.CanonicalRules.Count; r++)
            {
                CheckRegex(errors, $"{path}:CanonicalRules:{r}:Pattern", source.CanonicalRules[r].Pattern);
            }

            CheckSelector(errors, $"{path}:LinkSelector", source.LinkSelector);
            CheckSelector(errors, $"{path}:NextPageSelector", source.NextPageSelector);

            if (source.MaxItems is < 1 or > 10_000)
            {
                errors.Add($"{path}:MaxItems: must be between 1 and 10000, got {source.MaxItems}.");
            }

            if (source.MaxPages is < 1 or > 50)
            {
                errors.Add($"{path}:MaxPages: must be between 1 and 50, got {source.MaxPages}.");
            }

            if (source.RefetchAfterHours is < 0 or > 24 * 365)
            {
                errors.Add($"{path}:RefetchAfterHours: must be between 0 and 8760, got {source.RefetchAfterHours}.");
            }

            if (source.Schedule is not null && !SourceSchedule.TryParse(source.Schedule, out _))
            {
                errors.Add($"{path}:Schedule: '{source.Schedule}' is not a six-field CRON expression (second minute hour day month weekday).");
            }

            foreach (var host in source.Hosts)
            {
                if (Uri.CheckHostName(host) == UriHostNameType.Unknown)
                {
                    errors.Add($"{path}:Hosts: '{host}' is not a host name.");
                }
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckRegex(List<string> errors, string path, string? pattern)
    {
        if (pattern is null)
        {
            return;
        }

        try
        {
            _ = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException ex)
        {
            errors.Add($"{path}: not a valid regular expression ({ex.Message}).");
        }
    }

    private static void CheckSelector(List<string> errors, string path, string? selector)
    {
        if (selector is not null && !CssSelector.IsValid(selector))
        {
            errors.Add($"{path}: '{selector}' is not a valid CSS selector.");
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex SourceName();
}
