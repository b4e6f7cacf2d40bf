using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace Ingest.Warc;

/// <summary>
/// Writes WARC 1.1 records, each as its own gzip member (as wget and Heritrix do, so tools can seek to a record):
/// a <c>warcinfo</c> record, then <c>response</c> records holding an HTTP response with its payload. Record ids are
/// derived from the record's URI, date and payload, so exporting the same snapshots twice gives the same file.
/// </summary>
public sealed class WarcWriter(Stream output) : IDisposable
{
    /// <summary>The version written.</summary>
    public const string Version = "WARC/1.1";

    /// <summary>Writes the <c>warcinfo</c> record that opens a file.</summary>
    public void WriteInfo(string fileName, string software, DateTimeOffset at)
    {
        var block = Encoding.UTF8.GetBytes($"software: {software}\r\nformat: WARC File Format 1.1\r\nconformsTo: http://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/\r\n");
        Write(
        [
            ("WARC-Type", "warcinfo"),
            ("WARC-Record-ID", RecordId("warcinfo", fileName, at, block)),
            ("WARC-Date", Date(at)),
            ("WARC-Filename", fileName),
            ("Content-Type", "application/warc-fields"),
        ], block);
    }

    /// <summary>Writes a <c>response</c> record: the HTTP status line, <paramref name="headers"/> and the payload.</summary>
    public void WriteResponse(string targetUri, DateTimeOffset fetchedAt, int status, IReadOnlyList<(string Name, string Value)> headers, ReadOnlySpan<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var head = new StringBuilder().Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {status} {(status == 200 ? "OK" : "Status")}\r\n");
        foreach (var (name, value) in headers)
        {
            head.Append(name).Append(": ").Append(value.ReplaceLineEndings(" ")).Append("\r\n");
        }

        head.Append(CultureInfo.InvariantCulture, $"Content-Length: {payload.Length}\r\n\r\n");
        var headBytes = Encoding.Latin1.GetBytes(head.ToString());
        var block = new byte[headBytes.Length + payload.Length];
        headBytes.CopyTo(block, 0);
        payload.CopyTo(block.AsSpan(headBytes.Length));
        var payloadDigest = Digest(payload);
        Write(
        [
            ("WARC-Type", "response"),
            ("WARC-Record-ID", RecordId(targetUri, payloadDigest, fetchedAt, [])),
            ("WARC-Date", Date(fetchedAt)),
            ("WARC-Target-URI", targetUri),
            ("WARC-Payload-Digest", payloadDigest),
            ("WARC-Block-Digest", Digest(block)),
            ("Content-Type", "application/http; msgtype=response"),
        ], block);
    }

    /// <summary>"sha1:" and the Base32 SHA-1 of the bytes, as WARC digests are written.</summary>
    public static string Digest(ReadOnlySpan<byte> bytes)
    {
        Span<byte> hash = stackalloc byte[20];
#pragma warning disable CA5350 // SHA-1 is what WARC digests use and what every WARC tool checks; not a security use.
        SHA1.HashData(bytes, hash);
#pragma warning restore CA5350
        return "sha1:" + Base32(hash);
    }

    public void Dispose() => output.Flush();

    private void Write(IReadOnlyList<(string Name, string Value)> fields, byte[] block)
    {
        var head = new StringBuilder(Version).Append("\r\n");
        foreach (var (name, value) in fields)
        {
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        head.Append(CultureInfo.InvariantCulture, $"Content-Length: {block.Length}\r\n\r\n");
        using var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true);
        gzip.Write(Encoding.UTF8.GetBytes(head.ToString()));
        gzip.Write(block);
        gzip.Write("\r\n\r\n"u8);
    }

    private static string Date(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string RecordId(string a, string b, DateTimeOffset at, byte[] more)
    {
        var hash = SHA256.HashData([.. Encoding.UTF8.GetBytes($"{a}\n{b}\n{at:O}\n"), .. more]);
        return $"<urn:uuid:{new Guid(hash.AsSpan(0, 16))}>";
    }

    private static string Base32(ReadOnlySpan<byte> bytes)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var text = new StringBuilder((bytes.Length * 8 + 4) / 5);
        int buffer = 0, bits = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                text.Append(Alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }

        if (bits > 0)
        {
            text.Append(Alphabet[(buffer << (5 - bits)) & 31]);
        }

        return text.ToString();
    }
}
