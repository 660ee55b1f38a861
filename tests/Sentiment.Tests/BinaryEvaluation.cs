using System.Globalization;
using System.Text;

namespace CustomerPlatform.Sentiment.Tests;

/// <summary>Precision, recall and F1 of one gold class.</summary>
public sealed record ClassMetrics(SentimentLabel Label, int Support, int Predicted, int Correct)
{
    public double Precision => Predicted == 0 ? 0 : (double)Correct / Predicted;
    public double Recall => Support == 0 ? 0 : (double)Correct / Support;
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);
}

/// <summary>
/// Scores a three-way classifier against positive/negative gold labels. A neutral prediction matches neither
/// class, so it counts as wrong in the accuracy and lowers the recall of its gold class; macro F1 is the mean F1
/// of the two gold classes.
/// </summary>
public sealed record BinaryEvaluation(int Total, int Correct, int Neutral, ClassMetrics Positive, ClassMetrics Negative)
{
    public double Accuracy => Total == 0 ? 0 : (double)Correct / Total;
    public double MacroF1 => (Positive.F1 + Negative.F1) / 2;
    public double NeutralShare => Total == 0 ? 0 : (double)Neutral / Total;

    public static BinaryEvaluation Of(IReadOnlyCollection<(SentimentLabel Gold, SentimentLabel Predicted)> pairs) => new(
        pairs.Count,
        pairs.Count(p => p.Gold == p.Predicted),
        pairs.Count(p => p.Predicted == SentimentLabel.Neutral),
        MetricsOf(SentimentLabel.Positive, pairs),
        MetricsOf(SentimentLabel.Negative, pairs));

    private static ClassMetrics MetricsOf(SentimentLabel label, IReadOnlyCollection<(SentimentLabel Gold, SentimentLabel Predicted)> pairs) => new(
        label,
        pairs.Count(p => p.Gold == label),
        pairs.Count(p => p.Predicted == label),
        pairs.Count(p => p.Gold == label && p.Predicted == label));

    public string Describe(string title)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{title}: {Total} sentences, {Neutral} predicted neutral ({NeutralShare:P1})");
        text.AppendLine(CultureInfo.InvariantCulture, $"  accuracy {Accuracy:F4}, macro F1 {MacroF1:F4}");
        foreach (var metrics in new[] { Positive, Negative })
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"  {metrics.Label.ToLowercaseName(),-8} precision {metrics.Precision:F4} recall {metrics.Recall:F4} F1 {metrics.F1:F4} (support {metrics.Support}, predicted {metrics.Predicted})");
        }
        return text.ToString();
    }
}
