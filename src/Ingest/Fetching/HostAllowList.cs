using Ingest.Sources;
using Microsoft.Extensions.Options;

namespace Ingest.Fetching;

/// <summary>
/// Which URLs may be asked for at all: http and https only, and only hosts of configured sources or of
/// Ingest:Fetching:AllowedHosts (any host with AllowAnyHost), and none longer than <see cref="UrlLimit"/>. Checked on every redirect hop and robots.txt request;
/// the addresses they resolve to are checked at connect time by <see cref="AddressGuard"/>.
/// </summary>
public sealed class HostAllowList(IOptions<FetchOptions> options, IOptions<IngestOptions> sources)
{
    private readonly Lazy<HashSet<string>> _hosts = new(() => HostsOf(options.Value, sources.Value));

    /// <summary>True when <paramref name="url"/>'s host may be fetched (the scheme is not checked).</summary>
    public bool AllowsHost(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return options.Value.AllowAnyHost || _hosts.Value.Contains(url.IdnHost.ToLowerInvariant());
    }

    /// <summary>Why <paramref name="url"/> may not be fetched, or null when it may.</summary>
    public string? RefusalOf(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            return $"only absolute http and https URLs are fetched, not '{url}'";
        }

        if (UrlLimit.ProblemOf(url) is { } tooLong)
        {
            return tooLong;
        }

        return AllowsHost(url)
            ? null
            : $"host '{url.Host}' is not a host of a configured source (Ingest:Sources) nor in Ingest:Fetching:AllowedHosts";
    }

    private static HashSet<string> HostsOf(FetchOptions fetch, IngestOptions ingest)
    {
        var hosts = new HashSet<string>(StringComparer.Ordinal);
        foreach (var source in ingest.Sources)
        {
            if (Uri.TryCreate(source.Url, UriKind.Absolute, out var url))
            {
                hosts.Add(url.IdnHost.ToLowerInvariant());
                hosts.UnionWith(source.ArticleHosts());
            }
        }

        hosts.UnionWith(fetch.AllowedHosts.Select(h => h.ToLowerInvariant()));
        return hosts;
    }
}
