using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using Ingest.Extraction;

namespace Ingest.Records;

/// <summary>
/// Source-generated JSON for the stored records and for the article content whose JSON the content hash is taken of.
/// The options are the archive's format: changing them changes every content hash.
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    WriteIndented = false,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(ArticleRecord))]
[JsonSerializable(typeof(Article))]
[JsonSerializable(typeof(RecordProvenance))]
[JsonSerializable(typeof(ImmutableSortedDictionary<string, string>))]
[JsonSerializable(typeof(ImmutableSortedDictionary<string, double>))]
public sealed partial class RecordJsonContext : JsonSerializerContext;
