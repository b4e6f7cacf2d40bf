using System.Collections.Immutable;
using System.Text.Json;
using AngleSharp.Css.Dom;
using AngleSharp.Dom;

namespace Ingest.Extraction;

/// <summary>
/// Reads every <c>application/ld+json</c> block of a page (not only the first: on SCMP the first is the Organization),
/// looks through <c>@graph</c>s and arrays, and returns the article node. A block that is not valid JSON is skipped.
/// </summary>
internal static class JsonLdReader
{
    private static readonly JsonDocumentOptions Options = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
        MaxDepth = 64,
    };

    /// <summary>The best article node of the page, or null when there is none.</summary>
    public static JsonLdArticle? Read(PageElements page)
    {
        JsonLdArticle? best = null;
        // Remix's meta descriptor {"script:ld+json": {...}}, written out by a renderer that does not know the key, becomes
        // <meta name="script:ld+json" content="{...}">: the same block, in an attribute.
        // script[type], meta[name][content]
        foreach (var script in page.Matching(static e => e.LocalName switch
        {
            "script" => e.HasAttribute("type"),
            "meta" => e.HasAttribute("name") && e.HasAttribute("content"),
            _ => false,
        }))
        {
            string json;
            if (script.LocalName == "meta")
            {
                if (!string.Equals(script.GetAttribute("name")?.Trim(), "script:ld+json", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                json = script.GetAttribute("content") ?? string.Empty;
            }
            else if (script.GetAttribute("type") is { } type && type.Trim().StartsWith("application/ld+json", StringComparison.OrdinalIgnoreCase))
            {
                json = script.TextContent;
            }
            else
            {
                continue;
            }

            foreach (var article in ReadBlock(json))
            {
                // Several article nodes (a page with "related" teasers): the first wins, unless a later one has the body.
                // A WebPage node only stands in when there is no article node at all.
                if (best is null || (best.Type == WebPageType && article.Type != WebPageType)
                    || (article.Type != WebPageType && best.ArticleBody is null && article.ArticleBody is not null))
                {
                    best = article;
                }
            }
        }

        return best;
    }

    /// <summary>The article nodes of one JSON-LD block; none when it is not valid JSON.</summary>
    public static IReadOnlyList<JsonLdArticle> ReadBlock(string json)
    {
        var found = new List<JsonLdArticle>();
        JsonDocument parsed;
        try
        {
            parsed = JsonDocument.Parse(StripCData(json), Options);
        }
        catch (JsonException)
        {
            return found;
        }

        using (parsed)
        {
            var nodes = IndexNodes(parsed.RootElement);
            var stack = new Stack<(JsonElement Element, int Depth)>();
            stack.Push((parsed.RootElement, 0));
            while (stack.Count > 0)
            {
                var (element, depth) = stack.Pop();
                if (depth > 6)
                {
                    continue;
                }

                if (element.ValueKind == JsonValueKind.Array)
                {
                    foreach (var item in element.EnumerateArray().Reverse())
                    {
                        stack.Push((item, depth + 1));
                    }

                    continue;
                }

                if (element.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                var articleType = ArticleType(element);
                if (articleType is not null)
                {
                    found.Add(ToArticle(element, articleType, nodes));
                }

                foreach (var container in (string[])["@graph", "mainEntity", "mainEntityOfPage"])
                {
                    if (element.TryGetProperty(container, out var inner) && inner.ValueKind is JsonValueKind.Array or JsonValueKind.Object)
                    {
                        stack.Push((inner, depth + 1));
                    }
                }
            }
        }

        return found;
    }

    private static string StripCData(string json)
    {
        var trimmed = json.Trim();
        if (trimmed.StartsWith("<![CDATA[", StringComparison.Ordinal) && trimmed.EndsWith("]]>", StringComparison.Ordinal))
        {
            trimmed = trimmed[9..^3];
        }

        // Some CMSs write "//<![CDATA[" ... "//]]>": comments are skipped, but the markers would stay.
        return trimmed.Replace("//<![CDATA[", string.Empty, StringComparison.Ordinal).Replace("//]]>", string.Empty, StringComparison.Ordinal);
    }

    private static string? ArticleType(JsonElement node)
    {
        if (!node.TryGetProperty("@type", out var type))
        {
            return null;
        }

        IEnumerable<string?> types = type.ValueKind switch
        {
            JsonValueKind.String => [type.GetString()],
            JsonValueKind.Array => type.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()),
            _ => [],
        };

        var list = types.ToList();
        return list.FirstOrDefault(t => t is not null
                && (t.EndsWith("Article", StringComparison.Ordinal) || t is "BlogPosting" or "LiveBlogPosting" or "Report"))
            ?? (list.Any(t => t is "WebPage" or "ItemPage") ? WebPageType : null);
    }

    // Yoast and similar plugins put datePublished and the author on the WebPage node of their @graph and may have no
    // article node; such a node lends its dates and authors, not its name (an SEO title) or a body.
    private const string WebPageType = "WebPage";

    private static JsonLdArticle ToArticle(JsonElement node, string type, Dictionary<string, JsonElement> nodes) => type == WebPageType
        ? new()
        {
            Type = type,
            Authors = Authors(node, nodes, organizations: false),
            OrganizationAuthors = Authors(node, nodes, organizations: true),
            Published = DateValue.Parse(Text(node, "datePublished")),
            Modified = DateValue.Parse(Text(node, "dateModified")),
            Language = LanguageOf(node),
        }
        : new()
    {
        Type = type,
        Headline = Text(node, "headline") ?? Text(node, "name"),
        AlternativeHeadline = Text(node, "alternativeHeadline"),
        Description = Text(node, "description"),
        Authors = Authors(node, nodes, organizations: false),
        OrganizationAuthors = Authors(node, nodes, organizations: true),
        Published = DateValue.Parse(Text(node, "datePublished")),
        Modified = DateValue.Parse(Text(node, "dateModified")),
        Language = LanguageOf(node),
        Genre = Texts(node, "genre").FirstOrDefault(),
        IsAccessibleForFree = Flag(node, "isAccessibleForFree"),
        Section = Texts(node, "articleSection").FirstOrDefault(),
        Keywords = Keywords(node),
        Images = Urls(node, "image"),
        ArticleBody = RawText(node, "articleBody"),
        PublisherName = node.TryGetProperty("publisher", out var publisher) ? NameOf(publisher) : null,
        Url = Urls(node, "url").FirstOrDefault() ?? Urls(node, "mainEntityOfPage").FirstOrDefault(),
    };

    private static string? Text(JsonElement node, string property)
        => node.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? Clean(value.GetString()) : null;

    // The body keeps its line breaks: they are the only paragraph boundaries it has.
    private static string? RawText(JsonElement node, string property)
        => node.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString())
            ? System.Net.WebUtility.HtmlDecode(value.GetString())
            : null;

    private static IEnumerable<string> Texts(JsonElement node, string property)
    {
        if (!node.TryGetProperty(property, out var value))
        {
            return [];
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => Clean(value.GetString()) is { } one ? [one] : [],
            JsonValueKind.Array => value.EnumerateArray()
                .Where(v => v.ValueKind == JsonValueKind.String)
                .Select(v => Clean(v.GetString()))
                .OfType<string>()
                .ToList(),
            _ => [],
        };
    }

    private static string? Clean(string? value)
    {
        if (value is null)
        {
            return null;
        }

        // JSON-LD values are often HTML-escaped a second time by the CMS.
        var text = DomText.Normalize(System.Net.WebUtility.HtmlDecode(value));
        return text.Length == 0 ? null : text;
    }

    private static bool? Flag(JsonElement node, string property)
    {
        if (!node.TryGetProperty(property, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.String when bool.TryParse(value.GetString()?.Trim(), out var parsed) => parsed,
            _ => null,
        };
    }

    private static string? LanguageOf(JsonElement node)
    {
        if (!node.TryGetProperty("inLanguage", out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => Clean(value.GetString()),
            JsonValueKind.Object => Text(value, "alternateName") ?? Text(value, "name"),
            _ => null,
        };
    }

    private static ImmutableArray<string> Keywords(JsonElement node)
    {
        var keywords = Texts(node, "keywords").ToList();
        return keywords.Count == 1
            ? [.. keywords[0].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]
            : [.. keywords];
    }

    // Authors that are people, or (organizations: true) those that are organizations: a byline elsewhere on the page
    // usually names the person behind an organization author. A {"@id": …} reference is looked up in the block.
    private static ImmutableArray<ArticleAuthor> Authors(JsonElement node, Dictionary<string, JsonElement> nodes, bool organizations)
    {
        if (!node.TryGetProperty("author", out var author) && !node.TryGetProperty("creator", out author))
        {
            return [];
        }

        var items = author.ValueKind == JsonValueKind.Array ? author.EnumerateArray().ToList() : [author];
        var authors = new List<ArticleAuthor>();
        foreach (var listed in items)
        {
            var item = listed;
            if (item.ValueKind == JsonValueKind.Object && !item.TryGetProperty("name", out _) && Text(item, "@id") is { } id
                && nodes.TryGetValue(id, out var resolved))
            {
                item = resolved;
            }

            var isOrganization = item.ValueKind == JsonValueKind.Object && IsOrganization(item);
            if (isOrganization != organizations)
            {
                continue;
            }

            if (item.ValueKind == JsonValueKind.String)
            {
                authors.AddRange(AuthorNames.Split(item.GetString()).Select(name => new ArticleAuthor(name)));
            }
            else if (item.ValueKind == JsonValueKind.Object && NameOf(item) is { } name)
            {
                var url = Urls(item, "url").FirstOrDefault() ?? Urls(item, "sameAs").FirstOrDefault();
                authors.AddRange(AuthorNames.Split(name).Select(n => new ArticleAuthor(n, null, url)));
            }
        }

        return [.. authors];
    }

    private static bool IsOrganization(JsonElement node)
        => node.TryGetProperty("@type", out var type)
            && (type.ValueKind == JsonValueKind.Array ? type.EnumerateArray() : Enumerable.Repeat(type, 1))
                .Any(t => t.ValueKind == JsonValueKind.String && t.GetString() is "Organization" or "NewsMediaOrganization" or "Corporation" or "EducationalOrganization" or "WebSite" or "Brand");

    // Every object with an @id at the top of the block or in its @graph, so references can be followed.
    private static Dictionary<string, JsonElement> IndexNodes(JsonElement root)
    {
        var nodes = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        IEnumerable<JsonElement> candidates = root.ValueKind switch
        {
            JsonValueKind.Array => root.EnumerateArray().SelectMany(e => e.ValueKind == JsonValueKind.Object && e.TryGetProperty("@graph", out var g) && g.ValueKind == JsonValueKind.Array ? g.EnumerateArray().Prepend(e) : [e]),
            JsonValueKind.Object when root.TryGetProperty("@graph", out var graph) && graph.ValueKind == JsonValueKind.Array => graph.EnumerateArray().Prepend(root),
            _ => [root],
        };
        foreach (var candidate in candidates)
        {
            if (candidate.ValueKind == JsonValueKind.Object && Text(candidate, "@id") is { } id)
            {
                nodes.TryAdd(id, candidate);
            }
        }

        return nodes;
    }

    private static string? NameOf(JsonElement node) => node.ValueKind switch
    {
        JsonValueKind.String => Clean(node.GetString()),
        JsonValueKind.Object => Text(node, "name"),
        JsonValueKind.Array => node.EnumerateArray().Select(NameOf).FirstOrDefault(n => n is not null),
        _ => null,
    };

    private static ImmutableArray<string> Urls(JsonElement node, string property)
    {
        if (!node.TryGetProperty(property, out var value))
        {
            return [];
        }

        var items = value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().ToList() : [value];
        var urls = new List<string>();
        foreach (var item in items)
        {
            var url = item.ValueKind switch
            {
                JsonValueKind.String => item.GetString(),
                JsonValueKind.Object => Text(item, "url") ?? Text(item, "@id") ?? Text(item, "contentUrl"),
                _ => null,
            };
            if (!string.IsNullOrWhiteSpace(url))
            {
                urls.Add(url.Trim());
            }
        }

        return [.. urls];
    }
}
