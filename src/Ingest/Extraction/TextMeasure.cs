using AngleSharp.Dom;

namespace Ingest.Extraction;

/// <summary>
/// Lengths and counts of the text of DOM subtrees, taken without building the text: extraction measures the same
/// subtrees many times (to score, to clean, to turn down long text), and only a few of them are ever read. Each
/// figure is what counting over <see cref="DomText.Of"/> or <see cref="DomText.WithLinkChars"/> would give.
/// </summary>
internal static class TextMeasure
{
    // One stack per thread, taken while a walk runs (a nested walk gets a fresh one).
    [ThreadStatic]
    private static Stack<(INode Node, bool InLink)>? t_linkNodes;

    /// <summary>How many characters of the text under <paramref name="root"/> are one of <paramref name="characters"/>.</summary>
    public static int CountChars(INode root, string characters) => LengthAndMarks(root, characters).Marks;

    /// <summary>
    /// <see cref="NonSpaceLength"/> of <paramref name="root"/>, and how many of its characters are one of
    /// <paramref name="marks"/>, in one walk and without building the text.
    /// </summary>
    public static (int Length, int Marks) LengthAndMarks(INode root, string marks)
    {
        var (length, count) = (0, 0);
        var stack = new Stack<INode>(32);
        stack.Push(root);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (node is IText text)
            {
                length += DomText.CountVisible(text.Data);
                count += CountOf(text.Data, marks);
                continue;
            }

            var children = node.ChildNodes;
            for (var i = children.Length - 1; i >= 0; i--)
            {
                stack.Push(children[i]);
            }
        }

        return (length, count);
    }

    /// <summary>
    /// <see cref="LengthAndMarks"/> of the text directly inside the element: its text nodes and inline children, not
    /// its block children.
    /// </summary>
    public static (int Length, int Marks) LooseLengthAndMarks(IElement element, string marks)
    {
        var (length, count) = (0, 0);
        foreach (var child in element.ChildNodes)
        {
            if (child is IText text)
            {
                length += DomText.CountVisible(text.Data);
                count += CountOf(text.Data, marks);
            }
            else if (child is IElement inline && !DomText.IsBlock(inline))
            {
                var (inlineLength, inlineMarks) = LengthAndMarks(inline, marks);
                length += inlineLength;
                count += inlineMarks;
            }
        }

        return (length, count);
    }

    private static int CountOf(string text, string characters)
    {
        var count = 0;
        foreach (var c in text)
        {
            if (characters.Contains(c, StringComparison.Ordinal))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>
    /// Whether the raw text under <paramref name="root"/> (what <c>TextContent</c> would build) is longer than
    /// <paramref name="limit"/> characters, counted without building it.
    /// </summary>
    public static bool TextLongerThan(INode root, int limit)
    {
        var length = 0;
        var stack = new Stack<INode>(32);
        stack.Push(root);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (node is IText text)
            {
                length += text.Data.Length;
                if (length > limit)
                {
                    return true;
                }

                continue;
            }

            var children = node.ChildNodes;
            for (var i = children.Length - 1; i >= 0; i--)
            {
                stack.Push(children[i]);
            }
        }

        return false;
    }

    /// <summary>
    /// <c>DomText.CountNonSpace(Of(root))</c> without building the text: the non-whitespace characters of its text nodes
    /// (zero-width spaces count as whitespace, as <see cref="DomText.Normalize"/> drops them).
    /// </summary>
    public static int NonSpaceLength(INode root) => Measure(root).Length;

    /// <summary>
    /// <c>DomText.CountNonSpace(WithLinkChars(root).Text)</c> and <c>WithLinkChars(root).LinkChars</c> without building the text.
    /// </summary>
    public static (int Length, int LinkChars) Measure(INode root)
    {
        var stack = t_linkNodes ?? new Stack<(INode Node, bool InLink)>();
        t_linkNodes = null;
        int length = 0, linkChars = 0;
        stack.Push((root, false));
        while (stack.Count > 0)
        {
            var (node, inLink) = stack.Pop();
            if (node is IText text)
            {
                length += DomText.CountVisible(text.Data);
                if (inLink)
                {
                    linkChars += DomText.CountNonSpace(text.Data);
                }

                continue;
            }

            var childInLink = inLink || (node is IElement element && element.LocalName == "a");
            var children = node.ChildNodes;
            for (var i = children.Length - 1; i >= 0; i--)
            {
                stack.Push((children[i], childInLink));
            }
        }

        t_linkNodes = stack;
        return (length, linkChars);
    }

    /// <summary>
    /// <see cref="Measure"/> of each of <paramref name="wanted"/> under <paramref name="root"/> (or the root itself), in
    /// one walk of the root's subtree instead of one walk per element: the elements scored for the body are nested
    /// (a paragraph's parent, grandparent and so on), so measuring them one by one walked the same text again and again.
    /// </summary>
    public static Dictionary<IElement, (int Length, int LinkChars)> MeasureEach(IElement root, IReadOnlySet<IElement> wanted)
    {
        var measured = new Dictionary<IElement, (int Length, int LinkChars)>(wanted.Count);
        // A frame per open element: what its finished children add up to so far. Text in a link counts towards the
        // link's whole subtree, which is all link; elsewhere link characters add up from the children.
        var frames = new Stack<(IElement Element, int Next, int Length, int NonSpace, int LinkChars)>();
        frames.Push((root, 0, 0, 0, 0));
        while (frames.Count > 0)
        {
            var (element, next, length, nonSpace, linkChars) = frames.Pop();
            var children = element.ChildNodes;
            var descended = false;
            for (; next < children.Length; next++)
            {
                var child = children[next];
                if (child is IText text)
                {
                    length += DomText.CountVisible(text.Data);
                    nonSpace += DomText.CountNonSpace(text.Data);
                }
                else if (child is IElement childElement)
                {
                    frames.Push((element, next + 1, length, nonSpace, linkChars));
                    frames.Push((childElement, 0, 0, 0, 0));
                    descended = true;
                    break;
                }
            }

            if (descended)
            {
                continue;
            }

            if (element.LocalName == "a")
            {
                linkChars = nonSpace;
            }

            if (wanted.Contains(element))
            {
                measured[element] = (length, linkChars);
            }

            if (frames.Count > 0)
            {
                var parent = frames.Pop();
                frames.Push((parent.Element, parent.Next, parent.Length + length, parent.NonSpace + nonSpace, parent.LinkChars + linkChars));
            }
        }

        return measured;
    }
}
