using Ingest.Evaluation;

namespace Ingest.Tests.Evaluation;

public sealed class BodyScorerTests
{
    [Fact]
    public void Tokens_PunctuationAndCase_KeepsWordsCaseSensitive()
    {
        Assert.Equal("Hello|world|It|s|2024|naïve|서울|snake_case", string.Join("|", BodyScorer.Tokens("Hello, world! It's 2024 — naïve 서울. snake_case")));
    }

    [Fact]
    public void Shingles_FiveTokens_TwoOverlappingShingles()
    {
        var shingles = BodyScorer.Shingles(BodyScorer.Tokens("a b c d e"));

        Assert.Equal(2, shingles.Count);
        Assert.All(shingles.Values, count => Assert.Equal(1, count));
    }

    [Fact]
    public void Shingles_RepeatedText_CountsMultiset()
    {
        var shingles = BodyScorer.Shingles(BodyScorer.Tokens("a b c d a b c d"));

        // abcd, bcda, cdab, dabc, abcd: five shingles, abcd twice.
        Assert.Equal(5, shingles.Values.Sum());
        Assert.Equal(2, shingles.Values.Max());
    }

    [Fact]
    public void Score_FewerThanFourTokens_OneShorterShingle()
    {
        Assert.Single(BodyScorer.Shingles(BodyScorer.Tokens("only two")));
        var same = BodyScorer.Score("only two", "Only two!");
        var equal = BodyScorer.Score("only two", "only two");

        Assert.Equal((0, 1, 1), (same.TruePositives, same.FalsePositives, same.FalseNegatives)); // case-sensitive
        Assert.Equal((1, 0, 0), (equal.TruePositives, equal.FalsePositives, equal.FalseNegatives));
        Assert.True(equal.Exact);
    }

    [Fact]
    public void Score_EmptyPrediction_NoShinglesAndMarkedEmpty()
    {
        Assert.Empty(BodyScorer.Shingles(BodyScorer.Tokens("")));
        var score = BodyScorer.Score("a b c d e", "  ... ");

        Assert.True(score.IsEmptyPrediction);
        Assert.Equal((0, 0, 2), (score.TruePositives, score.FalsePositives, score.FalseNegatives));
    }

    [Fact]
    public void Score_PartialOverlap_CountsTruePositivesFalsePositivesFalseNegatives()
    {
        // Truth: a b c d e f → abcd bcde cdef. Prediction: b c d e f g → bcde cdef defg.
        var score = BodyScorer.Score("a b c d e f", "b c d e f g");

        Assert.Equal((2, 1, 1), (score.TruePositives, score.FalsePositives, score.FalseNegatives));
        Assert.Equal(2.0 / 3, score.Precision, 10);
        Assert.Equal(2.0 / 3, score.Recall, 10);
        Assert.False(score.Exact);
    }

    [Fact]
    public void Summarize_EmptyPrediction_LeftOutOfPrecisionAndRecallZero()
    {
        var perfect = BodyScorer.Score("a b c d e", "a b c d e");
        var half = BodyScorer.Score("a b c d e f", "a b c d x y"); // TP 1 (abcd), FP 2, FN 2
        var empty = BodyScorer.Score("a b c d e", string.Empty);

        var summary = BodyScorer.Summarize([perfect, half, empty]);

        var precision = (1 + 1.0 / 3) / 2;
        var recall = (1 + 1.0 / 3 + 0) / 3;
        Assert.Equal(3, summary.Pages);
        Assert.Equal(1, summary.EmptyPredictions);
        Assert.Equal(precision, summary.Precision, 10);
        Assert.Equal(recall, summary.Recall, 10);
        Assert.Equal(2 * precision * recall / (precision + recall), summary.F1, 10);
        Assert.Equal(1.0 / 3, summary.Accuracy, 10);
    }

    [Fact]
    public void Score_PunctuationOnlyDifference_IsExact()
    {
        var score = BodyScorer.Score("One, two; three.\nFour five", "One two three Four — five!");

        Assert.True(score.Exact);
        Assert.Equal(1.0, score.Precision);
        Assert.Equal(1.0, score.Recall);
    }
}
