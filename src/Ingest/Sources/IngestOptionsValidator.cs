using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Ingest.Sources;

/// <summary>Validates every source at start, naming the setting path and the problem.</summary>
public sealed partial class IngestOptionsValidator : IValidateOptions<IngestOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, IngestOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.Sources.Count == 0)
        {
            errors.Add($"{IngestOptions.Section}:Sources: no source is configured.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Sources.Count; i++)
        {
            var source = options.Sources[i];
            var path = $"{IngestOptions.Section}:Sources:{i}";
            if (!SourceName().IsMatch(source.Name ?? ""))
            {
                errors.Add($"{path}:Name: '{source.Name}' must be 1-63 lower-case letters, digits or dashes, starting with a letter or digit.");
            }
            else if (!seen.Add(source.Name!))
            {
                errors.Add($"{path}:Name: '{source.Name}' is used by another source.");
            }

            if (!Uri.TryCreate(source.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            {
                errors.Add($"{path}:Url: '{source.Url}' is not an absolute http or https URL.");
            }
            else if (UrlLimit.ProblemOf(url) is { } tooLong)
            {
                errors.Add($"{path}:Url: {tooLong}.");
            }

            if (!Enum.IsDefined(source.Kind))
            {
                errors.Add($"{path}:Kind: must be Feed or Listing.");
            }

            CheckRegex(errors, $"{path}:Include", source.Include);
            CheckRegex(errors, $"{path}:Exclude", source.Exclude);
            for (var r = 0; r < source.CanonicalRules.Count; r++)
            {
                CheckRegex(errors, $"{path}:CanonicalRules:{r}:Pattern", source.CanonicalRules[r].Pattern);
            }

            CheckSelector(errors, $"{path}:LinkSelector", source.LinkSelector);
            CheckSelector(errors, $"{path}:NextPageSelector", source.NextPageSelector);

            if (source.MaxItems is < 1 or > 10_000)
            {
                errors.Add($"{path}:MaxItems: must be between 1 and 10000, got {source.MaxItems}.");
            }

            if (source.MaxPages is < 1 or > 50)
            {
                errors.Add($"{path}:MaxPages: must be between 1 and 50, got {source.MaxPages}.");
            }

            if (source.RefetchAfterHours is < 0 or > 24 * 365)
            {
                errors.Add($"{path}:RefetchAfterHours: must be between 0 and 8760, got {source.RefetchAfterHours}.");
            }

            if (source.Schedule is not null && !SourceSchedule.TryParse(source.Schedule, out _))
            {
                errors.Add($"{path}:Schedule: '{source.Schedule}' is not a six-field CRON expression (second minute hour day month weekday).");
            }

            foreach (var host in source.Hosts)
            {
                if (Uri.CheckHostName(host) == UriHostNameType.Unknown)
                {
                    errors.Add($"{path}:Hosts: '{host}' is not a host name.");
                }
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckRegex(List<string> errors, string path, string? pattern)
    {
        if (pattern is null)
        {
            return;
        }

        try
        {
            _ = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException ex)
        {
            errors.Add($"{path}: not a valid regular expression ({ex.Message}).");
        }
    }

    private static void CheckSelector(List<string> errors, string path, string? selector)
    {
        if (selector is not null && !CssSelector.IsValid(selector))
        {
            errors.Add($"{path}: '{selector}' is not a valid CSS selector.");
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex SourceName();
}
