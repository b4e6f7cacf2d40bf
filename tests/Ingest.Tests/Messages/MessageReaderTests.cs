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
    [InlineData("""{}""", "not an article id")]
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
}
