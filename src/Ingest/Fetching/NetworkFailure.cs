using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;

namespace Ingest.Fetching;

/// <summary>
/// Names what went wrong on the network, so a DNS failure, a refused connection, a TLS failure and a broken
/// connection read differently in logs, outcomes and the command line instead of all being "network error".
/// </summary>
public static class NetworkFailure
{
    /// <summary>"DNS failure: …", "connection refused: …", "TLS failure: …", "connection broken: …" or "network error: …".</summary>
    public static string Describe(HttpRequestException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var detail = exception.InnerException is { } inner && inner.Message != exception.Message ? $"{exception.Message} ({inner.Message})" : exception.Message;
        var kind = KindOf(exception);
        var name = kind switch
        {
            FetchFailure.DnsFailure => "DNS failure",
            FetchFailure.TlsFailure => "TLS failure",
            FetchFailure.ConnectionRefused => "connection refused",
            FetchFailure.ConnectionBroken => "connection broken",
            _ when exception.HttpRequestError == HttpRequestError.ConnectionError => "connection failed",
            _ => "network error",
        };
        return $"{name}: {detail}";
    }

    /// <summary>The kind of a network failure.</summary>
    public static FetchFailure KindOf(HttpRequestException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var socket = Find<SocketException>(exception)?.SocketErrorCode;
        return exception.HttpRequestError switch
        {
            HttpRequestError.NameResolutionError => FetchFailure.DnsFailure,
            HttpRequestError.SecureConnectionError => FetchFailure.TlsFailure,
            _ when socket is SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => FetchFailure.DnsFailure,
            _ when socket is SocketError.ConnectionRefused => FetchFailure.ConnectionRefused,
            _ when Find<AuthenticationException>(exception) is not null => FetchFailure.TlsFailure,
            HttpRequestError.ResponseEnded => FetchFailure.ConnectionBroken,
            _ when socket is SocketError.ConnectionReset or SocketError.ConnectionAborted => FetchFailure.ConnectionBroken,
            _ => FetchFailure.NetworkError,
        };
    }

    private static T? Find<T>(Exception exception)
        where T : Exception
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is T found)
            {
                return found;
            }
        }

        return null;
    }
}
