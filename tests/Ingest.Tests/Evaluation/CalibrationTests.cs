using System.Collections.Immutable;
using Ingest.Evaluation;

namespace Ingest.Tests.Evaluation;

public sealed class CalibrationTests
{
    private static Prediction Predicted(string title, double confidence, string[]? authors = null, double authorConfidence = 0)
    {
        var fields = ImmutableSortedDictionary.CreateBuilder<string, PredictedField>(StringComparer.Ordinal);
        fields["title"] = new PredictedField("h1", confidence, []);
        if (authors is not null)
        {
            fields["authors"] = new PredictedField("byline", authorConfidence, []);
        }

        return new Prediction("Some body text here.", title, [.. authors ?? []], null, "en", fields.ToImmutable());
    }

    [Fact]
    public void Score_TitlesWithConfidence_FallInTheirBandsRightOrWrong()
    {
        BenchmarkPage[] pages =
        [
            new("a", "a.html", new Uri("https://a.example/"), "Some body text here.", Title: "Right title"),
            new("b", "b.html", new Uri("https://b.example/"), "Some body text here.", Title: "Other title"),
            new("c", "c.html", new Uri("https://c.example/"), "Some body text here.", Title: "Low title"),
        ];
        var predictions = new Dictionary<string, Prediction>
        {
            ["a"] = Predicted("Right title", 0.96),
            ["b"] = Predicted("Wrong title", 0.92),
            ["c"] = Predicted("Low title", 0.4),
        };

        var calibration = Evaluator.Score(pages, predictions).Calibration;

        var bands = calibration.Bands("title");
        Assert.Equal(new CalibrationBand(0.95, 1.0, 1, 1), bands.Single(b => b.From == 0.95));
        Assert.Equal(new CalibrationBand(0.9, 0.95, 0, 1), bands.Single(b => b.From == 0.9));
        Assert.Equal(new CalibrationBand(0, 0.5, 1, 1), bands.Single(b => b.From == 0));
    }

    [Fact]
    public void Effects_AuthorsNamedWhereTheTruthHasNone_CountAsWrongUntilTheThresholdDropsThem()
    {
        BenchmarkPage[] pages =
        [
            new("a", "a.html", new Uri("https://a.example/"), "Some body text here.", Title: "T", Author: "Jane Doe"),
            new("b", "b.html", new Uri("https://b.example/"), "Some body text here.", Title: "T"),
        ];
        var predictions = new Dictionary<string, Prediction>
        {
            ["a"] = Predicted("T", 0.9, ["Jane Doe"], 0.95),
            ["b"] = Predicted("T", 0.9, ["Sign In"], 0.45),
        };

        var effects = Evaluator.Score(pages, predictions).Calibration.Effects("authors");

        Assert.Equal(new ThresholdEffect(0, 1, 1), effects[0]);
        Assert.Equal(new ThresholdEffect(0.5, 1, 0), effects.Single(e => e.Threshold == 0.5));
    }

    [Fact]
    public void Score_BenchmarkWithoutAnyAuthorTruth_JudgesNoAuthors()
    {
        BenchmarkPage[] pages = [new("a", "a.html", new Uri("https://a.example/"), "Some body text here.")];
        var predictions = new Dictionary<string, Prediction> { ["a"] = Predicted("T", 0.9, ["Jane Doe"], 0.95) };

        var calibration = Evaluator.Score(pages, predictions).Calibration;

        Assert.DoesNotContain("authors", calibration.Fields);
    }

    [Fact]
    public void Score_TitleOrDeclared_CountsTheDeclaredHeadline_ButTheTitleFigureDoesNot()
    {
        BenchmarkPage[] pages =
        [
            new("a", "a.html", new Uri("https://a.example/"), "Some body text here.", Title: "Kicker: the headline"),
            new("b", "b.html", new Uri("https://b.example/"), "Some body text here.", Title: "Right title"),
        ];
        var predictions = new Dictionary<string, Prediction>
        {
            ["a"] = Predicted("The headline", 0.8) with { DeclaredTitle = "Kicker: the headline" },
            ["b"] = Predicted("Right title", 0.9) with { DeclaredTitle = "Another wording" },
        };

        var report = Evaluator.Score(pages, predictions);

        Assert.Equal(new FieldAgreement(1, 2), report.Title);
        Assert.Equal(new FieldAgreement(2, 2), report.TitleOrDeclared);
    }
}
