using AngleSharp.Css.Parser;

namespace Ingest.Sources;

/// <summary>Checks configured CSS selectors once, at start, with the same parser that applies them.</summary>
internal static class CssSelector
{
    private static readonly CssSelectorParser Parser = new();

    public static bool IsValid(string selector) => Parser.ParseSelector(selector) is not null;
}
