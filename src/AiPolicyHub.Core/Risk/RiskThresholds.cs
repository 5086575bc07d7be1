namespace AiPolicyHub.Core.Risk;

/// <summary>
/// The residual scores (likelihood × impact, 1–25) at which a workflow becomes medium, high and critical risk.
/// An administrator can change them; the defaults put 1–4 low, 5–9 medium, 10–16 high and 17–25 critical.
/// </summary>
public sealed record RiskThresholds(int Medium = 5, int High = 10, int Critical = 17)
{
    public static RiskThresholds Default { get; } = new();

    public RiskTier TierOf(int score) =>
        score >= Critical ? RiskTier.Critical
        : score >= High ? RiskTier.High
        : score >= Medium ? RiskTier.Medium
        : RiskTier.Low;

    /// <summary>Messages for impossible thresholds (empty when fine).</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Medium < 2 || Critical > 25)
        {
            errors.Add("Thresholds must lie between 2 and 25 (the scores run from 1 to 25).");
        }
        if (!(Medium < High && High < Critical))
        {
            errors.Add("Each threshold must be higher than the one before: medium < high < critical.");
        }
        return errors;
    }
}
