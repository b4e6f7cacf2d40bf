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
        var socket = Find<SocketException>(exception)?.SocketErrorCode;
        var kind = exception.HttpRequestError switch
        {
            HttpRequestError.NameResolutionError => "DNS failure",
            HttpRequestError.SecureConnectionError => "TLS failure",
            _ when socket is SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => "DNS failure",
            _ when socket is SocketError.ConnectionRefused => "connection refused",
            _ when Find<AuthenticationException>(exception) is not null => "TLS failure",
            HttpRequestError.ResponseEnded => "connection broken",
            _ when socket is SocketError.ConnectionReset or SocketError.ConnectionAborted => "connection broken",
            HttpRequestError.ConnectionError => "connection failed",
            _ => "network error",
        };
        return $"{kind}: {detail}";
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
