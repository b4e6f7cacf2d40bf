using Azure;
using Ingest.Fetching;
using Ingest.Messages;
using Ingest.Pipeline;
using Ingest.Storage;

namespace Ingest.Tests.Pipeline;

public sealed class TriggerHandlerTests
{
    public static TheoryData<Exception> Transient => new()
    {
        new TransientFetchException(new Uri("https://example.org/a"), "HTTP 503 Service Unavailable", FetchFailure.HttpStatus, httpStatus: 503),
        new HttpRequestException("connection reset"),
        new RequestFailedException(503, "server busy"),
        new RecordConflictException("example.org_0123456789abcdef0123456789abcdef"),
        new IOException("broken pipe"),
        new TimeoutException("slow"),
        new AggregateException(new RequestFailedException(500, "a"), new HttpRequestException("b")),
    };

    public static TheoryData<Exception> NotTransient => new()
    {
        new InvalidDataException("a record names a snapshot that is not stored"),
        new NullReferenceException(),
        new InvalidOperationException("bug"),
        new AggregateException(new RequestFailedException(500, "a"), new InvalidOperationException("bug")),
        new AggregateException(),
    };

    [Theory]
    [MemberData(nameof(Transient))]
    public void IsTransient_SiteNetworkAndStorageFaults_AreRetried(Exception exception) =>
        Assert.True(TriggerHandler.IsTransient(exception));

    [Theory]
    [MemberData(nameof(NotTransient))]
    public void IsTransient_AnythingElse_IsABug(Exception exception) =>
        Assert.False(TriggerHandler.IsTransient(exception));

    [Fact]
    public void FailureRecordsStart_LongMultiLineBody_IsOneLineOf200Characters()
    {
        var start = FailureRecords.Start(new string('a', 150) + "\n" + new string('b', 300));

        Assert.Equal(201, start.Length);
        Assert.DoesNotContain('\n', start);
        Assert.EndsWith("…", start, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadIngestRequest_BodyOverTheLimit_IsRefusedBeforeParsing()
    {
        var body = "{\"url\":\"https://example.org/" + new string('x', MessageReader.MaxBodyLength) + "\",\"source\":\"s\"}";

        var ex = Assert.Throws<InvalidMessageException>(() => MessageReader.ReadIngestRequest(body));

        Assert.Contains("over the limit of 8,192", ex.Message, StringComparison.Ordinal);
        Assert.Null(ex.InnerException);
    }
}
