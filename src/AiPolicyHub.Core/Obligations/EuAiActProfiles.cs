using System.Security.Claims;
using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Risk;
using AiPolicyHub.Core.Rules;
using AiPolicyHub.Core.Rules.BuiltIn;
using AiPolicyHub.Core.Rules.Stored;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Obligations;

/// <summary>What a person edits about a workflow under the EU AI Act.</summary>
public sealed record EuAiActProfileForm(OperatorRole Role, HighRiskArea Area, bool ProvidesPublicService, string TransparencyMeasure);

/// <summary>Everything the workflow page shows under "EU AI Act obligations".</summary>
public sealed record WorkflowObligationsView(
    int WorkflowId,
    EuAiActProfileForm Profile,
    bool CanEdit,
    EuAiActCategory Category,
    bool CategoryDecided,
    bool OutputReachesPeople,
    bool OrganisationIsPublicBody,
    FriaVerdict Fria,
    int FriaVersion,
    ObligationOutlook Obligations,
    CurrentObligationTable Table,
    DateOnly Today);

/// <summary>
/// The organisation's role and the other EU AI Act facts of a workflow, and the obligations that follow from them today.
/// Changed by the managers of its department and compliance, each change in the workflow's history.
/// </summary>
public sealed class EuAiActProfiles(IDbContextFactory<AppDbContext> contexts, AuditTrail audit, RuleSettingsStore rules)
{
    public const int TransparencyMeasureMaxLength = 1000;

    public async Task<WorkflowObligationsView?> ViewAsync(ClaimsPrincipal principal, int workflowId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var actor = await Actor.FindAsync(db, principal, cancellationToken);
        var found = actor is null ? [] : await WithSuggestionsAsync(db, db.Workflows.Where(w => w.Id == workflowId), cancellationToken);
        if (actor is null || found.Count == 0)
        {
            return null;
        }
        var (workflow, suggested) = found[0];
        var publicBody = await OrganisationIsPublicBodyAsync(db, cancellationToken);
        var (facts, fria) = ObligationFacts.Of(workflow, workflow.OperatorRole, suggested, publicBody);
        var table = await ObligationTables.CurrentAsync(db, cancellationToken);
        var today = Today;
        return new WorkflowObligationsView(workflow.Id, FormOf(workflow), actor.CanEditWorkflowsOf(workflow.DepartmentId),
            workflow.EuAiActCategory ?? suggested, workflow.EuAiActCategory is not null, ObligationFacts.ReachesPeople(workflow.Audience), publicBody,
            fria, workflow.FriaVersion, WorkflowObligations.For(facts, table.Table, today), table, today);
    }

    /// <summary>
    /// What the agent page shows under "EU AI Act obligations": the agent's role, and the obligations of the workflows relying on
    /// it (not retired) for that role (<see cref="AgentObligations.Of"/>), split on today. Everyone signed in reads it, as the agent.
    /// </summary>
    public async Task<AgentObligationsView?> AgentViewAsync(ClaimsPrincipal principal, int agentId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var actor = await Actor.FindAsync(db, principal, cancellationToken);
        var role = await db.Agents.AsNoTracking().Where(a => a.Id == agentId).Select(a => (OperatorRole?)a.OperatorRole).SingleOrDefaultAsync(cancellationToken);
        if (actor is null || role is not { } agentRole)
        {
            return null;
        }
        var workflows = await WithSuggestionsAsync(db, db.Workflows.Where(w => w.Status != WorkflowStatus.Retired
            && db.AgentWorkflows.Any(l => l.AgentId == agentId && l.WorkflowId == w.Id)), cancellationToken);
        var publicBody = await OrganisationIsPublicBodyAsync(db, cancellationToken);
        var relying = workflows.Select(x => new RelyingWorkflow(x.Workflow.Id, x.Workflow.Name, x.Workflow.EuAiActCategory ?? x.Suggested,
            x.Workflow.EuAiActCategory is not null, ObligationFacts.Of(x.Workflow, agentRole, x.Suggested, publicBody).Facts)).ToList();
        var category = AgentObligations.Of(agentRole, relying);
        var table = await ObligationTables.CurrentAsync(db, cancellationToken);
        var today = Today;
        return new AgentObligationsView(agentId, agentRole, category.Category, category.From, relying.Count,
            WorkflowObligations.For(category.Facts, table.Table, today), table, today);
    }

    private DateOnly Today => DateOnly.FromDateTime(audit.Clock.GetUtcNow().UtcDateTime);

    /// <summary>
    /// The workflows (with their data classification and tools) each with the EU AI Act category the classifier suggests for it:
    /// the one step the workflow's panel and an agent's take to read a workflow's category.
    /// </summary>
    private static async Task<IReadOnlyList<(Workflow Workflow, EuAiActCategory Suggested)>> WithSuggestionsAsync(AppDbContext db, IQueryable<Workflow> workflows,
        CancellationToken cancellationToken)
    {
        var found = await workflows.AsNoTracking().Include(w => w.DataClassification).Include(w => w.Tools).AsSplitQuery().ToListAsync(cancellationToken);
        var toolIds = found.SelectMany(w => w.Tools.Select(t => t.ToolId)).Distinct().ToList();
        var tools = await db.Tools.AsNoTracking().Include(t => t.MaxClassification).Where(t => toolIds.Contains(t.Id))
            .ToDictionaryAsync(t => t.Id, RuleTool.From, cancellationToken);
        return [.. found.Select(w => (w, EuAiActClassifier.Suggest(RuleSubject.From(w, [.. w.Tools.Select(t => tools[t.ToolId])])).Category))];
    }

    /// <summary>The organisation's "public body" setting, which the FRIA rule keeps (see <see cref="FriaMissingRule"/>).</summary>
    public async Task<bool> OrganisationIsPublicBodyAsync(AppDbContext db, CancellationToken cancellationToken = default)
    {
        var settings = await rules.LoadAsync(db, cancellationToken);
        var rule = BuiltInRules.Find(FriaMissingRule.RuleId)!;
        return settings.ParametersFor(rule)[FriaMissingRule.PublicBodyKey] == 1;
    }

    /// <summary>
    /// Records the profile. <paramref name="loaded"/> is what the person started from: when someone changed it meanwhile,
    /// nothing is saved and they are told (the update only applies while the stored values are still those).
    /// </summary>
    public async Task<SaveOutcome> SaveAsync(ClaimsPrincipal principal, int workflowId, EuAiActProfileForm form, EuAiActProfileForm loaded,
        CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var actor = await Actor.FindAsync(db, principal, cancellationToken);
        if (actor is null)
        {
            return SaveOutcome.Forbidden("Sign in again to change the workflow.");
        }
        var errors = new ValidationErrors();
        if (!Enum.IsDefined(form.Role)) errors.Add(nameof(form.Role), "Choose the organisation's role.");
        if (!Enum.IsDefined(form.Area)) errors.Add(nameof(form.Area), "Choose the high-risk area, or “Not a listed high-risk use”.");
        var measure = (form.TransparencyMeasure ?? "").Trim();
        if (measure.Length > TransparencyMeasureMaxLength)
        {
            errors.Add(nameof(form.TransparencyMeasure), $"Keep the transparency measure to {TransparencyMeasureMaxLength:N0} characters.");
        }
        else if (measure.Length is > 0 and < 10)
        {
            errors.Add(nameof(form.TransparencyMeasure), "Say in a few words how people are told (at least 10 characters), or leave it empty.");
        }
        if (!errors.IsEmpty)
        {
            return new SaveOutcome(SaveStatus.Invalid, workflowId, Errors: errors);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var workflow = await db.Workflows.AsNoTracking().SingleOrDefaultAsync(w => w.Id == workflowId, cancellationToken);
        if (workflow is null)
        {
            return SaveOutcome.NotFound;
        }
        if (!actor.CanEditWorkflowsOf(workflow.DepartmentId))
        {
            return SaveOutcome.Forbidden("Only managers of the workflow's department and compliance officers can change its EU AI Act details.");
        }
        var loadedMeasure = (loaded.TransparencyMeasure ?? "").Trim();
        var updated = await db.Workflows.Where(w => w.Id == workflowId && w.OperatorRole == loaded.Role && w.HighRiskArea == loaded.Area
                && w.ProvidesPublicService == loaded.ProvidesPublicService && w.TransparencyMeasure == loadedMeasure)
            .ExecuteUpdateAsync(s => s
                .SetProperty(w => w.OperatorRole, form.Role)
                .SetProperty(w => w.HighRiskArea, form.Area)
                .SetProperty(w => w.ProvidesPublicService, form.ProvidesPublicService)
                .SetProperty(w => w.TransparencyMeasure, measure), cancellationToken);
        if (updated == 0)
        {
            return new SaveOutcome(SaveStatus.Conflict, workflowId,
                Message: "Someone changed these EU AI Act details meanwhile; the page now shows theirs. Make your change again if it is still needed.");
        }
        var changes = AuditTrail.Diff(Describe(loaded with { TransparencyMeasure = loadedMeasure }), Describe(form with { TransparencyMeasure = measure }));
        if (changes.Count > 0)
        {
            await audit.AppendAsync(db, actor, WorkflowInventory.EntityType, workflowId.ToString(), workflow.Name, AuditAction.Changed, changes, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return new SaveOutcome(SaveStatus.Saved, workflowId);
    }

    public static EuAiActProfileForm FormOf(Workflow w) => new(w.OperatorRole, w.HighRiskArea, w.ProvidesPublicService, w.TransparencyMeasure);

    private static Dictionary<string, string> Describe(EuAiActProfileForm f) => new()
    {
        ["EU AI Act role"] = EnumText.Of(f.Role),
        ["High-risk area"] = EnumText.Of(f.Area),
        ["Provides a public service"] = f.ProvidesPublicService ? "Yes" : "No",
        ["Transparency measure"] = f.TransparencyMeasure,
    };
}
