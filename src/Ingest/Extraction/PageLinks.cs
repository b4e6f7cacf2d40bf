namespace Ingest.Extraction;

/// <summary>Links found in a page (canonical URL, images), made absolute against the page's own URL.</summary>
internal static class PageLinks
{
    /// <summary>Resolves <paramref name="url"/> against the page; null for empty, data: and javascript: URLs.</summary>
    public static string? Absolute(Uri pageUrl, string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return null;
        }

        url = url.Trim();
        if (url.StartsWith("data:", StringComparison.OrdinalIgnoreCase) || url.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return Uri.TryCreate(pageUrl, url, out var absolute) && absolute.Scheme is "http" or "https" ? absolute.AbsoluteUri : null;
    }
}
