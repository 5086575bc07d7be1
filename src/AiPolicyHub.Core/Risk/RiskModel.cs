using System.ComponentModel;

namespace AiPolicyHub.Core.Risk;

/// <summary>The kinds of harm AI use can cause; each factor and control names the ones it concerns.</summary>
public enum RiskCategory
{
    [Description("Data leakage")] DataLeakage,
    [Description("Inaccurate output and over-trust")] InaccurateOutput,
    [Description("Bias and discrimination")] Bias,
    [Description("Security of AI-written code")] CodeSecurity,
    [Description("Loss of human control")] LossOfControl,
    [Description("Audit and provenance gaps")] AuditGaps,
    [Description("Model or evaluation drift")] Drift,
    [Description("Vendor dependence")] VendorDependence,
    [Description("Misuse")] Misuse,
}

/// <summary>
/// One reason the score moved: <see cref="Likelihood"/> and <see cref="Impact"/> are the steps on the 1–5 scales
/// (positive for a risk factor, negative for a control), <see cref="Text"/> says why in a manager's words.
/// </summary>
public sealed record RiskFactor(int Likelihood, int Impact, string Text, IReadOnlyList<RiskCategory> Categories)
{
    /// <summary>"+2 impact: output reaches customers", "−1 likelihood: reviewed before release".</summary>
    public string Describe()
    {
        var parts = new List<string>();
        if (Likelihood != 0)
        {
            parts.Add($"{Signed(Likelihood)} likelihood");
        }
        if (Impact != 0)
        {
            parts.Add($"{Signed(Impact)} impact");
        }
        return $"{string.Join(", ", parts)}: {Text}";
    }

    private static string Signed(int steps) => steps > 0 ? $"+{steps}" : $"−{-steps}";
}

/// <summary>A place on the 5 × 5 likelihood × impact grid; the score is their product, 1 to 25.</summary>
public readonly record struct RiskPoint(int Likelihood, int Impact)
{
    public const int Minimum = 1;
    public const int Maximum = 5;

    public int Score => Likelihood * Impact;

    public static RiskPoint Clamped(int likelihood, int impact) =>
        new(Math.Clamp(likelihood, Minimum, Maximum), Math.Clamp(impact, Minimum, Maximum));
}

/// <summary>A category's share of the risk: how many steps its factors add and its controls take away.</summary>
public sealed record CategoryRisk(RiskCategory Category, int Raised, int Lowered)
{
    public int Net => Math.Max(0, Raised - Lowered);
}

/// <summary>
/// A workflow's risk, explained: where it sits before its controls (inherent) and after them (residual), every factor
/// and control that moved it, the risk per category, the tier, and what would lower it.
/// </summary>
public sealed record RiskAssessment(
    RiskPoint Inherent,
    RiskPoint Residual,
    RiskTier Tier,
    IReadOnlyList<RiskFactor> Factors,
    IReadOnlyList<RiskFactor> Controls,
    IReadOnlyList<CategoryRisk> Categories,
    IReadOnlyList<string> WouldLower);
