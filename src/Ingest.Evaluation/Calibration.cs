namespace Ingest.Evaluation;

/// <summary>The fields judged in one confidence band, and how many of them were right.</summary>
/// <param name="From">The band's lower bound (inclusive).</param>
/// <param name="To">The band's upper bound (exclusive, except 1.0).</param>
/// <param name="Right">Fields in the band that agreed with the truth.</param>
/// <param name="Count">Fields in the band.</param>
public sealed record CalibrationBand(double From, double To, int Right, int Count)
{
    /// <summary>Right / Count; 0 for an empty band.</summary>
    public double Share => Count == 0 ? 0 : (double)Right / Count;
}

/// <summary>What leaving a field empty below a confidence would have done.</summary>
/// <param name="Threshold">Fields below this confidence are left empty.</param>
/// <param name="Agreed">Pages whose truth has the field that still agree.</param>
/// <param name="WrongKept">Fields still given that are wrong (disagree, or name what the truth lacks).</param>
public sealed record ThresholdEffect(double Threshold, int Agreed, int WrongKept);

/// <summary>
/// Whether the confidences an extraction gives mean what they say: for the title, the authors, the published date and
/// the body of every page whose truth has the field, the confidence given and whether the value was right (the
/// benchmark's own rules; a body is right at a page F1 of 0.8 or more; authors named on a page whose truth has none are
/// wrong, on a benchmark that gives authors at all). Fields given no confidence (predictions files from before it existed) are left out.
/// </summary>
public sealed class Calibration
{
    private static readonly double[] Bounds = [0, 0.5, 0.7, 0.8, 0.9, 0.95, 1.0];
    private static readonly double[] Thresholds = [0, 0.5, 0.6, 0.7, 0.8, 0.9];

    private readonly Dictionary<string, List<(double Confidence, bool Right, bool HasTruth)>> _judged = new(StringComparer.Ordinal);

    /// <summary>The body's page F1 from which it counts as right.</summary>
    public const double BodyRightF1 = 0.8;

    /// <summary>Notes one judged field.</summary>
    public void Add(string field, double? confidence, bool right, bool hasTruth = true)
    {
        if (confidence is not { } given)
        {
            return;
        }

        if (!_judged.TryGetValue(field, out var list))
        {
            _judged[field] = list = [];
        }

        list.Add((given, right, hasTruth));
    }

    /// <summary>True when no field was judged.</summary>
    public bool IsEmpty => _judged.Count == 0;

    /// <summary>The bands over every field, or over <paramref name="field"/> alone.</summary>
    public IReadOnlyList<CalibrationBand> Bands(string? field = null)
    {
        var all = field is null ? _judged.Values.SelectMany(l => l) : _judged.GetValueOrDefault(field) ?? [];
        var bands = new List<CalibrationBand>();
        for (var i = 0; i < Bounds.Length - 1; i++)
        {
            var (from, to) = (Bounds[i], Bounds[i + 1]);
            var inBand = all.Where(j => j.Confidence >= from && (j.Confidence < to || to == 1.0 && j.Confidence <= 1.0)).ToList();
            bands.Add(new CalibrationBand(from, to, inBand.Count(j => j.Right), inBand.Count));
        }

        return bands;
    }

    /// <summary>The fields judged, in ordinal order.</summary>
    public IEnumerable<string> Fields => _judged.Keys.Order(StringComparer.Ordinal);

    /// <summary>What leaving <paramref name="field"/> empty below each of a few thresholds would have done.</summary>
    public IReadOnlyList<ThresholdEffect> Effects(string field)
    {
        var list = _judged.GetValueOrDefault(field) ?? [];
        return [.. Thresholds.Select(t => new ThresholdEffect(
            t,
            list.Count(j => j.HasTruth && j.Right && j.Confidence >= t),
            list.Count(j => !j.Right && j.Confidence >= t)))];
    }
}
