using System.Text.Json;

namespace Ingest.Records;

/// <summary>One field of an article that differs between two revisions, as JSON text of each side.</summary>
/// <param name="Field">The field's JSON name ("title", "authors", "body", …).</param>
/// <param name="Before">Its value in the earlier revision (JSON), or null when absent.</param>
/// <param name="After">Its value in the later revision (JSON), or null when absent.</param>
public sealed record FieldChange(string Field, string? Before, string? After);

/// <summary>
/// Which fields of the extracted article changed between two revisions of a record: compared on the record's own JSON
/// form (the one stored and exported), field by field, so a field added to the article later is compared too.
/// </summary>
public static class RecordDiff
{
    /// <summary>The article fields whose JSON differs, in the order the later revision writes them.</summary>
    public static IReadOnlyList<FieldChange> Changes(ArticleRecord before, ArticleRecord after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var a = Fields(before);
        var b = Fields(after);
        var names = b.Keys.Concat(a.Keys.Where(k => !b.ContainsKey(k))).ToList();
        return [.. names
            .Where(n => a.GetValueOrDefault(n) != b.GetValueOrDefault(n))
            .Select(n => new FieldChange(n, a.GetValueOrDefault(n), b.GetValueOrDefault(n)))];
    }

    private static Dictionary<string, string> Fields(ArticleRecord record)
    {
        using var json = JsonDocument.Parse(JsonSerializer.SerializeToUtf8Bytes(record.Article, RecordJsonContext.Default.Article));
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in json.RootElement.EnumerateObject())
        {
            if (property.Value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined))
            {
                fields[property.Name] = property.Value.GetRawText();
            }
        }

        return fields;
    }
}
