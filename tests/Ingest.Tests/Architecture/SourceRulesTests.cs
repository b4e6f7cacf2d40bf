using System.Text.RegularExpressions;

namespace Ingest.Tests.Architecture;

/// <summary>
/// The structure docs/architecture.md draws, checked on the source: which folder of the pipeline library may use
/// which (a stage never uses the pipeline, no two folders use each other), that the library knows no host, and that
/// no file grows past what one job needs.
/// </summary>
public sealed partial class SourceRulesTests
{
    private static readonly string SourceRoot = Path.Combine(AppContext.BaseDirectory, "Architecture", "src");

    /// <summary>Folder of src/Ingest → the folders it may use. The table in docs/architecture.md.</summary>
    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        ["Sources"] = [],
        ["Warc"] = [],
        ["Extraction"] = [],
        ["Telemetry"] = [],
        ["Records"] = ["Extraction"],
        ["Messages"] = ["Records", "Sources"],
        ["Storage"] = ["Records", "Messages", "Sources"],
        ["Fetching"] = ["Sources"],
        ["Discovery"] = ["Sources", "Fetching"],
        ["Status"] = ["Sources", "Records", "Storage", "Messages", "Telemetry"],
        ["Pipeline"] = ["Sources", "Discovery", "Fetching", "Extraction", "Records", "Storage", "Messages", "Telemetry", "Status", "Warc"],
    };

    [Fact]
    public void LibraryFolders_UseOnlyWhatTheArchitectureAllows()
    {
        var uses = FolderUses();

        Assert.Equal(Allowed.Keys.Order(StringComparer.Ordinal), uses.Keys.Order(StringComparer.Ordinal));
        var breaches = uses
            .SelectMany(folder => folder.Value.Where(used => !Allowed[folder.Key].Contains(used)).Select(used => $"{folder.Key} uses {used}"))
            .ToList();
        Assert.Empty(breaches);
    }

    [Fact]
    public void LibraryFolders_HaveNoCycle()
    {
        var uses = FolderUses();
        var done = new HashSet<string>(StringComparer.Ordinal);

        foreach (var folder in uses.Keys)
        {
            Visit(folder, []);
        }

        void Visit(string folder, List<string> path)
        {
            var at = path.IndexOf(folder);
            Assert.True(at < 0, "namespace cycle: " + string.Join(" -> ", path.Skip(at).Append(folder)));
            if (!done.Add(folder))
            {
                return;
            }

            foreach (var used in uses.GetValueOrDefault(folder) ?? [])
            {
                Visit(used, [.. path, folder]);
            }
        }
    }

    [Fact]
    public void Library_RefersToNoHost()
    {
        var hostBound = LibraryFiles()
            .Where(f => HostApi().IsMatch(Code(File.ReadAllText(f))))
            .Select(f => Path.GetRelativePath(SourceRoot, f))
            .ToList();

        Assert.Empty(hostBound);
    }

    [Fact]
    public void SourceFiles_AreAtMost450Lines()
    {
        var files = Directory.EnumerateFiles(SourceRoot, "*.cs", SearchOption.AllDirectories).ToList();
        var long_ = files
            .Select(f => (File: Path.GetRelativePath(SourceRoot, f), Lines: File.ReadLines(f).Count()))
            .Where(f => f.Lines > 450)
            .ToList();

        Assert.True(files.Count > 100, $"only {files.Count} source files were copied beside the tests");
        Assert.Empty(long_);
    }

    [Theory]
    [InlineData("using Ingest.Storage;\nnamespace Ingest.Messages;", "Storage")]
    [InlineData("namespace Ingest.Messages;\nclass A { void F(Storage.StorageConnection c) { } }", "Storage")]
    [InlineData("namespace Ingest.Messages;\n/// <see cref=\"Storage.StorageConnection\"/>\nclass A { }", null)]
    [InlineData("namespace Ingest.Messages;\nclass A { string S => \"Storage.StorageConnection\"; }", null)]
    public void UsesOf_Code_FindsUsingsAndQualifiedNamesButNotCommentsOrStrings(string code, string? expected)
    {
        var used = UsesOf(code, new Dictionary<string, HashSet<string>>(StringComparer.Ordinal) { ["Storage"] = ["StorageConnection"] });

        Assert.Equal(expected is null ? [] : [expected], used.Order(StringComparer.Ordinal));
    }

    private static IEnumerable<string> LibraryFiles() =>
        Directory.EnumerateFiles(Path.Combine(SourceRoot, "Ingest"), "*.cs", SearchOption.AllDirectories);

    // Folder → the folders its files use, through using directives or names qualified with a folder's namespace.
    private static Dictionary<string, HashSet<string>> FolderUses()
    {
        var library = Path.Combine(SourceRoot, "Ingest");
        var files = LibraryFiles()
            .Select(f => (Folder: Path.GetRelativePath(library, f).Split(Path.DirectorySeparatorChar) is { Length: > 1 } parts ? parts[0] : null, Code: Code(File.ReadAllText(f))))
            .Where(f => f.Folder is not null)
            .ToList();
        var types = files
            .GroupBy(f => f.Folder!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.SelectMany(f => TypeDeclaration().Matches(f.Code).Select(m => m.Groups["name"].Value)).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);

        return files
            .GroupBy(f => f.Folder!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.SelectMany(f => UsesOf(f.Code, types)).Where(u => u != g.Key).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
    }

    private static IEnumerable<string> UsesOf(string code, IReadOnlyDictionary<string, HashSet<string>> types)
    {
        code = Code(code);
        foreach (Match match in UsingDirective().Matches(code))
        {
            yield return match.Groups["folder"].Value;
        }

        foreach (Match match in QualifiedName().Matches(code))
        {
            var folder = match.Groups["folder"].Value;
            if (types.TryGetValue(folder, out var declared) && declared.Contains(match.Groups["type"].Value))
            {
                yield return folder;
            }
        }
    }

    // The code without comments and string literals, so a cref or a message naming a type is not a use of it.
    private static string Code(string source) => CommentOrString().Replace(source, m => m.Value.StartsWith('/') ? "" : "\"\"");

    [GeneratedRegex(@"//[^\n]*|/\*.*?\*/|@""(?:[^""]|"""")*""|""(?:\\.|[^""\\\n])*""", RegexOptions.Singleline)]
    private static partial Regex CommentOrString();

    [GeneratedRegex(@"^\s*using\s+(?:static\s+)?Ingest\.(?<folder>[A-Z]\w*)\s*;", RegexOptions.Multiline)]
    private static partial Regex UsingDirective();

    [GeneratedRegex(@"(?<![\w.])(?:Ingest\.)?(?<folder>[A-Z]\w*)\.(?<type>[A-Z]\w*)")]
    private static partial Regex QualifiedName();

    [GeneratedRegex(@"\b(?:class|record|struct|enum|interface)\s+(?<name>[A-Z]\w*)")]
    private static partial Regex TypeDeclaration();

    [GeneratedRegex(@"Microsoft\.Azure\.(?:Functions|WebJobs)|System\.CommandLine|Ingest\.(?:Cli|Functions)\b")]
    private static partial Regex HostApi();
}
