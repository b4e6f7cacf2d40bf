using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Ingest.Warc;

/// <summary>
/// Reads WARC records from a stream, one at a time: plain, gzip per record (wget, Heritrix, Common Crawl) or the whole
/// file gzipped (concatenated gzip members are read as one stream). Memory stays bounded by the longest header, never
/// by a block: a block is read by the caller or skipped.
/// </summary>
public sealed class WarcReader : IDisposable
{
    /// <summary>The longest header line accepted.</summary>
    public const int MaxLine = 64 * 1024;

    private readonly Stream _input;
    private readonly CountingStream _counted;
    private BlockStream? _current;

    /// <summary>Reads from <paramref name="input"/>; gzip is detected by its magic bytes. The stream must be seekable or not yet read.</summary>
    public WarcReader(Stream input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var buffered = new BufferedStream(input, 1 << 16);
        var gzip = IsGzip(buffered);
        _input = gzip ? new BufferedStream(new GZipStream(buffered, CompressionMode.Decompress), 1 << 16) : buffered;
        _counted = new CountingStream(_input);
    }

    /// <summary>The next record, or null at the end. Throws <see cref="InvalidDataException"/> where the file is not WARC.</summary>
    public WarcRecord? Next()
    {
        _current?.SkipRest();
        string? line;
        do
        {
            line = ReadLine();
            if (line is null)
            {
                return null;
            }
        }
        while (line.Length == 0);

        var offset = _counted.Position - line.Length - 2;
        if (!line.StartsWith("WARC/", StringComparison.Ordinal))
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"not a WARC record at byte {Math.Max(0, offset)} (decompressed): it starts '{Shorten(line)}'"));
        }

        var version = line;
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? previous = null;
        while ((line = ReadLine()) is { Length: > 0 })
        {
            if ((line[0] == ' ' || line[0] == '\t') && previous is not null)
            {
                fields[previous] += " " + line.Trim(); // a folded continuation line
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"WARC record at byte {offset}: a header line without a name: '{Shorten(line)}'"));
            }

            previous = line[..colon].Trim();
            fields[previous] = line[(colon + 1)..].Trim();
        }

        if (line is null)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"WARC record at byte {offset}: the file ends inside its header"));
        }

        if (!fields.TryGetValue("Content-Length", out var lengthText) || !long.TryParse(lengthText, NumberStyles.None, CultureInfo.InvariantCulture, out var length))
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"WARC record at byte {offset}: no valid Content-Length"));
        }

        _current = new BlockStream(_counted, length);
        return new WarcRecord(version, fields, length, _current, offset);
    }

    /// <summary>Every record, in order; each record's block is valid until the next is asked for.</summary>
    public IEnumerable<WarcRecord> ReadAll()
    {
        while (Next() is { } record)
        {
            yield return record;
        }
    }

    public void Dispose() => _input.Dispose();

    private static bool IsGzip(BufferedStream stream)
    {
        if (!stream.CanSeek)
        {
            throw new ArgumentException("The WARC stream must be seekable (a file).", nameof(stream));
        }

        var start = stream.Position;
        Span<byte> magic = stackalloc byte[2];
        var read = stream.Read(magic);
        stream.Position = start;
        return read == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
    }

    // A line of the header, without its CR LF; null at the end of the stream.
    private string? ReadLine()
    {
        var bytes = new List<byte>(128);
        while (true)
        {
            var b = _counted.ReadByte();
            if (b < 0)
            {
                return bytes.Count == 0 ? null : Decode(bytes);
            }

            if (b == '\n')
            {
                if (bytes.Count > 0 && bytes[^1] == '\r')
                {
                    bytes.RemoveAt(bytes.Count - 1);
                }

                return Decode(bytes);
            }

            if (bytes.Count >= MaxLine)
            {
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"a WARC header line over {MaxLine} bytes near byte {_counted.Position}: not a WARC file?"));
            }

            bytes.Add((byte)b);
        }
    }

    private static string Decode(List<byte> bytes) => Encoding.UTF8.GetString(bytes.ToArray());

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    /// <summary>Counts what was read, for offsets in messages.</summary>
    private sealed class CountingStream(Stream inner) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get; set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = inner.Read(buffer, offset, count);
            Position += n;
            return n;
        }

        public override int ReadByte()
        {
            var b = inner.ReadByte();
            if (b >= 0)
            {
                Position++;
            }

            return b;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>The block of one record: at most its Content-Length bytes of the file.</summary>
    private sealed class BlockStream(Stream inner, long total) : Stream
    {
        private readonly long _total = total;
        private long _left = total;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => _total;

        public override long Position
        {
            get => _total - _left;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_left <= 0)
            {
                return 0;
            }

            var n = inner.Read(buffer, offset, (int)Math.Min(count, _left));
            if (n == 0)
            {
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"the WARC file ends inside a record's block ({_left} bytes missing)"));
            }

            _left -= n;
            return n;
        }

        public void SkipRest()
        {
            var buffer = new byte[81920];
            while (Read(buffer, 0, buffer.Length) > 0)
            {
            }
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
