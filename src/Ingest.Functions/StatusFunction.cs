using System.Net;
using System.Web;
using Ingest.Status;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace Ingest.Functions;

/// <summary>
/// The status page over HTTP (GET <c>/api/status</c>, <c>/api/status/articles/{id}</c>, <c>…/history</c>), behind a
/// function key. The page is the library's, the same that <c>ingest serve</c> shows; its links keep the key.
/// </summary>
public sealed class StatusFunction(StatusSite site)
{
    /// <summary>Answers a GET of the status site.</summary>
    [Function("status")]
    public async Task<HttpResponseData> Status(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "status/{*path}")] HttpRequestData request,
        string? path,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var key = HttpUtility.ParseQueryString(request.Url.Query)["code"];
        var links = new StatusLinks("/api/status", key is null ? "" : "?code=" + Uri.EscapeDataString(key));
        var answer = await site.GetAsync(path, links, cancellationToken);
        var response = request.CreateResponse((HttpStatusCode)answer.Status);
        response.Headers.Add("Content-Type", answer.ContentType);
        response.Headers.Add("Cache-Control", "no-store");
        await response.WriteStringAsync(answer.Body, cancellationToken);
        return response;
    }
}
