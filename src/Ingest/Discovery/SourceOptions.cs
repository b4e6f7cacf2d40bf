using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Ingest.Discovery;

/// <summary>How a source lists its articles.</summary>
public enum SourceKind
{
    /// <summary>An RSS 2.0 or Atom 1.0 feed.</summary>
    Feed,

    /// <summary>An HTML listing page whose article links match <see cref="SourceOptions.LinkSelector"/>.</summary>
    Listing,
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

    /// <summary>Hosts whose pages belong to this source; default: the host of <see cref="Url"/>.</summary>
    public IList<string> Hosts { get; } = [];

    /// <summary>At most this many articles are taken from one discovery of this source.</summary>
    public int MaxItems { get; set; } = 100;

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

            if (source.Include is not null)
            {
                try
                {
                    _ = new Regex(source.Include, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
                }
                catch (ArgumentException ex)
                {
                    errors.Add($"{path}:Include: not a valid regular expression ({ex.Message}).");
                }
            }

            if (source.LinkSelector is not null && !CssSelector.IsValid(source.LinkSelector))
            {
                errors.Add($"{path}:LinkSelector: '{source.LinkSelector}' is not a valid CSS selector.");
            }

            if (source.MaxItems is < 1 or > 10_000)
            {
                errors.Add($"{path}:MaxItems: must be between 1 and 10000, got {source.MaxItems}.");
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

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex SourceName();
}
