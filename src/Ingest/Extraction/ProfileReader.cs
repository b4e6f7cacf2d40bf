using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace Ingest.Extraction;

/// <summary>What a site profile found on a page, and which of its fields found nothing (drift).</summary>
/// <param name="Found">The fields the profile's rules found (title, subtitle, authors, dates, body, canonical URL, section, tags).</param>
/// <param name="PublishedFromUrl">A published time from the URL (an id that encodes it): only a fallback.</param>
/// <param name="Drift">Fields the profile has rules for that matched nothing on this page.</param>
internal sealed record ProfileFindings(Article Found, DateTimeOffset? PublishedFromUrl, ImmutableArray<string> Drift);

/// <summary>Applies a <see cref="SiteProfile"/> to a parsed page. Reads only; the document is not changed.</summary>
internal static partial class ProfileReader
{
    public static ProfileFindings Read(IDocument document, SiteProfile profile, Uri pageUrl)
    {
        var state = AppState(document, profile.AppState);
        var drift = ImmutableArray.CreateBuilder<string>();

        var title = FirstText(document, profile.Title) ?? state?.Title;
        var subtitle = FirstText(document, profile.Subtitle) ?? state?.Subtitle;
        var authors = AuthorsOf(document, profile.Authors);
        if (authors.IsEmpty && state is not null)
        {
            authors = state.Authors;
        }

        var published = DateOf(document, profile.Published) ?? state?.Published;
        var modified = DateOf(document, profile.Modified) ?? state?.Modified;
        var body = BodyOf(document, profile);
        if (body.IsEmpty && state is not null)
        {
            body = state.Body;
        }

        Check(drift, "title", profile.Title.Length > 0 || profile.AppState is not null, title);
        Check(drift, "subtitle", profile.Subtitle.Length > 0, subtitle);
        Check(drift, "authors", profile.Authors.Length > 0, authors.IsEmpty ? null : "x");
        Check(drift, "published", profile.Published.Length > 0 || profile.AppState is not null, published);
        Check(drift, "body", profile.Body.Length > 0 || profile.AppState is not null, body.IsEmpty ? null : "x");

        string? canonical = null;
        DateTimeOffset? fromUrl = null;
        foreach (var rule in profile.UrlRules)
        {
            var match = Regex.Match(pageUrl.AbsoluteUri, rule.Pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            if (!match.Success || !match.Groups["id"].Success)
            {
                continue;
            }

            var id = match.Groups["id"].Value;
            canonical ??= rule.Canonical?.Replace("{id}", id, StringComparison.Ordinal);
            if (fromUrl is null && rule.PublishedFormat is { } format && id.Length >= format.Length
                && DateTime.TryParseExact(id[..format.Length], format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            {
                fromUrl = new DateTimeOffset(local, OffsetOf(rule.Offset));
            }
        }

        var found = new Article
        {
            Title = title,
            Subtitle = subtitle,
            Authors = authors,
            Published = published,
            Modified = modified,
            Body = body,
            CanonicalUrl = canonical,
            Section = state?.Section,
            Tags = state?.Tags ?? [],
        };
        return new ProfileFindings(found, fromUrl, drift.ToImmutable());
    }

    private static void Check(ImmutableArray<string>.Builder drift, string field, bool hasRules, object? found)
    {
        if (hasRules && found is null)
        {
            drift.Add(field);
        }
    }

    private static string? FirstText(IDocument document, ImmutableArray<string> selectors)
    {
        foreach (var selector in selectors)
        {
            if (document.QuerySelector(selector) is { } element && DomText.Of(element) is { Length: > 0 } text)
            {
                return text;
            }
        }

        return null;
    }

    private static ImmutableArray<ArticleAuthor> AuthorsOf(IDocument document, ImmutableArray<string> selectors)
    {
        foreach (var selector in selectors)
        {
            var names = document.QuerySelectorAll(selector).SelectMany(e => AuthorNames.Split(DomText.Of(e)))
                .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            if (names.Count > 0)
            {
                return [.. names.Select(n => new ArticleAuthor(n))];
            }
        }

        return [];
    }

    private static DateTimeOffset? DateOf(IDocument document, ImmutableArray<ProfileDate> dates)
    {
        foreach (var date in dates)
        {
            foreach (var element in document.QuerySelectorAll(date.Selector))
            {
                // A machine-readable datetime attribute carries its own offset.
                if (DateValue.Parse(element.GetAttribute("datetime")) is { } machine)
                {
                    return machine;
                }

                var text = DomText.Of(element);
                var at = date.Label is null ? 0 : text.IndexOf(date.Label, StringComparison.Ordinal);
                if (at < 0)
                {
                    continue;
                }

                var match = LabelledDate().Match(text, at);
                if (match.Success)
                {
                    int Part(string name) => match.Groups[name].Success ? int.Parse(match.Groups[name].Value, CultureInfo.InvariantCulture) : 0;
                    try
                    {
                        return new DateTimeOffset(Part("y"), Part("m"), Part("d"), Part("h"), Part("min"), Part("s"), OffsetOf(date.Offset));
                    }
                    catch (ArgumentOutOfRangeException)
                    {
                        continue;
                    }
                }

                if (DateValue.Parse(text) is { } parsed)
                {
                    return parsed;
                }
            }
        }

        return null;
    }

    private static ImmutableArray<string> BodyOf(IDocument document, SiteProfile profile)
    {
        foreach (var selector in profile.Body)
        {
            if (document.QuerySelector(selector) is not { } container)
            {
                continue;
            }

            // Cleaned on a copy: the generic extractor still sees the page whole (captions, images).
            var copy = (IElement)container.Clone(deep: true);
            foreach (var remove in profile.Remove)
            {
                foreach (var element in copy.QuerySelectorAll(remove).ToList())
                {
                    element.Remove();
                }
            }

            foreach (var end in profile.RemoveFrom)
            {
                if (copy.QuerySelector(end) is { } first)
                {
                    var parent = first.Parent;
                    var siblings = parent?.ChildNodes.SkipWhile(n => !ReferenceEquals(n, first)).ToList() ?? [];
                    foreach (var node in siblings)
                    {
                        parent!.RemoveChild(node);
                    }
                }
            }

            ImmutableArray<string> paragraphs = [.. copy.QuerySelectorAll(profile.Paragraphs).Select(DomText.Of).Where(t => t.Length > 0)];
            if (!paragraphs.IsEmpty)
            {
                return paragraphs;
            }
        }

        return [];
    }

    private static TimeSpan OffsetOf(string? offset)
        => offset is not null && TimeSpan.TryParse(offset.TrimStart('+'), CultureInfo.InvariantCulture, out var value)
            ? (offset.StartsWith('-') ? -value.Duration() : value)
            : TimeSpan.Zero;

    // The article in the page's application state (a JSON script such as __NEXT_DATA__), when the profile names one.
    private static Article? AppState(IDocument document, ProfileAppState? rule)
    {
        if (rule is null || document.QuerySelector(rule.Script) is not { } script)
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(script.TextContent, new JsonDocumentOptions { MaxDepth = 256 });
            var node = json.RootElement;
            foreach (var step in rule.Path.Split('.'))
            {
                if (node.ValueKind != JsonValueKind.Object || !node.TryGetProperty(step, out node))
                {
                    return null;
                }
            }

            if (node.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var offset = OffsetOf(rule.Offset);
            var body = ImmutableArray.CreateBuilder<string>();
            if (node.TryGetProperty(rule.Body, out var bodyNode))
            {
                CollectParagraphs(bodyNode, body, 0);
            }

            return new Article
            {
                Title = Text(node, rule.Title),
                Subtitle = Text(node, rule.Subtitle),
                Authors = [.. Names(node, rule.Authors).SelectMany(AuthorNames.Split).Distinct(StringComparer.OrdinalIgnoreCase).Select(n => new ArticleAuthor(n))],
                Published = Time(node, rule.Published, offset),
                Modified = Time(node, rule.Modified, offset),
                Body = body.ToImmutable(),
                Section = Names(node, rule.Sections).FirstOrDefault(),
                Tags = [.. Names(node, rule.Tags).Distinct(StringComparer.OrdinalIgnoreCase)],
            };
        }
        catch (JsonException)
        {
            return null; // broken app state: the generic path still reads the page.
        }
    }

    private static string? Text(JsonElement node, string property)
        => node.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String && DomText.Normalize(value.GetString() ?? string.Empty) is { Length: > 0 } text
            ? text
            : null;

    private static IEnumerable<string> Names(JsonElement node, string property)
    {
        if (!node.TryGetProperty(property, out var value) || value.ValueKind != JsonValueKind.Array)
        {
            yield break;
        }

        foreach (var item in value.EnumerateArray())
        {
            var name = item.ValueKind == JsonValueKind.String ? item.GetString() : item.ValueKind == JsonValueKind.Object ? Text(item, "name") : null;
            if (!string.IsNullOrWhiteSpace(name))
            {
                yield return DomText.Normalize(name);
            }
        }
    }

    private static DateTimeOffset? Time(JsonElement node, string property, TimeSpan offset)
    {
        if (!node.TryGetProperty(property, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var epochMs) && epochMs is > 0 and < 253_402_300_799_999)
        {
            return DateTimeOffset.FromUnixTimeMilliseconds(epochMs).ToOffset(offset);
        }

        return value.ValueKind == JsonValueKind.String ? DateValue.Parse(value.GetString()) : null;
    }

    private static readonly HashSet<string> ParagraphTypes = new(["p", "paragraph", "h2", "h3", "h4", "blockquote", "li"], StringComparer.OrdinalIgnoreCase);
    private static readonly HashSet<string> SkippedTypes = new(["img", "image", "iframe", "script", "figure", "ad", "video", "embed"], StringComparer.OrdinalIgnoreCase);

    // A body node tree: {type, children[], data|text}. Paragraph-like nodes become one paragraph each.
    private static void CollectParagraphs(JsonElement node, ImmutableArray<string>.Builder paragraphs, int depth)
    {
        if (depth > 64)
        {
            return;
        }

        switch (node.ValueKind)
        {
            case JsonValueKind.String:
                paragraphs.AddRange(node.GetString()!.Split('\n').Select(DomText.Normalize).Where(p => p.Length > 0));
                return;
            case JsonValueKind.Array:
                foreach (var child in node.EnumerateArray())
                {
                    CollectParagraphs(child, paragraphs, depth + 1);
                }

                return;
            case JsonValueKind.Object:
                var type = node.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() ?? string.Empty : string.Empty;
                if (SkippedTypes.Contains(type))
                {
                    return;
                }

                if (ParagraphTypes.Contains(type))
                {
                    var text = DomText.Normalize(InlineText(node, depth));
                    if (text.Length > 0)
                    {
                        paragraphs.Add(text);
                    }

                    return;
                }

                foreach (var container in (string[])["children", "content", "json"])
                {
                    if (node.TryGetProperty(container, out var children))
                    {
                        CollectParagraphs(children, paragraphs, depth + 1);
                    }
                }

                return;
            default:
                return;
        }
    }

    private static string InlineText(JsonElement node, int depth)
    {
        if (depth > 64)
        {
            return string.Empty;
        }

        if (node.ValueKind == JsonValueKind.String)
        {
            return node.GetString() ?? string.Empty;
        }

        if (node.ValueKind == JsonValueKind.Array)
        {
            return string.Concat(node.EnumerateArray().Select(n => InlineText(n, depth + 1)));
        }

        if (node.ValueKind != JsonValueKind.Object)
        {
            return string.Empty;
        }

        foreach (var leaf in (string[])["data", "text", "value"])
        {
            if (node.TryGetProperty(leaf, out var value) && value.ValueKind == JsonValueKind.String)
            {
                return value.GetString() ?? string.Empty;
            }
        }

        return node.TryGetProperty("children", out var children) ? InlineText(children, depth + 1) : string.Empty;
    }

    [GeneratedRegex(@"(?<y>(?:19|20)\d{2})[.\-/](?<m>\d{1,2})[.\-/](?<d>\d{1,2})(?:\.?\s+(?<h>\d{1,2}):(?<min>\d{2})(?::(?<s>\d{2}))?)?", RegexOptions.CultureInvariant)]
    private static partial Regex LabelledDate();
}
