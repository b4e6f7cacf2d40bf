namespace Ingest.Fetching;

/// <summary>
/// Why a fetch did not give a page, as a kind the run summary, the metrics and the recorded outcome count apart (the
/// reason text says more). Transient kinds are retried by the queue; the others are the page's answer.
/// </summary>
public enum FetchFailure
{
    /// <summary>No failure.</summary>
    None,

    /// <summary>The host name did not resolve (transient).</summary>
    DnsFailure,

    /// <summary>Nothing listens at the address (transient).</summary>
    ConnectionRefused,

    /// <summary>The TLS handshake failed: certificate, protocol (transient).</summary>
    TlsFailure,

    /// <summary>The connection broke: reset, closed mid-body (transient).</summary>
    ConnectionBroken,

    /// <summary>Any other failure to connect (transient).</summary>
    NetworkError,

    /// <summary>No response, or no whole body, in the time allowed (transient).</summary>
    Timeout,

    /// <summary>The site answered 429, 408 or 5xx (transient).</summary>
    HttpStatus,

    /// <summary>Requests to the host are paused after too many failures (transient).</summary>
    HostPaused,

    /// <summary>robots.txt answered a server error, so the site's rules are unknown (transient).</summary>
    RobotsUnavailable,

    /// <summary>robots.txt does not allow the page.</summary>
    RobotsDisallowed,

    /// <summary>The address is one the pipeline never fetches from (private, loopback, metadata…).</summary>
    AddressRefused,

    /// <summary>The host is not a configured source's, or the URL is not http(s).</summary>
    HostNotAllowed,

    /// <summary>404 or 410.</summary>
    Gone,

    /// <summary>A 4xx (other than 404/410/408/429), or a 3xx without a usable Location.</summary>
    HttpRefused,

    /// <summary>The body is larger than the cap.</summary>
    TooLarge,

    /// <summary>Too many redirects, or a redirect loop.</summary>
    Redirects,

    /// <summary>The URL (a redirect's target) is longer than the pipeline takes.</summary>
    UrlTooLong,
}

/// <summary>Names of <see cref="FetchFailure"/> kinds as the summary, metrics and records show them.</summary>
public static class FetchFailures
{
    /// <summary>"dns-failure", "connection-refused", "timeout", "robots-disallowed", …</summary>
    public static string Name(FetchFailure failure) => failure switch
    {
        FetchFailure.None => "none",
        FetchFailure.DnsFailure => "dns-failure",
        FetchFailure.ConnectionRefused => "connection-refused",
        FetchFailure.TlsFailure => "tls-failure",
        FetchFailure.ConnectionBroken => "connection-broken",
        FetchFailure.NetworkError => "network-error",
        FetchFailure.Timeout => "timeout",
        FetchFailure.HttpStatus => "http-status",
        FetchFailure.HostPaused => "host-paused",
        FetchFailure.RobotsUnavailable => "robots-unavailable",
        FetchFailure.RobotsDisallowed => "robots-disallowed",
        FetchFailure.AddressRefused => "address-refused",
        FetchFailure.HostNotAllowed => "host-not-allowed",
        FetchFailure.Gone => "gone",
        FetchFailure.HttpRefused => "http-refused",
        FetchFailure.TooLarge => "too-large",
        FetchFailure.Redirects => "redirects",
        FetchFailure.UrlTooLong => "url-too-long",
        _ => failure.ToString(),
    };

    /// <summary>The name with the HTTP status where it tells more: "http-503", "http-403", else <see cref="Name"/>.</summary>
    public static string Label(FetchFailure failure, int httpStatus) =>
        failure is FetchFailure.HttpStatus or FetchFailure.HttpRefused or FetchFailure.Gone && httpStatus > 0
            ? $"http-{httpStatus}"
            : Name(failure);
}
