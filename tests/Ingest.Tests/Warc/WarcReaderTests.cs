using System.IO.Compression;
using System.Text;
using Ingest.Warc;

namespace Ingest.Tests.Warc;

public sealed class WarcReaderTests
{
    private const string Page = "<html><body><p>Hello</p></body></html>";

    [Theory]
    [InlineData("plain")]
    [InlineData("gzip-per-record")]
    [InlineData("gzip-whole-file")]
    public void Read_WrittenRecords_ComeBackWithTheirFieldsAndPayload(string packing)
    {
        var at = new DateTimeOffset(2026, 12, 4, 5, 6, 7, TimeSpan.Zero);
        using var file = new MemoryStream(Pack(packing, w =>
        {
            w.WriteInfo("test.warc.gz", "tests", at);
            w.WriteResponse("https://example.org/a", at, 200, [("Content-Type", "text/html")], Encoding.UTF8.GetBytes(Page));
        }));

        using var reader = new WarcReader(file);
        var info = reader.Next()!;
        Assert.Equal(("WARC/1.1", "warcinfo"), (info.Version, info.Type));
        var response = reader.Next()!;
        Assert.Equal(("response", "https://example.org/a", at), (response.Type, response.TargetUri, response.Date!.Value));
        var http = HttpResponseBlock.Read(response.Block, 1 << 20, out var problem)!;
        Assert.Null(problem);
        Assert.Equal((200, "text/html", Page), (http.Status, http.Header("content-type"), Encoding.UTF8.GetString(http.Payload)));
        Assert.Equal(WarcWriter.Digest(http.Payload), response.PayloadDigest);
        Assert.Null(reader.Next());
    }

    [Fact]
    public void Read_BlockNotRead_IsSkippedToTheNextRecord()
    {
        using var file = new MemoryStream(Pack("gzip-per-record", w =>
        {
            w.WriteResponse("https://example.org/a", DateTimeOffset.UnixEpoch, 200, [], new byte[100_000]);
            w.WriteResponse("https://example.org/b", DateTimeOffset.UnixEpoch, 200, [], "b"u8);
        }));

        using var reader = new WarcReader(file);

        Assert.Equal(["https://example.org/a", "https://example.org/b"], reader.ReadAll().Select(r => r.TargetUri));
    }

    [Fact]
    public void Read_ChunkedGzippedBody_IsDecodedAsAFetchWouldGiveIt()
    {
        using var gz = new MemoryStream();
        using (var gzip = new GZipStream(gz, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(Page));
        }

        var body = gz.ToArray();
        var chunked = new MemoryStream();
        chunked.Write(Encoding.ASCII.GetBytes($"{body.Length:x}\r\n"));
        chunked.Write(body);
        chunked.Write("\r\n0\r\n\r\n"u8);
        var block = new MemoryStream([.. "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\n"u8, .. chunked.ToArray()]);

        var http = HttpResponseBlock.Read(block, 1 << 20, out _)!;

        Assert.Equal(Page, Encoding.UTF8.GetString(http.Payload));
    }

    [Fact]
    public void Read_PayloadOverTheLimit_IsRefusedAsTooLarge()
    {
        var block = new MemoryStream([.. "HTTP/1.1 200 OK\r\n\r\n"u8, .. new byte[2048]]);

        Assert.Null(HttpResponseBlock.Read(block, 1024, out var problem));
        Assert.Equal("too-large", problem);
    }

    [Fact]
    public void Read_NotWarc_SaysWhereAndWhat()
    {
        using var reader = new WarcReader(new MemoryStream("<html>not a warc</html>\r\n"u8.ToArray()));

        var ex = Assert.Throws<InvalidDataException>(() => reader.Next());

        Assert.Contains("not a WARC record at byte 0", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_FileCutInsideABlock_SaysSo()
    {
        var whole = Pack("plain", w => w.WriteResponse("https://example.org/a", DateTimeOffset.UnixEpoch, 200, [], new byte[1000]));
        using var reader = new WarcReader(new MemoryStream(whole[..500]));

        var ex = Assert.Throws<InvalidDataException>(() => reader.ReadAll().ToList());

        Assert.Contains("ends inside a record's block", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Digest_IsBase32Sha1AsWarcToolsWriteIt()
    {
        // SHA-1 of the empty string, in Base32 (RFC 4648).
        Assert.Equal("sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ", WarcWriter.Digest([]));
    }

    private static byte[] Pack(string packing, Action<WarcWriter> write)
    {
        using var gzipped = new MemoryStream();
        using (var writer = new WarcWriter(gzipped))
        {
            write(writer);
        }

        if (packing == "gzip-per-record")
        {
            return gzipped.ToArray();
        }

        // Undo the per-record gzip: concatenated members read as one stream.
        gzipped.Position = 0;
        using var plain = new MemoryStream();
        using (var gunzip = new GZipStream(gzipped, CompressionMode.Decompress))
        {
            gunzip.CopyTo(plain);
        }

        if (packing == "plain")
        {
            return plain.ToArray();
        }

        using var whole = new MemoryStream();
        using (var gzip = new GZipStream(whole, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(plain.ToArray());
        }

        return whole.ToArray();
    }
}
