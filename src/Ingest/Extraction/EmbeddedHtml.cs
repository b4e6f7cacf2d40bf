using System.Text.Json;
using System.Text.RegularExpressions;

namespace Ingest.Extraction;

/// <summary>
/// The article's HTML that a script-rendered page keeps only in its script state (a JSON string such as
/// <c>"\u003cp class=\"editor-p\"\u003e…"</c> in Next.js or React Query data): read when the markup itself has no body.
/// </summary>
internal static partial class EmbeddedHtml
{
    // Less visible text than this in a string is a caption or a teaser, not an article.
    private const int MinVisibleChars = 400;

    /// <summary>The longest HTML string in <paramref name="html"/>'s scripts by visible text, or null when none is an article's.</summary>
    public static string? Longest(string html)
    {
        // "\u003cp" or "\u003Cp": an escaped paragraph tag, as serializers write "<p" inside a JSON string.
        if (!html.Contains("\\u003cp", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        string? best = null;
        var bestVisible = MinVisibleChars - 1;
        try
        {
            foreach (Match match in JsonString().Matches(html))
            {
                if (!match.Value.Contains("\\u003cp", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                string? decoded;
                try
                {
                    decoded = JsonSerializer.Deserialize(match.Value, EmbeddedJsonContext.Default.String);
                }
                catch (JsonException)
                {
                    continue;
                }

                if (decoded is not null && VisibleChars(decoded) is var visible && visible > bestVisible)
                {
                    (best, bestVisible) = (decoded, visible);
                }
            }
        }
        catch (RegexMatchTimeoutException)
        {
            return best;
        }

        return best;
    }

    // Non-space characters outside tags.
    private static int VisibleChars(string html)
    {
        var (count, inTag) = (0, false);
        foreach (var c in html)
        {
            inTag = c == '<' || (inTag && c != '>');
            count += !inTag && c != '>' && !char.IsWhiteSpace(c) ? 1 : 0;
        }

        return count;
    }

    // A JSON string literal of 500 characters or more (escapes taken whole, so the match never ends inside one).
    [GeneratedRegex(@"""(?:[^""\\]|\\.){500,}""", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex JsonString();
}

/// <summary>Source-generated JSON for reading one string literal.</summary>
[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
internal sealed partial class EmbeddedJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
