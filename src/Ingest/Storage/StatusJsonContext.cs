using System.Text.Json.Serialization;

namespace Ingest.Storage;

/// <summary>The JSON of the status data: activity entries and drift alarms.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ActivityEntry))]
[JsonSerializable(typeof(DriftAlarm))]
internal sealed partial class StatusJsonContext : JsonSerializerContext;
