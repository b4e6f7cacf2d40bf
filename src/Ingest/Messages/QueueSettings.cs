using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Json;

namespace Ingest.Messages;

/// <summary>
/// How the queue triggers take messages: the one place for it is <c>host.json</c>'s <c>extensions.queues</c>, which
/// the Functions host reads for Azure. Both hosts load that file into configuration under <see cref="Section"/> (at
/// the lowest precedence, so an app setting such as <c>AzureFunctionsJobHost__extensions__queues__maxDequeueCount</c>
/// overrides it as it overrides host.json in Azure): the handler counts attempts against the same number the host
/// poisons at, and the local host applies the same values to the WebJobs queue listener.
/// </summary>
public sealed class QueueSettings
{
    /// <summary>The configuration section: host.json's <c>extensions:queues</c>, as Azure Functions names it in app settings.</summary>
    public const string Section = "AzureFunctionsJobHost:extensions:queues";

    /// <summary>The message encoding; producers send Base64 (<see cref="IngestQueues.Encoding"/>).</summary>
    [RegularExpression("(?i)^base64$", ErrorMessage = Section + ":messageEncoding must be 'base64', the encoding every producer here sends.")]
    public string MessageEncoding { get; set; } = "base64";

    /// <summary>Attempts per message before the host moves it to the poison queue.</summary>
    [Range(1, 100, ErrorMessage = Section + ":maxDequeueCount must be between {1} and {2}.")]
    public int MaxDequeueCount { get; set; } = 5;

    /// <summary>Messages taken at once per instance.</summary>
    [Range(1, 32, ErrorMessage = Section + ":batchSize must be between {1} and {2}.")]
    public int BatchSize { get; set; } = 4;

    /// <summary>Fewer messages in hand than this and the next batch is fetched.</summary>
    [Range(0, 64, ErrorMessage = Section + ":newBatchThreshold must be between {1} and {2}.")]
    public int NewBatchThreshold { get; set; } = 2;

    /// <summary>The wait before a failed message is tried again.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "07:00:00:00", ErrorMessage = Section + ":visibilityTimeout must be between {1} and {2}.")]
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest pause between polls of an empty queue.</summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "01:00:00", ErrorMessage = Section + ":maxPollingInterval must be between {1} and {2}.")]
    public TimeSpan MaxPollingInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The <c>extensions.queues</c> values of a host.json file as configuration entries under <see cref="Section"/>;
    /// none when the file has no such section. Throws <see cref="InvalidDataException"/> naming the file when it is not JSON.
    /// </summary>
    public static IReadOnlyDictionary<string, string?> ReadHostJson(string path)
    {
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path} is not valid JSON: {ex.Message}", ex);
        }

        using var _ = json;
        var entries = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (json.RootElement.TryGetProperty("extensions", out var extensions) && extensions.TryGetProperty("queues", out var queues))
        {
            foreach (var setting in queues.EnumerateObject())
            {
                if (setting.Value.ValueKind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False)
                {
                    entries[Section + ":" + setting.Name] = setting.Value.ValueKind == JsonValueKind.String
                        ? setting.Value.GetString()
                        : setting.Value.GetRawText().ToLowerInvariant();
                }
            }
        }

        return entries;
    }

    /// <summary>host.json's file name, beside each host's assembly.</summary>
    public static string HostJsonPath => Path.Combine(AppContext.BaseDirectory, "host.json");

    /// <summary>The settings' values as host.json writes them, for messages.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"messageEncoding {MessageEncoding}, maxDequeueCount {MaxDequeueCount}, batchSize {BatchSize}, newBatchThreshold {NewBatchThreshold}, visibilityTimeout {VisibilityTimeout}, maxPollingInterval {MaxPollingInterval}");
}
