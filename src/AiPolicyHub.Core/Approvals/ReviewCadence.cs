using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Risk;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Approvals;

/// <summary>How many months may pass between two reviews of a workflow, per risk tier (configuration section "ReviewCadence").</summary>
public sealed class ReviewCadenceOptions
{
    public const string Section = "ReviewCadence";

    public int CriticalMonths { get; set; } = 1;
    public int HighMonths { get; set; } = 3;
    public int MediumMonths { get; set; } = 6;
    public int LowMonths { get; set; } = 12;
}

/// <summary>When a workflow is to be reviewed next. Pure: the date of the review comes in, the next date goes out.</summary>
public sealed class ReviewCadence
{
    private readonly ReviewCadenceOptions options;

    public ReviewCadence(ReviewCadenceOptions options)
    {
        foreach (var (tier, months) in new[] { (RiskTier.Critical, options.CriticalMonths), (RiskTier.High, options.HighMonths),
                     (RiskTier.Medium, options.MediumMonths), (RiskTier.Low, options.LowMonths) })
        {
            if (months is < 1 or > 60)
            {
                throw new ArgumentOutOfRangeException(nameof(options),
                    $"The review cadence for the {tier} tier must be 1 to 60 months, not {months} ({ReviewCadenceOptions.Section}:{tier}Months).");
            }
        }
        this.options = options;
    }

    /// <summary>Critical monthly, high quarterly, medium twice a year, low yearly.</summary>
    public static ReviewCadence Default { get; } = new(new ReviewCadenceOptions());

    public int MonthsFor(RiskTier tier) => tier switch
    {
        RiskTier.Critical => options.CriticalMonths,
        RiskTier.High => options.HighMonths,
        RiskTier.Medium => options.MediumMonths,
        _ => options.LowMonths,
    };

    /// <summary>
    /// The months until the next review: the tier's cadence, or the workflow's own setting where its owner chose a shorter one.
    /// Without a tier (no risk score yet) the workflow's own setting.
    /// </summary>
    public int MonthsFor(RiskTier? tier, int workflowMonths) =>
        tier is { } known ? Math.Min(MonthsFor(known), Math.Max(1, workflowMonths)) : Math.Max(1, workflowMonths);

    public DateOnly NextReviewAfter(DateOnly reviewedOn, RiskTier? tier, int workflowMonths) =>
        reviewedOn.AddMonths(MonthsFor(tier, workflowMonths));
}

/// <summary>Where a workflow's risk tier comes from, for its review cadence.</summary>
public interface IWorkflowRiskTiers
{
    /// <returns>The tier, or null where none is known.</returns>
    Task<RiskTier?> TierOfAsync(int workflowId, CancellationToken cancellationToken = default);
}

/// <summary>The tier kept on the workflow's row by <see cref="Risk.RiskIndex"/>; none while the workflow is not assessed yet.</summary>
public sealed class StoredRiskTiers(IDbContextFactory<AppDbContext> contexts) : IWorkflowRiskTiers
{
    public async Task<RiskTier?> TierOfAsync(int workflowId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Workflows.Where(w => w.Id == workflowId).Select(w => new { w.RiskScore, w.RiskTier })
            .SingleOrDefaultAsync(cancellationToken);
        return row is { RiskScore: > 0 } ? row.RiskTier : null;
    }
}
