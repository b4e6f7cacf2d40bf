using System.Globalization;
using System.Text;
using Ingest.Sources;

namespace Ingest.Storage;

/// <summary>
/// The fetch facts of a raw snapshot as blob metadata, bounded: Azure allows 8 KB of metadata per blob (names and
/// values), and a write over it fails only at the service, after the storage client's retries. The URLs are at most
/// <see cref="UrlLimit.MaxLength"/> (every edge refuses longer ones; a longer one here is a bug and throws before any
/// storage call), header values longer than <see cref="MaxHeaderValue"/> are left out (an ETag or Content-Type that
/// long is not one a server means), and the whole is checked against the budget before it is sent.
/// </summary>
public static class SnapshotMetadata
{
    /// <summary>Azure's limit on one blob's metadata, names and values together.</summary>
    public const int MaxBytes = 8 * 1024;

    /// <summary>The longest ETag or Content-Type kept, in characters after escaping.</summary>
    public const int MaxHeaderValue = 256;

    /// <summary>The metadata for <paramref name="snapshot"/>. Throws <see cref="ArgumentException"/> when a URL is over the limit or the whole over the budget.</summary>
    public static Dictionary<string, string> For(RawSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        CheckUrl(snapshot.Url, nameof(RawSnapshot.Url));
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["url"] = Escape(snapshot.Url),
            ["fetchedat"] = snapshot.FetchedAt.ToString("O", CultureInfo.InvariantCulture),
            ["httpstatus"] = snapshot.HttpStatus.ToString(CultureInfo.InvariantCulture),
        };
        if (!string.IsNullOrEmpty(snapshot.FinalUrl))
        {
            CheckUrl(snapshot.FinalUrl, nameof(RawSnapshot.FinalUrl));
            metadata["finalurl"] = Escape(snapshot.FinalUrl);
        }

        AddHeader(metadata, "contenttype", snapshot.ContentType);
        AddHeader(metadata, "etag", snapshot.ETag);
        if (snapshot.LastModified is { } lastModified)
        {
            metadata["lastmodified"] = lastModified.ToString("O", CultureInfo.InvariantCulture);
        }

        var size = SizeOf(metadata);
        return size <= MaxBytes
            ? metadata
            : throw new ArgumentException($"The fetch facts of snapshot {snapshot.SnapshotId} take {size} bytes of blob metadata, over the {MaxBytes} allowed.", nameof(snapshot));
    }

    /// <summary>A value as it was before <see cref="Escape"/>.</summary>
    public static string Unescape(string value) => Uri.UnescapeDataString(value);

    /// <summary>The size Azure counts: names and values (all ASCII here, so characters are bytes).</summary>
    public static int SizeOf(IReadOnlyDictionary<string, string> metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return metadata.Sum(m => m.Key.Length + m.Value.Length);
    }

    /// <summary>
    /// Blob metadata must be printable ASCII. Only what is not, and '%' itself, is percent-encoded (UTF-8), so a URL
    /// grows by at most two characters per '%' instead of tripling, and <see cref="Uri.UnescapeDataString(string)"/> reads
    /// both this and the whole-value escaping of earlier snapshots back exactly.
    /// </summary>
    public static string Escape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.All(c => c is >= ' ' and <= '~' and not '%'))
        {
            return value;
        }

        var escaped = new StringBuilder(value.Length + 16);
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c is >= ' ' and <= '~' and not '%')
            {
                escaped.Append(c);
                continue;
            }

            var length = char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])
                ? Encoding.UTF8.GetBytes(value.AsSpan(i++, 2), utf8)
                : Encoding.UTF8.GetBytes(value.AsSpan(i, 1), utf8);
            foreach (var b in utf8[..length])
            {
                escaped.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return escaped.ToString();
    }

    private static void CheckUrl(string url, string name)
    {
        if (UrlLimit.ProblemOf(url) is { } problem)
        {
            throw new ArgumentException($"The snapshot's {name}: {problem}; it should have been refused where it came in.", name);
        }
    }

    private static void AddHeader(Dictionary<string, string> metadata, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value) && Escape(value) is { Length: <= MaxHeaderValue } escaped)
        {
            metadata[key] = escaped;
        }
    }
}
