using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ingest.Extraction;

/// <summary>
/// A declarative description of one site's pages (a JSON file under Extraction/Profiles), chosen by host. Selectors say
/// where fields are; when they match nothing the generic extractor still makes the record and the drift is reported.
/// </summary>
public sealed record SiteProfile
{
    /// <summary>Short name, used in drift reports.</summary>
    public required string Name { get; init; }

    /// <summary>Hosts the profile applies to (exact, or a parent domain of the page host).</summary>
    public required ImmutableArray<string> Hosts { get; init; }

    /// <summary>CSS selectors for the headline, first match wins.</summary>
    public ImmutableArray<string> Title { get; init; } = [];

    /// <summary>CSS selectors for the subtitle.</summary>
    public ImmutableArray<string> Subtitle { get; init; } = [];

    /// <summary>CSS selectors whose texts are author bylines.</summary>
    public ImmutableArray<string> Authors { get; init; } = [];

    /// <summary>Elements holding the published date, with an optional label and the site's UTC offset.</summary>
    public ImmutableArray<ProfileDate> Published { get; init; } = [];

    /// <summary>Elements holding the modified date.</summary>
    public ImmutableArray<ProfileDate> Modified { get; init; } = [];

    /// <summary>CSS selectors of the body container, first match wins.</summary>
    public ImmutableArray<string> Body { get; init; } = [];

    /// <summary>The paragraphs inside the body container.</summary>
    public string Paragraphs { get; init; } = "p";

    /// <summary>Elements to remove from the page before anything is read.</summary>
    public ImmutableArray<string> Remove { get; init; } = [];

    /// <summary>Elements that end the body: each is removed with everything after it in its parent.</summary>
    public ImmutableArray<string> RemoveFrom { get; init; } = [];

    /// <summary>URL rules: a regex over the page URL with an <c>id</c> group, and what to make of it.</summary>
    public ImmutableArray<ProfileUrlRule> UrlRules { get; init; } = [];

    /// <summary>Embedded app state (Next.js <c>__NEXT_DATA__</c>) holding the article.</summary>
    public ProfileAppState? AppState { get; init; }

    /// <summary>True when <paramref name="host"/> is one of <see cref="Hosts"/> or a subdomain of one.</summary>
    public bool Matches(string host)
        => Hosts.Any(h => host.Equals(h, StringComparison.OrdinalIgnoreCase) || host.EndsWith("." + h, StringComparison.OrdinalIgnoreCase));
}

/// <summary>A date element: its selector, the label that must precede the date in its text (e.g. 입력), and the offset.</summary>
/// <param name="Selector">CSS selector.</param>
/// <param name="Label">Text the element must contain before the date; null for any.</param>
/// <param name="Offset">The site's UTC offset for dates written without one, e.g. "+09:00".</param>
public sealed record ProfileDate(string Selector, string? Label = null, string? Offset = null);

/// <summary>What a URL says: a regex with an <c>id</c> group; a canonical URL template with <c>{id}</c>; a published time in the id.</summary>
/// <param name="Pattern">Regex over the absolute URL, with a named group <c>id</c>.</param>
/// <param name="Canonical">Template of the canonical URL, <c>{id}</c> replaced.</param>
/// <param name="PublishedFormat">Format of the id's leading characters as a time (e.g. yyyyMMddHHmmss), as a fallback published time.</param>
/// <param name="Offset">The offset that time is in, e.g. "+09:00".</param>
public sealed record ProfileUrlRule(string Pattern, string? Canonical = null, string? PublishedFormat = null, string? Offset = null);

/// <summary>
/// An article in embedded app state: the script selector, a dotted path to the article object, and the property
/// names of its fields. Dates may be ISO strings or epoch milliseconds; the body may be text or a node tree.
/// </summary>
public sealed record ProfileAppState
{
    /// <summary>The script element, e.g. <c>script#__NEXT_DATA__</c>.</summary>
    public required string Script { get; init; }

    /// <summary>Dotted path to the article, e.g. <c>props.pageProps.payload.data.article</c>.</summary>
    public required string Path { get; init; }

    /// <summary>Headline property.</summary>
    public string Title { get; init; } = "headline";

    /// <summary>Subtitle property.</summary>
    public string Subtitle { get; init; } = "subHeadline";

    /// <summary>Body property: text, or a tree of nodes with <c>type</c>, <c>children</c> and <c>text</c>/<c>data</c>.</summary>
    public string Body { get; init; } = "body";

    /// <summary>Published-time property.</summary>
    public string Published { get; init; } = "publishedDate";

    /// <summary>Modified-time property.</summary>
    public string Modified { get; init; } = "updatedDate";

    /// <summary>Authors array property (objects with <c>name</c>, or strings).</summary>
    public string Authors { get; init; } = "authors";

    /// <summary>Topics array property (objects with <c>name</c>, or strings): the tags.</summary>
    public string Tags { get; init; } = "topics";

    /// <summary>Sections array property: the first is the section.</summary>
    public string Sections { get; init; } = "sections";

    /// <summary>The offset for epoch times (they are instants; the site's own zone is nicer to read).</summary>
    public string? Offset { get; init; }
}

/// <summary>The site profiles shipped with the library, read from the JSON files beside it.</summary>
public static class SiteProfiles
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        TypeInfoResolver = SiteProfileJsonContext.Default,
    };

    /// <summary>Where the shipped profiles are copied with the library.</summary>
    public static string DefaultFolder => System.IO.Path.Combine(AppContext.BaseDirectory, "Extraction", "Profiles");

    /// <summary>Every <c>*.json</c> profile in <paramref name="folder"/>; none when the folder does not exist.</summary>
    public static ImmutableArray<SiteProfile> Load(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return [];
        }

        return [.. Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal).Select(Parse)];
    }

    /// <summary>Reads one profile file; a bad file fails with its name, at start.</summary>
    public static SiteProfile Parse(string file)
    {
        try
        {
            var profile = JsonSerializer.Deserialize<SiteProfile>(File.ReadAllText(file), Options)
                ?? throw new InvalidOperationException($"site profile '{file}' is empty");

            // Lists a file leaves out are empty, not default.
            static ImmutableArray<T> Fix<T>(ImmutableArray<T> list) => list.IsDefault ? [] : list;
            var read = profile with
            {
                // Left out, it is "p" (the serializer does not keep the property's default when the file omits it).
                Paragraphs = string.IsNullOrEmpty(profile.Paragraphs) ? "p" : profile.Paragraphs,
                Hosts = Fix(profile.Hosts),
                Title = Fix(profile.Title),
                Subtitle = Fix(profile.Subtitle),
                Authors = Fix(profile.Authors),
                Published = Fix(profile.Published),
                Modified = Fix(profile.Modified),
                Body = Fix(profile.Body),
                Remove = Fix(profile.Remove),
                RemoveFrom = Fix(profile.RemoveFrom),
                UrlRules = Fix(profile.UrlRules),
            };
            return SiteProfileCheck.ProblemsOf(read) is { Count: > 0 } problems
                ? throw new InvalidOperationException($"site profile '{file}' is invalid: {string.Join("; ", problems)}")
                : read;
        }
        catch (JsonException ex)
        {
            // The serializer's message names the JSON path of the problem ("Path: $.hosts[0]").
            throw new InvalidOperationException($"site profile '{file}' is invalid: {ex.Message}", ex);
        }
    }
}

[JsonSerializable(typeof(SiteProfile))]
internal sealed partial class SiteProfileJsonContext : JsonSerializerContext;
