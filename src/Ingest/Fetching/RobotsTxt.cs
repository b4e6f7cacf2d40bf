using System.Globalization;
using System.Text;

namespace Ingest.Fetching;

/// <summary>
/// A parsed robots.txt, per RFC 9309: groups of user-agent lines with allow/disallow rules; the group whose
/// product token matches ours (case-insensitive), else the <c>*</c> group; the longest matching rule wins and
/// <c>Allow</c> wins a tie; <c>*</c> matches any run of characters and a trailing <c>$</c> anchors the end.
/// <c>Crawl-delay</c> is read too (not in the RFC, but widely used).
/// </summary>
public sealed class RobotsTxt
{
    /// <summary>The RFC's minimum: parse at least the first 500 KiB.</summary>
    public const int MaxBytes = 500 * 1024;

    private readonly IReadOnlyList<Group> _groups;

    private RobotsTxt(IReadOnlyList<Group> groups) => _groups = groups;

    /// <summary>Everything allowed (robots.txt missing, or 4xx).</summary>
    public static RobotsTxt AllowAll { get; } = new([]);

    /// <summary>Everything disallowed (robots.txt unreachable or 5xx).</summary>
    public static RobotsTxt DisallowAll { get; } = new([new Group(new HashSet<string>(StringComparer.Ordinal) { "*" }, [new Rule("/", Allow: false)], null)]);

    /// <summary>Parses robots.txt bytes (UTF-8; anything past <see cref="MaxBytes"/> is ignored).</summary>
    public static RobotsTxt Parse(ReadOnlySpan<byte> content)
    {
        var text = Encoding.UTF8.GetString(content.Length > MaxBytes ? content[..MaxBytes] : content);
        var groups = new List<Group>();
        List<string>? agents = null;
        List<Rule>? rules = null;
        double? delay = null;
        var lastWasAgent = false;

        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine;
            var hash = line.IndexOf('#', StringComparison.Ordinal);
            if (hash >= 0)
            {
                line = line[..hash];
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                continue;
            }

            var key = line[..colon].Trim().ToLowerInvariant();
            var value = line[(colon + 1)..].Trim();
            switch (key)
            {
                case "user-agent":
                    if (!lastWasAgent)
                    {
                        Close();
                        agents = [];
                        rules = [];
                        delay = null;
                    }

                    agents!.Add(value.ToLowerInvariant());
                    lastWasAgent = true;
                    break;
                case "allow" or "disallow" when agents is not null:
                    lastWasAgent = false;

                    // An empty Disallow allows everything; it adds no rule.
                    if (value.Length > 0)
                    {
                        rules!.Add(new Rule(NormalizePattern(value), key == "allow"));
                    }

                    break;
                case "crawl-delay" when agents is not null:
                    lastWasAgent = false;
                    if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
                    {
                        delay = seconds;
                    }

                    break;
                default:
                    // Sitemap and unknown lines do not end a group's agent list by RFC 9309, but they are not rules.
                    break;
            }
        }

        Close();
        return new RobotsTxt(groups);

        void Close()
        {
            if (agents is { Count: > 0 })
            {
                groups.Add(new Group(agents.ToHashSet(StringComparer.Ordinal), rules!, delay));
            }
        }
    }

    /// <summary>True when <paramref name="userAgentToken"/> may fetch <paramref name="pathAndQuery"/>.</summary>
    public bool IsAllowed(string userAgentToken, string pathAndQuery)
    {
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        var rules = RulesFor(userAgentToken);
        if (rules.Count == 0)
        {
            return true;
        }

        var path = NormalizePattern(pathAndQuery.Length == 0 ? "/" : pathAndQuery);
        if (path == "/robots.txt")
        {
            return true;
        }

        Rule? best = null;
        foreach (var rule in rules)
        {
            if (Matches(rule.Pattern, path)
                && (best is null || rule.Pattern.Length > best.Pattern.Length || (rule.Pattern.Length == best.Pattern.Length && rule.Allow)))
            {
                best = rule;
            }
        }

        return best?.Allow ?? true;
    }

    /// <summary>The Crawl-delay of the group that applies to us, if it gives one.</summary>
    public TimeSpan? CrawlDelay(string userAgentToken)
    {
        var group = GroupFor(userAgentToken);
        return group?.Delay is { } seconds ? TimeSpan.FromSeconds(Math.Min(seconds, 86_400)) : null;
    }

    private IReadOnlyList<Rule> RulesFor(string userAgentToken) => GroupFor(userAgentToken) is { } group
        ? MergedRules(group)
        : [];

    // RFC 9309 2.2.1: groups naming the same agent are combined.
    private List<Rule> MergedRules(Group chosen) =>
        _groups.Where(g => g.Agents.Overlaps(chosen.Agents)).SelectMany(g => g.Rules).ToList();

    private Group? GroupFor(string userAgentToken)
    {
        var token = userAgentToken.ToLowerInvariant();
        return _groups.FirstOrDefault(g => g.Agents.Contains(token))
            ?? _groups.FirstOrDefault(g => g.Agents.Contains("*"));
    }

    private static bool Matches(string pattern, string path)
    {
        var anchored = pattern.EndsWith('$');
        if (anchored)
        {
            pattern = pattern[..^1];
        }

        return Match(pattern, 0, path, 0, anchored);
    }

    // Iterative wildcard matching with backtracking to the last '*': linear enough for robots patterns.
    private static bool Match(string pattern, int p, string path, int s, bool anchored)
    {
        int star = -1, mark = 0;
        while (s < path.Length)
        {
            if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = s;
            }
            else if (p < pattern.Length && pattern[p] == path[s])
            {
                p++;
                s++;
            }
            else if (p == pattern.Length && !anchored)
            {
                return true;
            }
            else if (star >= 0)
            {
                p = star + 1;
                s = ++mark;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }

    // Percent-encoding is compared in one form: upper-case escapes, and unreserved characters decoded.
    private static string NormalizePattern(string value)
    {
        var ascii = new StringBuilder(value.Length);
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in value.EnumerateRunes())
        {
            if (rune.IsAscii)
            {
                ascii.Append((char)rune.Value);
                continue;
            }

            var length = rune.EncodeToUtf8(utf8);
            foreach (var b in utf8[..length])
            {
                ascii.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        value = ascii.ToString();
        var builder = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '%' && i + 2 < value.Length && Uri.IsHexDigit(value[i + 1]) && Uri.IsHexDigit(value[i + 2]))
            {
                var decoded = (char)Convert.ToInt32(value.Substring(i + 1, 2), 16);
                if (char.IsAsciiLetterOrDigit(decoded) || decoded is '-' or '.' or '_' or '~')
                {
                    builder.Append(decoded);
                }
                else
                {
                    builder.Append('%').Append(char.ToUpperInvariant(value[i + 1])).Append(char.ToUpperInvariant(value[i + 2]));
                }

                i += 2;
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private sealed record Rule(string Pattern, bool Allow);

    private sealed record Group(HashSet<string> Agents, List<Rule> Rules, double? Delay);
}
