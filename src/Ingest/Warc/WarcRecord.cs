using System.Globalization;

namespace Ingest.Warc;

/// <summary>
/// One WARC record (WARC 1.0 or 1.1): its named fields and its block. The block is a stream over the file that is
/// valid until the reader moves to the next record; what is not read of it is skipped then.
/// </summary>
public sealed class WarcRecord
{
    internal WarcRecord(string version, IReadOnlyDictionary<string, string> fields, long contentLength, Stream block, long offset)
    {
        Version = version;
        Fields = fields;
        ContentLength = contentLength;
        Block = block;
        Offset = offset;
    }

    /// <summary>"WARC/1.0" or "WARC/1.1".</summary>
    public string Version { get; }

    /// <summary>The named fields, names compared without case.</summary>
    public IReadOnlyDictionary<string, string> Fields { get; }

    /// <summary>The length of the block in bytes.</summary>
    public long ContentLength { get; }

    /// <summary>The block; read it before asking for the next record.</summary>
    public Stream Block { get; }

    /// <summary>Where the record starts in the (decompressed) file, for error messages.</summary>
    public long Offset { get; }

    /// <summary>WARC-Type: warcinfo, response, resource, request, metadata, revisit, conversion, continuation.</summary>
    public string Type => Field("WARC-Type") ?? "";

    /// <summary>WARC-Target-URI, without the angle brackets WARC 1.0 writers sometimes put around it.</summary>
    public string? TargetUri => Field("WARC-Target-URI")?.Trim('<', '>');

    /// <summary>WARC-Date, or null when it is missing or not a date.</summary>
    public DateTimeOffset? Date => DateOf(Field("WARC-Date"));

    /// <summary>WARC-Payload-Digest, e.g. "sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ".</summary>
    public string? PayloadDigest => Field("WARC-Payload-Digest");

    /// <summary>WARC-Refers-To-Target-URI of a revisit.</summary>
    public string? RefersToTargetUri => Field("WARC-Refers-To-Target-URI")?.Trim('<', '>');

    /// <summary>WARC-Refers-To-Date of a revisit.</summary>
    public DateTimeOffset? RefersToDate => DateOf(Field("WARC-Refers-To-Date"));

    /// <summary>A named field, or null.</summary>
    public string? Field(string name) => Fields.TryGetValue(name, out var value) ? value : null;

    private static DateTimeOffset? DateOf(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at) ? at : null;
}
