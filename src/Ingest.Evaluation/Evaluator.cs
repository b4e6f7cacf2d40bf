using System.Collections.Concurrent;
using Ingest.Extraction;

namespace Ingest.Evaluation;

/// <summary>Agreement of one metadata field over the pages whose truth has it.</summary>
/// <param name="Agreed">Pages where the prediction agrees.</param>
/// <param name="Pages">Pages whose truth has the field.</param>
public sealed record FieldAgreement(int Agreed, int Pages)
{
    /// <summary>Agreed / Pages; 0 for no pages.</summary>
    public double Rate => Pages == 0 ? 0 : (double)Agreed / Pages;
}

/// <summary>What an evaluation measured.</summary>
/// <param name="Body">The body figures.</param>
/// <param name="Title">Title agreement, when the benchmark has titles.</param>
/// <param name="Author">Author agreement, when the benchmark has authors.</param>
/// <param name="Date">Publication-day agreement, when the benchmark has dates.</param>
/// <param name="MissingPredictions">Benchmark pages the predictions did not cover (scored as empty).</param>
/// <param name="AuthorsWhereNone">Pages whose truth has no author but a name was extracted.</param>
/// <param name="Calibration">Each judged field's confidence against whether it was right.</param>
/// <param name="TitleOrDeclared">Pages whose truth is the title or the declared headline the record carries beside it (not the score: a user reading the record sees both).</param>
public sealed record EvaluationReport(
    BodyScoreSummary Body,
    FieldAgreement? Title,
    FieldAgreement? Author,
    FieldAgreement? Date,
    int MissingPredictions,
    int AuthorsWhereNone,
    Calibration Calibration,
    FieldAgreement? TitleOrDeclared = null);

/// <summary>Scores predictions against a benchmark, and makes predictions by extracting its pages.</summary>
public static class Evaluator
{
    /// <summary>
    /// Extracts every benchmark page with its own URL and no content type (the bytes must speak for themselves);
    /// <paramref name="extracted"/> is told of each page done.
    /// </summary>
    public static Dictionary<string, Prediction> Predict(ArticleExtractor extractor, IReadOnlyList<BenchmarkPage> pages, Action? extracted = null)
    {
        ArgumentNullException.ThrowIfNull(extractor);
        ArgumentNullException.ThrowIfNull(pages);
        var predictions = new ConcurrentDictionary<string, Prediction>(StringComparer.Ordinal);
        Parallel.ForEach(pages, page =>
        {
            predictions[page.Id] = Prediction.From(extractor.Extract(new PageInput(SavedPages.Read(page.HtmlPath), page.Url)));
            extracted?.Invoke();
        });
        return new Dictionary<string, Prediction>(predictions, StringComparer.Ordinal);
    }

    /// <summary>Scores <paramref name="predictions"/> (by page id) against <paramref name="pages"/>.</summary>
    public static EvaluationReport Score(IReadOnlyList<BenchmarkPage> pages, IReadOnlyDictionary<string, Prediction> predictions)
    {
        ArgumentNullException.ThrowIfNull(pages);
        ArgumentNullException.ThrowIfNull(predictions);
        var bodies = new List<PageBodyScore>(pages.Count);
        var calibration = new Calibration();

        // A benchmark without any author truth (ScrapingHub) says nothing of the names extracted from it.
        var judgesAuthors = pages.Any(page => page.Author is not null);
        int missing = 0, authorsWhereNone = 0;
        int titleAgreed = 0, titleOrDeclared = 0, titlePages = 0, authorAgreed = 0, authorPages = 0, dateAgreed = 0, datePages = 0;
        foreach (var page in pages)
        {
            if (!predictions.TryGetValue(page.Id, out var prediction))
            {
                missing++;
                prediction = Prediction.Empty;
            }

            var body = BodyScorer.Score(page.Body, prediction.ArticleBody);
            bodies.Add(body);
            if (!body.IsEmptyPrediction)
            {
                var (p, r) = (body.Precision, body.Recall);
                calibration.Add("body", prediction.ConfidenceOf("body"), p + r > 0 && 2 * p * r / (p + r) >= Calibration.BodyRightF1);
            }

            if (page.Title is { } title)
            {
                titlePages++;
                var agrees = MetadataAgreement.TitleAgrees(title, prediction.Title);
                titleAgreed += agrees ? 1 : 0;
                titleOrDeclared += agrees || MetadataAgreement.TitleAgrees(title, prediction.DeclaredTitle) ? 1 : 0;
                calibration.Add("title", prediction.ConfidenceOf("title"), agrees);
            }

            var authors = prediction.Authors.IsDefault ? [] : prediction.Authors;
            if (page.Author is { } author)
            {
                authorPages++;
                var agrees = MetadataAgreement.AuthorAgrees(author, authors);
                authorAgreed += agrees ? 1 : 0;
                calibration.Add("authors", prediction.ConfidenceOf("authors"), agrees);
            }
            else if (authors.Length > 0)
            {
                authorsWhereNone++;
                if (judgesAuthors)
                {
                    calibration.Add("authors", prediction.ConfidenceOf("authors"), right: false, hasTruth: false);
                }
            }

            if (page.PublishDate is { } date)
            {
                datePages++;
                var agrees = MetadataAgreement.DateAgrees(date, prediction.Published);
                dateAgreed += agrees ? 1 : 0;
                calibration.Add("published", prediction.ConfidenceOf("published"), agrees);
            }
        }

        return new EvaluationReport(
            BodyScorer.Summarize(bodies),
            titlePages > 0 ? new FieldAgreement(titleAgreed, titlePages) : null,
            authorPages > 0 ? new FieldAgreement(authorAgreed, authorPages) : null,
            datePages > 0 ? new FieldAgreement(dateAgreed, datePages) : null,
            missing,
            authorsWhereNone,
            calibration,
            titlePages > 0 ? new FieldAgreement(titleOrDeclared, titlePages) : null);
    }
}
