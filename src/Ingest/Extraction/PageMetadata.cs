namespace Ingest.Extraction;

/// <summary>What the page's metadata says (every field from the most trusted source that had it), before the body is chosen.</summary>
/// <param name="Found">The fields the metadata gave, with where each came from; the body is not among them.</param>
/// <param name="ArticleBody">The JSON-LD <c>articleBody</c>: a fallback for pages whose body is not in the markup.</param>
/// <param name="Signals">What each source of the page says on its own, for <see cref="FieldConfidence"/>.</param>
/// <param name="Heading">The page's main h1, when it has one: the body's search starts from it.</param>
internal sealed record PageMetadata(Article Found, string? ArticleBody, FieldSignals Signals, AngleSharp.Dom.IElement? Heading);
