using System.Net.Sockets;
using System.Security.Authentication;
using Ingest.Fetching;

namespace Ingest.Tests.Fetching;

public sealed class NetworkFailureTests
{
    public static TheoryData<HttpRequestException, string, FetchFailure> Cases => new()
    {
        { new HttpRequestException(HttpRequestError.NameResolutionError, "Name or service not known (nosuch.example:443)", new SocketException((int)SocketError.HostNotFound)), "DNS failure: ", FetchFailure.DnsFailure },
        { new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (127.0.0.1:9)", new SocketException((int)SocketError.ConnectionRefused)), "connection refused: ", FetchFailure.ConnectionRefused },
        { new HttpRequestException(HttpRequestError.SecureConnectionError, "The SSL connection could not be established", new AuthenticationException("certificate rejected")), "TLS failure: ", FetchFailure.TlsFailure },
        { new HttpRequestException("The SSL connection could not be established", new AuthenticationException("bad certificate")), "TLS failure: ", FetchFailure.TlsFailure },
        { new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely."), "connection broken: ", FetchFailure.ConnectionBroken },
        { new HttpRequestException("Error while copying content", new IOException("reset", new SocketException((int)SocketError.ConnectionReset))), "connection broken: ", FetchFailure.ConnectionBroken },
        { new HttpRequestException("something else"), "network error: ", FetchFailure.NetworkError },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Describe_EachFailure_HasItsOwnNameAndKind(HttpRequestException exception, string expected, FetchFailure kind)
    {
        var described = NetworkFailure.Describe(exception);

        Assert.StartsWith(expected, described, StringComparison.Ordinal);
        Assert.Contains(exception.Message, described, StringComparison.Ordinal);
        Assert.Equal(kind, NetworkFailure.KindOf(exception));
    }

    [Fact]
    public async Task Fetch_ClosedLoopbackPort_IsConnectionRefusedOfItsOwnKind()
    {
        // A port that was just free: nothing listens there.
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var client = new HttpClient();

        var ex = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(new Uri($"http://127.0.0.1:{port}/"), TestContext.Current.CancellationToken));

        Assert.Equal(FetchFailure.ConnectionRefused, NetworkFailure.KindOf(ex));
    }
}
