using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace Ingest.Extraction;

/// <summary>
/// Strips a wire-style credit from the start of a body: "[아시아경제 홍길동 기자] …" or "(서울=연합뉴스) 홍길동 기자 = …".
/// It names the paper and reporter, which are fields, not body text; a place dateline such as "HONOLULU (AP) —" stays,
/// because it is part of the story's first sentence.
/// </summary>
internal static partial class Dateline
{
    /// <summary>The body without a leading credit; unchanged when there is none.</summary>
    public static ImmutableArray<string> Strip(ImmutableArray<string> body)
    {
        if (body.IsEmpty)
        {
            return body;
        }

        var first = body[0];
        var match = BracketCredit().Match(first);
        if (!match.Success)
        {
            match = AgencyCredit().Match(first);
        }

        if (!match.Success)
        {
            return body;
        }

        var rest = first[match.Length..].Trim();
        return rest.Length == 0 ? body.RemoveAt(0) : body.SetItem(0, rest);
    }

    // "[아시아경제 홍길동 기자]", "[아시아경제 뉴욕=홍길동 특파원]": a bracket naming a reporter.
    [GeneratedRegex(@"^\s*\[[^\]\n]{2,40}(?:기자|특파원|記者|reporter|correspondent)\s*\]\s*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BracketCredit();

    // "(서울=연합뉴스) 홍길동 기자 =": Korean agency credit with the reporter after it.
    [GeneratedRegex(@"^\s*\([^)\n]{1,20}=[^)\n]{1,20}\)\s*(?:[^=\n]{1,20}(?:기자|특파원)\s*=\s*)?", RegexOptions.CultureInvariant)]
    private static partial Regex AgencyCredit();
}
