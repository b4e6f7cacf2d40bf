using Ingest.Messages;

namespace Ingest.Tests.Messages;

public sealed class MessageReaderTests
{
    [Fact]
    public void ReadIngestRequest_ValidJson_ReturnsRequest()
    {
        var request = MessageReader.ReadIngestRequest("""{"url":"https://www.scmp.com/opinion/article/1/x","source":"scmp-opinion"}""");

        Assert.Equal("https://www.scmp.com/opinion/article/1/x", request.Url);
        Assert.Equal("scmp-opinion", request.Source);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("not json", "not a valid IngestRequest")]
    [InlineData("null", "JSON null")]
    [InlineData("""{"url":"https://a.example/x"}""", "'source' is missing")]
    [InlineData("""{"source":"s"}""", "'url' is missing")]
    [InlineData("""{"url":"file:///etc/passwd","source":"s"}""", "absolute http or https")]
    [InlineData("""{"url":"/relative","source":"s"}""", "absolute http or https")]
    [InlineData("""{"url":"https://a.example/x","source":"s","extra":1}""", "not a valid IngestRequest")]
    [InlineData("""{"url":"https://a.example/x","source":"s","run":"../../alarms/x"}""", "'run' must be 1-64 lower-case letters")]
    public void ReadIngestRequest_BadBody_ThrowsWithReason(string body, string expected)
    {
        var ex = Assert.Throws<InvalidMessageException>(() => MessageReader.ReadIngestRequest(body));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Equal(QueueNames.IngestRequests, ex.Queue);
    }

    [Theory]
    [InlineData("""{"articleId":"nope"}""", "not an article id")]
    [InlineData("""{"articleId":"scmp.com_0123456789abcdef0123456789abcdeF"}""", "not an article id")]
    [InlineData("""{"articleId":"../x_0123456789abcdef0123456789abcdef"}""", "not an article id")]
    [InlineData("""{}""", "say what to re-parse")]
    public void ReadReparseRequest_BadId_ThrowsWithReason(string body, string expected)
    {
        var ex = Assert.Throws<InvalidMessageException>(() => MessageReader.ReadReparseRequest(body));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadReparseRequest_ValidJson_ReturnsRequest()
    {
        var request = MessageReader.ReadReparseRequest("""{"articleId":"scmp.com_0123456789abcdef0123456789abcdef","force":true}""");

        Assert.Equal("scmp.com_0123456789abcdef0123456789abcdef", request.ArticleId);
        Assert.True(request.Force);
    }

    [Theory]
    [InlineData("""{"all":true}""")]
    [InlineData("""{"site":"scmp.com"}""")]
    [InlineData("""{"site":"scmp.com","since":"2025-01-01","until":"2025-12-31","force":true,"runId":"20261129-1-ab"}""")]
    [InlineData("""{"since":"2025-01-01"}""")]
    public void ReadReparseRequest_Scopes_AreAccepted(string body)
    {
        Assert.True(MessageReader.ReadReparseRequest(body).IsScoped);
    }

    [Theory]
    [InlineData("""{"all":true,"site":"scmp.com"}""", "'all' cannot be combined")]
    [InlineData("""{"force":true}""", "say what to re-parse")]
    [InlineData("""{"articleId":"scmp.com_0123456789abcdef0123456789abcdef","all":true}""", "cannot be combined")]
    [InlineData("""{"until":"2025-01-01"}""", "'until' needs 'since'")]
    [InlineData("""{"since":"2025-02-01","until":"2025-01-01"}""", "is after")]
    [InlineData("""{"site":"../etc"}""", "'site' must be a site key")]
    [InlineData("""{"all":true,"runId":"Bad Run"}""", "'runId' must be")]
    [InlineData("""{"since":"2025-13-01"}""", "not a valid ReparseRequest")]
    [InlineData("""{"articleIds":[]}""", "'articleIds' must list 1 to 50 article ids, got 0")]
    [InlineData("""{"articleIds":["scmp.com_0123456789abcdef0123456789abcdef","nope"]}""", "'articleIds' holds something that is not an article id: 'nope'")]
    [InlineData("""{"articleIds":["scmp.com_0123456789abcdef0123456789abcdef",null]}""", "'articleIds' holds something that is not an article id: 'null'")]
    [InlineData("""{"articleIds":["scmp.com_0123456789abcdef0123456789abcdef"],"all":true}""", "'articleIds' cannot be combined")]
    [InlineData("""{"articleIds":["scmp.com_0123456789abcdef0123456789abcdef"],"articleId":"scmp.com_0123456789abcdef0123456789abcdef"}""", "'articleIds' cannot be combined")]
    [InlineData("""{"articleIds":"scmp.com_0123456789abcdef0123456789abcdef"}""", "not a valid ReparseRequest")]
    public void ReadReparseRequest_BadScope_ThrowsWithReason(string body, string expected)
    {
        var ex = Assert.Throws<InvalidMessageException>(() => MessageReader.ReadReparseRequest(body));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReparseRequest_Serialized_ReadsBackTheSame()
    {
        var request = new ReparseRequest(Site: "scmp.com", Since: new DateOnly(2025, 1, 1), Until: new DateOnly(2025, 1, 31), Force: true, RunId: "r1", Cursor: "0:abc");

        var json = System.Text.Json.JsonSerializer.Serialize(request, IngestJsonContext.Default.ReparseRequest);

        Assert.Equal(request, MessageReader.ReadReparseRequest(json));
    }

    [Fact]
    public void ReadReparseRequest_ArticleList_IsReadAndIsNotAScope()
    {
        var ids = Enumerable.Range(0, ReparseRequest.MaxArticleIds).Select(i => $"scmp.com_{i:x32}").ToList();
        var json = System.Text.Json.JsonSerializer.Serialize(new ReparseRequest(Force: true, RunId: "r1", ArticleIds: ids), IngestJsonContext.Default.ReparseRequest);

        var read = MessageReader.ReadReparseRequest(json);

        Assert.Contains("\"articleIds\":[", json, StringComparison.Ordinal);
        Assert.Equal(ids, read.ArticleIds);
        Assert.False(read.IsScoped);
        var tooMany = System.Text.Json.JsonSerializer.Serialize(new ReparseRequest(ArticleIds: [.. ids, "scmp.com_" + new string('f', 32)]), IngestJsonContext.Default.ReparseRequest);
        Assert.Contains("got 51", Assert.Throws<InvalidMessageException>(() => MessageReader.ReadReparseRequest(tooMany)).Message, StringComparison.Ordinal);
    }
}
