namespace Ingest.Sources;

/// <summary>
/// One spelling per article URL: lower-case scheme and host (by <see cref="Uri"/>), no default port, no fragment,
/// no tracking parameters. Article ids derive from this form.
/// </summary>
public static class UrlCanonicalizer
{
    private static readonly string[] TrackingPrefixes = ["utm_", "pk_", "mtm_"];

    private static readonly HashSet<string> TrackingNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "yclid", "_ga", "ocid", "cmpid",
    };

    /// <summary>The canonical form of an absolute http(s) URL.</summary>
    public static Uri Canonicalize(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var builder = new UriBuilder(url) { Fragment = "" };
        if (builder.Uri.IsDefaultPort)
        {
            builder.Port = -1;
        }

        var query = url.Query.TrimStart('?');
        if (query.Length > 0)
        {
            var kept = query.Split('&', StringSplitOptions.RemoveEmptyEntries).Where(pair => !IsTracking(pair.Split('=', 2)[0]));
            builder.Query = string.Join('&', kept);
        }

        builder.Host = builder.Host.ToLowerInvariant();
        return builder.Uri;
    }

    /// <summary>The URL without its fragment (which is never sent to a server).</summary>
    public static Uri WithoutFragment(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return url.Fragment.Length == 0 ? url : new UriBuilder(url) { Fragment = "" }.Uri;
    }

    private static bool IsTracking(string name) =>
        TrackingNames.Contains(name) || TrackingPrefixes.Any(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase));
}
