using System.Globalization;
using AiPolicyHub.Core.Inventory;

namespace AiPolicyHub.Core.Rules.BuiltIn;

/// <summary>
/// (7) A workflow in production needs an owner and a review date that has not passed. The review is overdue the day
/// after the review date plus the grace days: a review date of today is not overdue.
/// </summary>
public sealed class ProductionOwnershipRule : IPolicyRule
{
    public const string RuleId = "production-ownership";
    public const string GraceDaysKey = "GraceDays";

    public string Id => RuleId;
    public string Title => "Production workflow without an owner or a current review";
    public string Rationale =>
        "Tools, models, data and regulations change. Someone must be accountable for each AI use in production and " +
        "look at it again on schedule, or risks grow unnoticed.";
    public FindingSeverity Severity => FindingSeverity.Medium;
    public IReadOnlyList<string> References { get; } =
        ["NIST AI RMF: GOVERN 2.1", "NIST AI RMF: GOVERN 1.5", "ISO/IEC 42001 A.3.2", "ISO/IEC 42001 A.6.2.6", "EU AI Act Art. 26"];
    public IReadOnlyList<RuleParameter> Parameters { get; } =
    [
        new(GraceDaysKey, "Grace period", "Days after the review date before the review counts as overdue.",
            RuleParameterKind.Number, 0, "days"),
    ];

    public IReadOnlyList<string> Validate(RuleParameters parameters, ClassificationScale scale) =>
        RuleChecks.Range(parameters[GraceDaysKey], 0, 365, "The grace period");

    public RuleFinding? Evaluate(RuleSubject subject, in RuleContext context)
    {
        if (subject.Stage != LifecycleStage.Production)
        {
            return null;
        }
        var graceDays = context.Parameters[GraceDaysKey];
        var review = subject.NextReviewDate;
        var reviewProblem = review is not { } date ? "has no review date"
            : date.DayNumber + graceDays < context.Today.DayNumber ? $"was due for review on {date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}"
            : null;
        if (subject.HasOwner && reviewProblem is null)
        {
            return null;
        }
        var problem = (subject.HasOwner, reviewProblem) switch
        {
            (false, null) => "has no owner",
            (false, _) => $"has no owner and {reviewProblem}",
            _ => reviewProblem,
        };
        var remedy = (subject.HasOwner, reviewProblem) switch
        {
            (false, null) => "Name the person accountable for it.",
            (false, _) => "Name the person accountable for it, and have them review it and set the next review date.",
            _ => "Have the owner review it and set the next review date.",
        };
        return RuleFinding.For(this, $"It is in production but {problem}.", remedy);
    }
}
