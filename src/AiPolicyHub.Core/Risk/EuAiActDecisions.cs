using System.Security.Claims;
using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Rules;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Risk;

/// <summary>A workflow's EU AI Act category: the suggestion, and compliance's decision on it when there is one.</summary>
public sealed record EuAiActStatus(EuAiActSuggestion Suggestion, EuAiActCategory? Decided, string? Justification, string? DecidedBy, DateTime? DecidedAt)
{
    public bool IsOverride => Decided is { } decided && decided != Suggestion.Category;
}

/// <summary>
/// Compliance confirms the suggested EU AI Act category of a workflow, or records another one with a justification.
/// Either is recorded in the workflow's history. Compliance officers and administrators only.
/// </summary>
public sealed class EuAiActDecisions(IDbContextFactory<AppDbContext> contexts, AuditTrail audit, TimeProvider clock)
{
    public const string NotAllowed = "Only a compliance officer can decide a workflow's EU AI Act category.";

    public async Task<EuAiActStatus?> StatusAsync(int workflowId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var workflow = await LoadAsync(db, workflowId, cancellationToken);
        return workflow is null ? null : new EuAiActStatus(await SuggestAsync(db, workflow, cancellationToken), workflow.EuAiActCategory,
            workflow.EuAiActJustification, workflow.EuAiActDecidedBy, workflow.EuAiActDecidedAt);
    }

    /// <summary>
    /// Records <paramref name="category"/> for the workflow. A category other than the suggestion needs a justification
    /// of at least 20 characters; confirming the suggestion may carry one.
    /// </summary>
    public async Task<Result> DecideAsync(ClaimsPrincipal principal, int workflowId, EuAiActCategory category, string? justification,
        CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var actor = await Actor.FindAsync(db, principal, cancellationToken);
        if (actor is null || !actor.IsComplianceOrAdmin)
        {
            return Result.Failure(NotAllowed);
        }
        if (!Enum.IsDefined(category))
        {
            return Result.Failure("Choose one of the Act's categories.");
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var workflow = await LoadAsync(db, workflowId, cancellationToken);
        if (workflow is null)
        {
            return Result.Failure("That workflow no longer exists.");
        }
        var suggestion = await SuggestAsync(db, workflow, cancellationToken);
        justification = string.IsNullOrWhiteSpace(justification) ? null : justification.Trim();
        if (category != suggestion.Category && (justification is null || justification.Length < 20))
        {
            return Result.Failure($"The suggestion is “{EnumText.Of(suggestion.Category)}”: explain in at least 20 characters why “{EnumText.Of(category)}” is right instead.");
        }
        if (justification is { Length: > 2000 })
        {
            return Result.Failure("Keep the justification to 2,000 characters.");
        }

        var before = Describe(workflow.EuAiActCategory, workflow.EuAiActJustification);
        workflow.EuAiActCategory = category;
        workflow.EuAiActJustification = justification;
        workflow.EuAiActDecidedBy = actor.Name;
        workflow.EuAiActDecidedAt = clock.GetUtcNow().UtcDateTime;
        var after = Describe(category, justification) + (category == suggestion.Category ? " (confirms the suggestion)" : $" (instead of the suggested {EnumText.Of(suggestion.Category)})");
        await audit.AppendAsync(db, actor, WorkflowInventory.EntityType, workflow.Id.ToString(), workflow.Name, AuditAction.Changed,
            [new FieldChange("EU AI Act category", before, after)], cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result.Success();
    }

    private static string Describe(EuAiActCategory? category, string? justification) =>
        category is null ? "Not decided" : justification is null ? EnumText.Of(category.Value) : $"{EnumText.Of(category.Value)}: {justification}";

    private static Task<Workflow?> LoadAsync(AppDbContext db, int id, CancellationToken cancellationToken) =>
        db.Workflows.Include(w => w.DataClassification).Include(w => w.Tools).SingleOrDefaultAsync(w => w.Id == id, cancellationToken);

    private static async Task<EuAiActSuggestion> SuggestAsync(AppDbContext db, Workflow workflow, CancellationToken cancellationToken)
    {
        var toolIds = workflow.Tools.Select(t => t.ToolId).ToList();
        var tools = await db.Tools.AsNoTracking().Include(t => t.MaxClassification).Where(t => toolIds.Contains(t.Id)).ToListAsync(cancellationToken);
        return EuAiActClassifier.Suggest(RuleSubject.From(workflow, tools.Select(RuleTool.From).ToList()));
    }
}
