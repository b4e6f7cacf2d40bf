using Microsoft.Extensions.Configuration;

namespace Ingest.Sources;

/// <summary>
/// The real sources shipped beside the library (<c>ingest.sources.json</c>: Asia Business Daily English, SCMP opinion),
/// the default of both hosts. Sources given in settings replace them whole: configuration merges lists entry by entry,
/// and a shipped entry's leftovers (its hosts, patterns, rules) must not leak into a given one.
/// </summary>
public static class ShippedSources
{
    /// <summary>Where the file lies: beside the library, in every host's output.</summary>
    public static string FilePath => Path.Combine(AppContext.BaseDirectory, "ingest.sources.json");

    /// <summary>Adds the shipped sources to <paramref name="builder"/> unless <paramref name="given"/> configures sources itself.</summary>
    public static IConfigurationBuilder AddShippedSourcesUnlessGiven(this IConfigurationBuilder builder, IConfiguration given)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(given);
        return given.GetSection(IngestOptions.Section + ":Sources").GetChildren().Any()
            ? builder
            : builder.AddJsonFile(FilePath, optional: false);
    }
}
