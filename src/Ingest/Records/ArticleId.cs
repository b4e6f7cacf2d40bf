using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Ingest.Records;

/// <summary>
/// The stable id of an article: the site key (host without "www.") and the first 128 bits of the
/// SHA-256 of the canonical URL, e.g. <c>scmp.com_3f9a…</c>. Blob names are built from it, never from raw URL text,
/// so a hostile URL cannot shape a blob path.
/// </summary>
public readonly partial record struct ArticleId
{
    private ArticleId(string site, string hash)
    {
        Site = site;
        Hash = hash;
    }

    /// <summary>The site key, a lower-case host name.</summary>
    public string Site { get; }

    /// <summary>32 lower-case hex digits.</summary>
    public string Hash { get; }

    /// <summary>Derives the id of a canonical URL.</summary>
    public static ArticleId FromCanonicalUrl(Uri canonicalUrl)
    {
        ArgumentNullException.ThrowIfNull(canonicalUrl);
        var site = SiteKey(canonicalUrl);
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(canonicalUrl.AbsoluteUri));
        return new ArticleId(site, Convert.ToHexStringLower(digest.AsSpan(0, 16)));
    }

    /// <summary>The site key of a URL: its lower-case host without a leading "www.".</summary>
    public static string SiteKey(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var host = url.IdnHost.ToLowerInvariant();
        host = host.StartsWith("www.", StringComparison.Ordinal) ? host[4..] : host;

        // IPv6 literals ("[::1]") and other odd hosts become plain blob-safe text.
        var safe = NotSiteChar().Replace(host, "-").Trim('-', '.');
        return safe.Length == 0 ? "unknown-host" : safe;
    }

    /// <summary>Parses the text form, rejecting anything that is not exactly an id.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out ArticleId id)
    {
        id = default;
        if (text is null || text.Length > 300)
        {
            return false;
        }

        var match = Shape().Match(text);
        if (!match.Success)
        {
            return false;
        }

        id = new ArticleId(match.Groups["site"].Value, match.Groups["hash"].Value);
        return true;
    }

    /// <summary>Parses the text form or throws a <see cref="FormatException"/> that says what is expected.</summary>
    public static ArticleId Parse(string text) =>
        TryParse(text, out var id)
            ? id
            : throw new FormatException($"'{text}' is not an article id: expected '<site>_<32 hex digits>', e.g. 'scmp.com_0123456789abcdef0123456789abcdef'.");

    /// <summary>The blob name prefix of everything stored for this article: <c>site/hash/</c>.</summary>
    public string BlobPrefix => $"{Site}/{Hash}/";

    /// <inheritdoc />
    public override string ToString() => $"{Site}_{Hash}";

    [GeneratedRegex("^(?<site>[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?)_(?<hash>[0-9a-f]{32})$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();

    [GeneratedRegex("[^a-z0-9.-]+", RegexOptions.CultureInvariant)]
    private static partial Regex NotSiteChar();
}
