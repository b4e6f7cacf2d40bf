using System.Text.Json;
using System.Text.Json.Serialization;
using Ingest.Records;

namespace Ingest.Messages;

/// <summary>Source-generated JSON for every type that crosses a process boundary: queue messages and stored records.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    WriteIndented = false,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(IngestRequest))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(ReparseRequest))]
[JsonSerializable(typeof(ArticleRecord))]
[JsonSerializable(typeof(Ingest.Extraction.ExtractedArticle))]
public sealed partial class IngestJsonContext : JsonSerializerContext;
