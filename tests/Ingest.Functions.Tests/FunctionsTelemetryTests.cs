using Azure.Identity;
using Ingest.Functions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Ingest.Functions.Tests;

public sealed class FunctionsTelemetryTests
{
    private static IConfiguration Settings(string? connectionString, string? authentication = null) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [FunctionsTelemetry.ConnectionStringSetting] = connectionString,
            [FunctionsTelemetry.AuthenticationSetting] = authentication,
        }).Build();

    [Fact]
    public void AddIngestTelemetry_NoConnectionString_RegistersNothing()
    {
        var services = new ServiceCollection();

        services.AddIngestTelemetry(Settings(connectionString: null));

        Assert.Empty(services);
    }

    [Fact]
    public void AddIngestTelemetry_ConnectionString_RegistersMetricsAndTracing()
    {
        var services = new ServiceCollection();

        services.AddIngestTelemetry(Settings(
            "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=http://127.0.0.1:9/",
            "ClientId=00000000-1111-2222-3333-444444444444;Authorization=AAD"));

        Assert.Contains(services, d => d.ServiceType == typeof(MeterProvider));
        Assert.Contains(services, d => d.ServiceType == typeof(TracerProvider));
    }

    [Theory]
    [InlineData("ClientId=00000000-1111-2222-3333-444444444444;Authorization=AAD")]
    [InlineData("Authorization=AAD;ClientId=00000000-1111-2222-3333-444444444444;")]
    [InlineData("Authorization=aad")]
    public void CredentialFrom_EntraAuthenticationString_IsAManagedIdentity(string value)
    {
        Assert.IsType<ManagedIdentityCredential>(FunctionsTelemetry.CredentialFrom(value));
    }

    [Fact]
    public void CredentialFrom_Empty_IsNull()
    {
        Assert.Null(FunctionsTelemetry.CredentialFrom(" "));
    }

    [Theory]
    [InlineData("ClientId=00000000-1111-2222-3333-444444444444")]
    [InlineData("ClientId=not-a-guid;Authorization=AAD")]
    [InlineData("Authorization")]
    public void CredentialFrom_Malformed_ThrowsNamingTheSetting(string value)
    {
        var ex = Assert.Throws<InvalidOperationException>(() => FunctionsTelemetry.CredentialFrom(value));

        Assert.Contains("APPLICATIONINSIGHTS_AUTHENTICATION_STRING", ex.Message, StringComparison.Ordinal);
    }
}
