using Azure.Core;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Ingest.Telemetry;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace Ingest.Functions;

/// <summary>
/// OpenTelemetry for the worker, exported to Application Insights: the worker's traces and logs, and the pipeline's
/// "Ingest" meter. Registered only when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set, so a local or test
/// run exports nothing. The component has local auth off; the exporter signs in with the identity named by
/// <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c> (<c>ClientId=&lt;id&gt;;Authorization=AAD</c>), the setting the
/// Functions host reads for its own telemetry.
/// </summary>
public static class FunctionsTelemetry
{
    /// <summary>The Application Insights connection string setting.</summary>
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>The Entra ID authentication setting.</summary>
    public const string AuthenticationSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    /// <summary>Adds OpenTelemetry with the Azure Monitor exporter when a connection string is configured.</summary>
    public static IServiceCollection AddIngestTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var connectionString = configuration[ConnectionStringSetting];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return services;
        }

        var credential = CredentialFrom(configuration[AuthenticationSetting]);
        services.AddOpenTelemetry()
            .UseFunctionsWorkerDefaults()
            .WithMetrics(metrics => metrics.AddMeter(IngestMetrics.MeterName))
            .UseAzureMonitorExporter(options =>
            {
                options.ConnectionString = connectionString;
                options.Credential = credential;
            });
        return services;
    }

    /// <summary>
    /// The credential an authentication string names: <c>Authorization=AAD</c> with <c>ClientId</c> for a
    /// user-assigned identity, without it the system-assigned one; null when the setting is empty (key-based
    /// ingestion, for a component with local auth on).
    /// </summary>
    public static TokenCredential? CredentialFrom(string? authenticationString)
    {
        if (string.IsNullOrWhiteSpace(authenticationString))
        {
            return null;
        }

        var parts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in authenticationString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw Malformed($"'{part}' is not key=value");
            }

            parts[part[..equals].Trim()] = part[(equals + 1)..].Trim();
        }

        if (!parts.TryGetValue("Authorization", out var authorization) || !string.Equals(authorization, "AAD", StringComparison.OrdinalIgnoreCase))
        {
            throw Malformed("it needs Authorization=AAD");
        }

        if (!parts.TryGetValue("ClientId", out var clientId))
        {
            return new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);
        }

        return Guid.TryParse(clientId, out _)
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : throw Malformed($"ClientId '{clientId}' is not a GUID");
    }

    private static InvalidOperationException Malformed(string problem) =>
        new($"Setting '{AuthenticationSetting}' is malformed: {problem} (expected 'ClientId=<identity client id>;Authorization=AAD').");
}
