using System.Security.Claims;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Onboarding;

/// <summary>The steps a new organisation goes through before the dashboard has anything to show, in order.</summary>
public enum FirstRunStepKey
{
    Departments,
    ClassificationLevels,
    Tools,
    Workflows,
    Policy,
    People,
}

/// <summary>
/// One step of the first-run checklist: whether the data shows it done, where to do it and whether the person asking may
/// (the page links only then; the page behind the link checks the role again).
/// </summary>
public sealed record FirstRunStep(FirstRunStepKey Key, string Title, string Explanation, string Href, bool Done, bool MayDo);

public sealed record FirstRunChecklistState(IReadOnlyList<FirstRunStep> Steps)
{
    public int DoneCount => Steps.Count(s => s.Done);
    public bool IsComplete => Steps.All(s => s.Done);
}

/// <summary>
/// What a new organisation has set up so far, read from its data (never from a "done" flag a person ticks): each step is
/// done when the records it asks for exist. Cheap existence queries, so the dashboard can ask on every visit.
/// </summary>
public sealed class FirstRunChecklist(IDbContextFactory<AppDbContext> contexts)
{
    /// <summary>Null for staff and for people who cannot sign in; they do not see the dashboard.</summary>
    public async Task<FirstRunChecklistState?> LoadAsync(ClaimsPrincipal principal, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var actor = await Actor.FindAsync(db, principal, cancellationToken);
        if (actor is null || !(actor.IsManager || actor.IsComplianceOrAdmin))
        {
            return null;
        }
        var isAdministrator = actor.Roles.Contains(Roles.Administrator);

        // The installation starts with one department ("General") and the default levels (ReferenceData): those alone
        // do not count as set up.
        var departments = await db.Departments.AnyAsync(d => d.Name != ReferenceData.DefaultDepartment, cancellationToken)
            || await db.DepartmentManagers.AnyAsync(cancellationToken);
        var levels = await db.AuditEntries.AnyAsync(a => a.EntityType == OrganisationSettings.LevelEntityType, cancellationToken)
            || await LevelsDifferFromDefaultsAsync(db, cancellationToken);
        var tools = await db.Tools.AnyAsync(t => t.ApprovalStatus != ToolApprovalStatus.Retired, cancellationToken);
        var workflows = await db.Workflows.AnyAsync(cancellationToken);
        var policy = await db.PolicyVersions.AnyAsync(cancellationToken);
        var people = await db.Users.CountAsync(cancellationToken) > 1;

        return new FirstRunChecklistState(
        [
            new(FirstRunStepKey.Departments, "Add your departments and their managers",
                "Managers record and change the workflows of the departments they manage.",
                "/admin/organisation", departments, isAdministrator),
            new(FirstRunStepKey.ClassificationLevels, "Review the data classification levels",
                "Name and describe your levels of data sensitivity; everyone picks from them.",
                "/admin/organisation", levels, isAdministrator),
            new(FirstRunStepKey.Tools, "Record the AI tools in use",
                "Which tools are approved, for which data, and which are not.",
                "/tools/new", tools, actor.CanEditTools),
            new(FirstRunStepKey.Workflows, "Import or record your AI workflows",
                "Bring an existing inventory in from CSV, XLSX or JSON, or record workflows one by one.",
                "/import", workflows, actor.IsManager || actor.IsComplianceOrAdmin),
            new(FirstRunStepKey.Policy, "Publish the AI usage policy",
                "Staff read and acknowledge the published version.",
                "/policy/edit", policy, actor.IsComplianceOrAdmin),
            new(FirstRunStepKey.People, "Invite your colleagues",
                "Give each person a role: staff, manager, compliance officer or administrator.",
                "/admin/users", people, isAdministrator),
        ]);
    }

    private static async Task<bool> LevelsDifferFromDefaultsAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var stored = await db.ClassificationLevels.AsNoTracking().OrderBy(l => l.Rank)
            .Select(l => new { l.Name, l.Description, l.Examples }).ToListAsync(cancellationToken);
        var defaults = DataClassificationLevel.Defaults().Select(l => new { l.Name, l.Description, l.Examples }).ToList();
        return !stored.SequenceEqual(defaults);
    }
}
