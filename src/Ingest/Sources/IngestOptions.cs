namespace Ingest.Sources;

/// <summary>The pipeline's settings, bound from the <c>Ingest</c> section.</summary>
public sealed class IngestOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Ingest";

    /// <summary>The sources discovery reads.</summary>
    public IList<SourceOptions> Sources { get; } = [];

    /// <summary>The source with this name, or null.</summary>
    public SourceOptions? FindSource(string name) =>
        Sources.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.Ordinal));
}
