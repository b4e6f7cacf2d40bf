using System.Collections.Frozen;
using System.Text;
using AngleSharp.Dom;

namespace Ingest.Extraction;

/// <summary>
/// Tests on an element's class names, read from the attribute in place: <c>ClassList</c> builds a token list for every
/// element it is asked about, and extraction asks about nearly every element of the page.
/// </summary>
internal static class ClassNames
{
    // Where ClassList splits the class attribute into names (HTML's ASCII whitespace).
    private const string ClassSeparators = " \t\n\r\f";

    /// <summary>
    /// True when one of the element's class names, upper-cased (invariant culture), is in <paramref name="upperNames"/>
    /// (an ordinal set of names in capitals). The attribute is read in place: <c>ClassList</c> builds a token list for
    /// every element it is asked about.
    /// </summary>
    public static bool HasClass(IElement element, FrozenSet<string> upperNames)
    {
        var classes = element.GetAttribute("class");
        if (string.IsNullOrEmpty(classes))
        {
            return false;
        }

        if (!Ascii.IsValid(classes))
        {
            return element.ClassList.Any(name => upperNames.Contains(name.ToUpperInvariant()));
        }

        // ASCII upper-casing is what the invariant culture does to ASCII.
        var lookup = upperNames.GetAlternateLookup<ReadOnlySpan<char>>();
        Span<char> upper = stackalloc char[128];
        var span = classes.AsSpan();
        foreach (var range in span.SplitAny(ClassSeparators))
        {
            var token = span[range];
            if (token.IsEmpty)
            {
                continue;
            }

            if (token.Length > upper.Length)
            {
                if (upperNames.Contains(token.ToString().ToUpperInvariant()))
                {
                    return true;
                }

                continue;
            }

            Ascii.ToUpper(token, upper, out var written);
            if (lookup.Contains(upper[..written]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether one of the element's class names matches <paramref name="pattern"/>, the names split where
    /// <c>ClassList</c> splits them but without building a token list for every element asked about.
    /// </summary>
    public static bool AnyClass(IElement element, System.Text.RegularExpressions.Regex pattern)
    {
        if (element.GetAttribute("class") is not { Length: > 0 } classes)
        {
            return false;
        }

        var span = classes.AsSpan();
        foreach (var range in span.SplitAny(ClassSeparators))
        {
            if (!span[range].IsEmpty && pattern.IsMatch(span[range]))
            {
                return true;
            }
        }

        return false;
    }
}
