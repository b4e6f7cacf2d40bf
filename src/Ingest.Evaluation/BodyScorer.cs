using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace Ingest.Evaluation;

/// <summary>
/// The body-extraction scoring rule of the ScrapingHub article-extraction benchmark: tokens are the matches of
/// <c>\w+</c> (case-sensitive), a text is the multiset of its overlapping 4-token shingles (a shorter text is one shorter
/// shingle, an empty text none), and a page scores true positives, false positives and false negatives over them.
/// </summary>
public static partial class BodyScorer
{
    private const int ShingleSize = 4;

    /// <summary>
    /// The tokens of <paramref name="text"/>. <c>\w</c> is taken as Python's Unicode <c>\w</c> (letters, numbers and the
    /// underscore), the definition the benchmark's own scorer uses; .NET's <c>\w</c> would also count combining marks.
    /// </summary>
    public static ImmutableArray<string> Tokens(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        var builder = ImmutableArray.CreateBuilder<string>();
        foreach (var match in Word().EnumerateMatches(text))
        {
            builder.Add(text.Substring(match.Index, match.Length));
        }

        return builder.ToImmutable();
    }

    /// <summary>The multiset of overlapping shingles of <paramref name="tokens"/>, as shingle → count.</summary>
    public static Dictionary<string, int> Shingles(ImmutableArray<string> tokens)
    {
        var shingles = new Dictionary<string, int>(StringComparer.Ordinal);
        if (tokens.IsEmpty)
        {
            return shingles;
        }

        var size = Math.Min(tokens.Length, ShingleSize);

        // A separator that no token can contain, so different token sequences never make the same key.
        for (var i = 0; i + size <= tokens.Length; i++)
        {
            var key = string.Join('\u0001', tokens.AsSpan(i, size));
            shingles[key] = shingles.GetValueOrDefault(key) + 1;
        }

        return shingles;
    }

    /// <summary>Scores one page's predicted body against its true body.</summary>
    public static PageBodyScore Score(string? truth, string? predicted)
    {
        var trueTokens = Tokens(truth);
        var predictedTokens = Tokens(predicted);
        var trueShingles = Shingles(trueTokens);
        var predictedShingles = Shingles(predictedTokens);

        int tp = 0, fp = 0, fn = 0;
        foreach (var (shingle, trueCount) in trueShingles)
        {
            var predictedCount = predictedShingles.GetValueOrDefault(shingle);
            tp += Math.Min(trueCount, predictedCount);
            fn += Math.Max(trueCount - predictedCount, 0);
        }

        foreach (var (shingle, predictedCount) in predictedShingles)
        {
            fp += Math.Max(predictedCount - trueShingles.GetValueOrDefault(shingle), 0);
        }

        return new PageBodyScore(tp, fp, fn, IsEmptyPrediction: predictedTokens.IsEmpty, Exact: trueTokens.SequenceEqual(predictedTokens));
    }

    /// <summary>
    /// Averages page scores: precision over the pages with a non-empty prediction, recall over all pages (an empty
    /// prediction scores 0), F1 the harmonic mean of the two averages, accuracy the share of exact pages.
    /// </summary>
    public static BodyScoreSummary Summarize(IReadOnlyCollection<PageBodyScore> pages)
    {
        ArgumentNullException.ThrowIfNull(pages);
        if (pages.Count == 0)
        {
            return new BodyScoreSummary(0, 0, 0, 0, 0, 0);
        }

        var scored = pages.Where(p => !p.IsEmptyPrediction).ToList();
        var precision = scored.Count == 0 ? 0 : scored.Average(p => p.Precision);
        var recall = pages.Average(p => p.IsEmptyPrediction ? 0 : p.Recall);
        var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        var accuracy = (double)pages.Count(p => p.Exact) / pages.Count;
        return new BodyScoreSummary(pages.Count, pages.Count - scored.Count, f1, precision, recall, accuracy);
    }

    [GeneratedRegex(@"[\p{L}\p{N}_]+", RegexOptions.CultureInvariant)]
    private static partial Regex Word();
}

/// <summary>One page's shingle counts against the truth.</summary>
/// <param name="TruePositives">Σ min(true, predicted) over shingles.</param>
/// <param name="FalsePositives">Σ max(predicted − true, 0).</param>
/// <param name="FalseNegatives">Σ max(true − predicted, 0).</param>
/// <param name="IsEmptyPrediction">The prediction has no token: left out of the precision mean, recall 0.</param>
/// <param name="Exact">The predicted token sequence equals the true one.</param>
public sealed record PageBodyScore(int TruePositives, int FalsePositives, int FalseNegatives, bool IsEmptyPrediction, bool Exact)
{
    /// <summary>TP / (TP + FP); 1 when nothing was predicted wrongly and nothing right (FP = 0 and TP = 0).</summary>
    public double Precision => TruePositives + FalsePositives == 0 ? 1 : (double)TruePositives / (TruePositives + FalsePositives);

    /// <summary>TP / (TP + FN); 1 when there was nothing to find (TP + FN = 0).</summary>
    public double Recall => TruePositives + FalseNegatives == 0 ? 1 : (double)TruePositives / (TruePositives + FalseNegatives);
}

/// <summary>The benchmark figures over a set of pages.</summary>
/// <param name="Pages">Pages scored.</param>
/// <param name="EmptyPredictions">Pages with an empty prediction (left out of the precision mean).</param>
/// <param name="F1">Harmonic mean of <paramref name="Precision"/> and <paramref name="Recall"/>.</param>
/// <param name="Precision">Mean precision over pages with a non-empty prediction.</param>
/// <param name="Recall">Mean recall over all pages.</param>
/// <param name="Accuracy">Share of pages whose token sequence equals the truth.</param>
public sealed record BodyScoreSummary(int Pages, int EmptyPredictions, double F1, double Precision, double Recall, double Accuracy);
