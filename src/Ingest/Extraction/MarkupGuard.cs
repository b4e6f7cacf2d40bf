using System.Text;

namespace Ingest.Extraction;

/// <summary>
/// Keeps hostile markup within what the parser can take in bounded time. AngleSharp's tree builder does work in
/// proportion to the depth of open elements for every tag, so 100,000 nested elements take minutes; browsers cap the
/// depth too (Chromium at 512). Elements nested deeper than <see cref="MaxDepth"/> lose their tags, keeping their text.
/// </summary>
internal static class MarkupGuard
{
    /// <summary>Deeper than any real page nests (the benchmark pages stay well under 100).</summary>
    public const int MaxDepth = 400;

    // Void elements, and elements whose end tag is optional (an unclosed <p> or <li> is closed by the next one, so
    // counting it would make an old page of unclosed paragraphs look deep).
    private static readonly HashSet<string> NotNesting = new(
        ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
         "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "rb", "rt", "rp", "thead", "tbody", "tfoot",
         "colgroup", "caption", "html", "head", "body"],
        StringComparer.OrdinalIgnoreCase);

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> NotNestingNames = NotNesting.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary><paramref name="html"/> itself when it nests no deeper than <see cref="MaxDepth"/>; else a flattened copy.</summary>
    public static string LimitDepth(string html)
        => MaxNesting(html) <= MaxDepth ? html : Flatten(html);

    /// <summary>An estimate of the deepest element nesting: start tags minus end tags, void and self-closing tags aside.</summary>
    public static int MaxNesting(string html)
    {
        // Every page passes through here, so the scan is a plain loop over the string (no iterator, no allocation).
        int depth = 0, max = 0, at = 0;
        while (NextTag(html, ref at, out var tag))
        {
            depth = Math.Max(0, depth + tag.Delta);
            max = Math.Max(max, depth);
        }

        return max;
    }

    private static string Flatten(string html)
    {
        var output = new StringBuilder(html.Length);
        var kept = new Stack<bool>();
        var keptDepth = 0;
        var written = 0;
        foreach (var tag in Tags(html))
        {
            bool keep;
            if (tag.Delta > 0)
            {
                keep = keptDepth < MaxDepth;
                keptDepth += keep ? 1 : 0;
                kept.Push(keep);
            }
            else if (tag.Delta < 0)
            {
                keep = kept.Count == 0 || kept.Pop();
                keptDepth -= keep && keptDepth > 0 ? 1 : 0;
            }
            else
            {
                keep = true;
            }

            if (!keep)
            {
                output.Append(html, written, tag.Start - written);
                written = tag.Start + tag.Length;
            }
        }

        output.Append(html, written, html.Length - written);
        return output.ToString();
    }

    private readonly record struct Tag(int Start, int Length, int Delta);

    private static IEnumerable<Tag> Tags(string html)
    {
        var at = 0;
        while (NextTag(html, ref at, out var tag))
        {
            yield return tag;
        }
    }

    // The next start or end tag at or after at; at moves past it. False when there is none (then at is spent).
    private static bool NextTag(string html, ref int at, out Tag tag)
    {
        var i = at;
        while ((i = html.IndexOf('<', i)) >= 0 && i + 1 < html.Length)
        {
            var end = html.IndexOf('>', i + 1);
            if (end < 0)
            {
                break;
            }

            var closing = html[i + 1] == '/';
            var nameStart = closing ? i + 2 : i + 1;
            var nameEnd = nameStart;
            while (nameEnd < end && (char.IsAsciiLetterOrDigit(html[nameEnd]) || html[nameEnd] is '-' or '!'))
            {
                nameEnd++;
            }

            if (nameEnd > nameStart && (char.IsAsciiLetter(html[nameStart]) || html[nameStart] == '!'))
            {
                var name = html.AsSpan(nameStart, nameEnd - nameStart);
                var delta = closing ? -1
                    : html[end - 1] == '/' || name.StartsWith("!") || NotNestingNames.Contains(name) ? 0
                    : 1;
                tag = new Tag(i, end - i + 1, delta);
                at = end + 1;
                return true;
            }

            i = end + 1;
        }

        at = html.Length;
        tag = default;
        return false;
    }
}
