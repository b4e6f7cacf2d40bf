using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Ingest.Warc;

/// <summary>
/// The HTTP response a WARC <c>response</c> record holds (<c>application/http; msgtype=response</c>): status, headers
/// and the payload as the site sent it, with transfer and content encodings undone (chunked; gzip, deflate, br),
/// as a fetch would have given it.
/// </summary>
public sealed record HttpResponseBlock(int Status, IReadOnlyDictionary<string, string> Headers, byte[] Payload)
{
    /// <summary>A header, or null.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>
    /// Reads a response block. Returns null with <paramref name="problem"/> set when it is not an HTTP response, or
    /// its payload (decoded) is over <paramref name="maxPayload"/> bytes.
    /// </summary>
    public static HttpResponseBlock? Read(Stream block, int maxPayload, out string? problem) => Read(block, maxPayload, refuse: null, out problem);

    /// <summary>
    /// Reads a response block, asking <paramref name="refuse"/> first, from the status and headers alone, whether the
    /// payload is wanted at all (a reason when not): an unwanted payload is never read into memory.
    /// </summary>
    public static HttpResponseBlock? Read(Stream block, int maxPayload, Func<int, IReadOnlyDictionary<string, string>, string?>? refuse, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(block);
        var statusLine = ReadLine(block);
        var parts = statusLine?.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
        if (parts is not { Length: >= 2 } || !parts[0].StartsWith("HTTP/", StringComparison.Ordinal)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var status))
        {
            problem = "not-an-http-response";
            return null;
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        while (ReadLine(block) is { Length: > 0 } line)
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                var name = line[..colon].Trim();
                var value = line[(colon + 1)..].Trim();
                headers[name] = headers.TryGetValue(name, out var earlier) ? earlier + ", " + value : value;
            }
        }

        if (refuse?.Invoke(status, headers) is { } reason)
        {
            problem = reason;
            return null;
        }

        if (headers.TryGetValue("Content-Length", out var declared) && long.TryParse(declared, NumberStyles.None, CultureInfo.InvariantCulture, out var length) && length > maxPayload)
        {
            problem = "too-large";
            return null;
        }

        // The raw body, bounded: a compressed body is small, so the limit is on both sides of decoding.
        using var raw = new MemoryStream();
        if (!CopyBounded(block, raw, maxPayload))
        {
            problem = "too-large";
            return null;
        }

        var body = raw.ToArray();
        if (headers.TryGetValue("Transfer-Encoding", out var transfer) && transfer.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            body = Dechunk(body) ?? body; // some archivers store the body already dechunked but keep the header
        }

        if (headers.TryGetValue("Content-Encoding", out var encoding) && Decoder(encoding.Trim().ToLowerInvariant(), body) is { } decoding)
        {
            using var decoded = new MemoryStream();
            try
            {
                using (decoding)
                {
                    if (!CopyBounded(decoding, decoded, maxPayload))
                    {
                        problem = "too-large";
                        return null;
                    }
                }

                body = decoded.ToArray();
            }
            catch (InvalidDataException)
            {
                // Stored decoded already (wget and others often do) with the header kept: the bytes as they are.
            }
        }

        problem = null;
        return new HttpResponseBlock(status, headers, body);
    }

    private static Stream? Decoder(string encoding, byte[] body) => encoding switch
    {
        "gzip" or "x-gzip" when body.Length > 2 && body[0] == 0x1f && body[1] == 0x8b => new GZipStream(new MemoryStream(body), CompressionMode.Decompress),
        "deflate" => new ZLibStream(new MemoryStream(body), CompressionMode.Decompress),
        "br" => new BrotliStream(new MemoryStream(body), CompressionMode.Decompress),
        _ => null,
    };

    private static bool CopyBounded(Stream from, Stream to, int max)
    {
        var buffer = new byte[81920];
        int n;
        while ((n = from.Read(buffer, 0, buffer.Length)) > 0)
        {
            if (to.Length + n > max)
            {
                return false;
            }

            to.Write(buffer, 0, n);
        }

        return true;
    }

    // Chunked transfer coding undone; null when the bytes are not chunked after all.
    private static byte[]? Dechunk(byte[] body)
    {
        using var output = new MemoryStream();
        var at = 0;
        while (true)
        {
            var end = Array.IndexOf(body, (byte)'\n', at);
            if (end < 0)
            {
                return null;
            }

            var sizeText = Encoding.ASCII.GetString(body, at, end - at).Trim().Split(';')[0];
            if (!int.TryParse(sizeText, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var size) || size < 0 || end + 1 + size > body.Length)
            {
                return null;
            }

            if (size == 0)
            {
                return output.ToArray();
            }

            output.Write(body, end + 1, size);
            at = end + 1 + size;
            at += at < body.Length && body[at] == '\r' ? 1 : 0;
            at += at < body.Length && body[at] == '\n' ? 1 : 0;
        }
    }

    private static string? ReadLine(Stream stream)
    {
        var bytes = new List<byte>(64);
        while (true)
        {
            var b = stream.ReadByte();
            if (b < 0)
            {
                return bytes.Count == 0 ? null : Encoding.Latin1.GetString(bytes.ToArray());
            }

            if (b == '\n')
            {
                return Encoding.Latin1.GetString(bytes.ToArray()).TrimEnd('\r');
            }

            if (bytes.Count > 16 * 1024)
            {
                return null;
            }

            bytes.Add((byte)b);
        }
    }
}
