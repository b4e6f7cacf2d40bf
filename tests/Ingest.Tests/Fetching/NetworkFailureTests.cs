using System.Net.Sockets;
using System.Security.Authentication;
using Ingest.Fetching;

namespace Ingest.Tests.Fetching;

public sealed class NetworkFailureTests
{
    public static TheoryData<HttpRequestException, string> Cases => new()
    {
        { new HttpRequestException(HttpRequestError.NameResolutionError, "Name or service not known (nosuch.example:443)", new SocketException((int)SocketError.HostNotFound)), "DNS failure: " },
        { new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (127.0.0.1:9)", new SocketException((int)SocketError.ConnectionRefused)), "connection refused: " },
        { new HttpRequestException(HttpRequestError.SecureConnectionError, "The SSL connection could not be established", new AuthenticationException("certificate rejected")), "TLS failure: " },
        { new HttpRequestException("The SSL connection could not be established", new AuthenticationException("bad certificate")), "TLS failure: " },
        { new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely."), "connection broken: " },
        { new HttpRequestException("Error while copying content", new IOException("reset", new SocketException((int)SocketError.ConnectionReset))), "connection broken: " },
        { new HttpRequestException("something else"), "network error: " },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Describe_EachFailure_HasItsOwnName(HttpRequestException exception, string expected)
    {
        var described = NetworkFailure.Describe(exception);

        Assert.StartsWith(expected, described, StringComparison.Ordinal);
        Assert.Contains(exception.Message, described, StringComparison.Ordinal);
    }
}
