namespace Ingest.Sources;

/// <summary>
/// The longest URL the pipeline takes: 2,048 characters, counted on the text given and on its escaped absolute form
/// (what is stored and sent on). Every edge refuses a longer one at once (queue messages, discovered links, the
/// command line, source settings, each fetch hop), so no long URL reaches storage, where it would fail late and be
/// retried for minutes.
/// </summary>
public static class UrlLimit
{
    /// <summary>The limit, in characters.</summary>
    public const int MaxLength = 2048;

    /// <summary>Why <paramref name="url"/> is too long, or null when it is within the limit.</summary>
    public static string? ProblemOf(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return url.Length > MaxLength ? Describe(url.Length) : null;
    }

    /// <summary>Why <paramref name="url"/> is too long in its escaped absolute form, or null when it is within the limit.</summary>
    public static string? ProblemOf(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var length = url.IsAbsoluteUri ? url.AbsoluteUri.Length : url.OriginalString.Length;
        return length > MaxLength ? Describe(length) : null;
    }

    private static string Describe(int length) =>
        $"the URL is {length} characters long, over the limit of {MaxLength}";
}
