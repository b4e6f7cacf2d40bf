using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ingest.Messages;

/// <summary>Source-generated JSON for the queue messages (the stored records have their own, <see cref="Records.RecordJsonContext"/>).</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    WriteIndented = false,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(IngestRequest))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(ReparseRequest))]
public sealed partial class IngestJsonContext : JsonSerializerContext;
