using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Ingest.Tests.Extraction;

// Small subtrees with blocks, links, comments and odd whitespace, shared by the tests of the text walks and measures,
// which must agree with each other on every one of them.
internal static class DomSnippets
{
    public static readonly HtmlParser Parser = new();

    public static readonly string[] Snippets =
    [
        "<div id=\"x\"> One \u200Btwo<p>three</p>four<br>five&nbsp;&nbsp;six <a href=\"/\">link <b>text</b></a> \uFEFF</div>",
        "<div id=\"x\"><ul><li><a href=\"/a\">Home</a></li><li><a href=\"/b\">News\u200C</a></li></ul>Loose text, after a list.</div>",
        "<div id=\"x\">\n\t  </div>",
        "<div id=\"x\"><p>  lead  </p><!-- comment --><section><h2>Sub</h2><p>Body <a href=\"/\">with a link</a>.</p></section></div>",
    ];

    public static TheoryData<int> SnippetIndexes() => [.. Enumerable.Range(0, Snippets.Length)];

    public static IElement Root(int snippet) => Parser.ParseDocument(Snippets[snippet]).GetElementById("x")!;
}
