using Ingest.Messages;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;

namespace Ingest.Functions;

/// <summary>Puts host.json's queue settings into the worker's configuration, where the pipeline's handler reads them.</summary>
public static class HostJsonConfiguration
{
    /// <summary>
    /// Adds the <c>extensions.queues</c> values of the host.json at <paramref name="path"/> under
    /// <see cref="QueueSettings.Section"/>, below every other source: an app setting such as
    /// <c>AzureFunctionsJobHost__extensions__queues__maxDequeueCount</c> then wins in the worker as it does in the host.
    /// </summary>
    public static IConfigurationBuilder AddHostJsonQueueSettings(this IConfigurationBuilder builder, string path)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Sources.Insert(0, new MemoryConfigurationSource { InitialData = QueueSettings.ReadHostJson(path) });
        return builder;
    }
}
