using System.Globalization;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;

namespace Ingest.Extraction;

/// <summary>
/// What a site profile must be beyond its JSON shape (docs/site-profile.schema.json gives the shape): a name, hosts
/// that are host names, CSS selectors that parse, URL patterns that compile and have the <c>id</c> group their rule
/// uses, offsets like <c>+09:00</c>. Every problem names the field, so a bad file is fixed in one go.
/// </summary>
internal static partial class SiteProfileCheck
{
    private static readonly AngleSharp.Dom.IDocument Probe = new HtmlParser().ParseDocument("<html><body></body></html>");

    /// <summary>Each problem of <paramref name="profile"/> as "field: problem"; empty when there is none.</summary>
    public static IReadOnlyList<string> ProblemsOf(SiteProfile profile)
    {
        var problems = new List<string>();
        if (!NameShape().IsMatch(profile.Name ?? ""))
        {
            problems.Add($"name: '{profile.Name}' must be 1-64 lower-case letters, digits or dashes");
        }

        if (profile.Hosts.IsDefaultOrEmpty)
        {
            problems.Add("hosts: at least one host is needed (the profile is chosen by the page's host)");
        }

        for (var i = 0; !profile.Hosts.IsDefaultOrEmpty && i < profile.Hosts.Length; i++)
        {
            if (Uri.CheckHostName(profile.Hosts[i]) is not (UriHostNameType.Dns or UriHostNameType.IPv4))
            {
                problems.Add($"hosts[{i}]: '{profile.Hosts[i]}' is not a host name (no scheme, no path)");
            }
        }

        Selectors(problems, "title", profile.Title);
        Selectors(problems, "subtitle", profile.Subtitle);
        Selectors(problems, "authors", profile.Authors);
        Selectors(problems, "body", profile.Body);
        Selectors(problems, "remove", profile.Remove);
        Selectors(problems, "removeFrom", profile.RemoveFrom);
        Selector(problems, "paragraphs", profile.Paragraphs);
        Dates(problems, "published", profile.Published);
        Dates(problems, "modified", profile.Modified);
        for (var i = 0; !profile.UrlRules.IsDefaultOrEmpty && i < profile.UrlRules.Length; i++)
        {
            UrlRule(problems, $"urlRules[{i}]", profile.UrlRules[i]);
        }

        if (profile.AppState is { } state)
        {
            Selector(problems, "appState.script", state.Script);
            if (string.IsNullOrWhiteSpace(state.Path))
            {
                problems.Add("appState.path: the dotted path to the article object is empty");
            }

            Offset(problems, "appState.offset", state.Offset);
        }

        return problems;
    }

    private static void Selectors(List<string> problems, string field, System.Collections.Immutable.ImmutableArray<string> selectors)
    {
        for (var i = 0; !selectors.IsDefaultOrEmpty && i < selectors.Length; i++)
        {
            Selector(problems, $"{field}[{i}]", selectors[i]);
        }
    }

    private static void Selector(List<string> problems, string field, string? selector)
    {
        if (string.IsNullOrWhiteSpace(selector))
        {
            problems.Add($"{field}: the CSS selector is empty");
            return;
        }

        try
        {
            Probe.QuerySelector(selector);
        }
        catch (AngleSharp.Dom.DomException)
        {
            problems.Add($"{field}: '{selector}' is not a CSS selector AngleSharp can parse");
        }
    }

    private static void Dates(List<string> problems, string field, System.Collections.Immutable.ImmutableArray<ProfileDate> dates)
    {
        for (var i = 0; !dates.IsDefaultOrEmpty && i < dates.Length; i++)
        {
            Selector(problems, $"{field}[{i}].selector", dates[i].Selector);
            Offset(problems, $"{field}[{i}].offset", dates[i].Offset);
        }
    }

    private static void UrlRule(List<string> problems, string field, ProfileUrlRule rule)
    {
        Regex pattern;
        try
        {
            pattern = new Regex(rule.Pattern ?? "", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException ex)
        {
            problems.Add($"{field}.pattern: not a regular expression: {ex.Message}");
            return;
        }

        if ((rule.Canonical is not null || rule.PublishedFormat is not null) && !pattern.GetGroupNames().Contains("id", StringComparer.Ordinal))
        {
            problems.Add($"{field}.pattern: has no named group 'id', which canonical and publishedFormat read");
        }

        if (rule.Canonical is { } canonical && (!canonical.Contains("{id}", StringComparison.Ordinal)
            || !Uri.TryCreate(canonical.Replace("{id}", "1", StringComparison.Ordinal), UriKind.Absolute, out var url)
            || url.Scheme is not ("http" or "https")))
        {
            problems.Add($"{field}.canonical: '{canonical}' must be an absolute http(s) URL template with {{id}}");
        }

        if (rule.PublishedFormat is { } format && !DateTime.TryParseExact(DateTime.UnixEpoch.AddYears(55).ToString(format, CultureInfo.InvariantCulture), format, CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            problems.Add($"{field}.publishedFormat: '{format}' is not a date format that reads back");
        }

        Offset(problems, $"{field}.offset", rule.Offset);
    }

    private static void Offset(List<string> problems, string field, string? offset)
    {
        if (offset is not null && !OffsetShape().IsMatch(offset))
        {
            problems.Add($"{field}: '{offset}' must be a UTC offset like +09:00 or -05:00");
        }
    }

    [GeneratedRegex("^[a-z0-9-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex NameShape();

    [GeneratedRegex(@"^[+-](?:0\d|1[0-4]):[0-5]\d$", RegexOptions.CultureInvariant)]
    private static partial Regex OffsetShape();
}
