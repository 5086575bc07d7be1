using System.Security.Claims;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Notifications;

public sealed record NotificationView(long Id, NotificationKind Kind, string Title, string Link, DateTime CreatedAt, bool IsRead);

/// <summary>
/// The bell: each user's notifications, stored in the database (so every app instance shows the same), newest first.
/// Other use cases add notifications inside their own transaction with the static helpers.
/// </summary>
public sealed class NotificationCenter(IDbContextFactory<AppDbContext> contexts, TimeProvider clock)
{
    public const int ListSize = 20;

    public async Task<int> UnreadCountAsync(ClaimsPrincipal principal, CancellationToken cancellationToken = default)
    {
        if (principal.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId)
        {
            return 0;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Notifications.CountAsync(n => n.UserId == userId && n.ReadAt == null, cancellationToken);
    }

    public async Task<IReadOnlyList<NotificationView>> LatestAsync(ClaimsPrincipal principal, CancellationToken cancellationToken = default)
    {
        if (principal.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId)
        {
            return [];
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Notifications.AsNoTracking().Where(n => n.UserId == userId)
            .OrderByDescending(n => n.Id).Take(ListSize)
            .Select(n => new NotificationView(n.Id, n.Kind, n.Title, n.Link, n.CreatedAt, n.ReadAt != null))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Marks one of the user's own notifications read (<paramref name="id"/> null: all of them).</summary>
    public async Task MarkReadAsync(ClaimsPrincipal principal, long? id, CancellationToken cancellationToken = default)
    {
        if (principal.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId)
        {
            return;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Notifications.Where(n => n.UserId == userId && n.ReadAt == null && (id == null || n.Id == id))
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), cancellationToken);
    }

    /// <summary>Adds one notification per user (each once, the actor excluded); the caller saves it with its change.</summary>
    public static void Add(AppDbContext db, TimeProvider clock, IEnumerable<string?> userIds, NotificationKind kind, string title, string link,
        string? exceptUserId = null, string? key = null)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var userId in userIds.OfType<string>().Where(u => u.Length > 0 && u != exceptUserId).Distinct())
        {
            db.Notifications.Add(new Notification { UserId = userId, Kind = kind, Title = Trim(title), Link = link, Key = key, CreatedAt = now });
        }
    }

    /// <summary>
    /// Every enabled user, e.g. for a new policy version to acknowledge (the hook for published policy versions):
    /// <c>await NotificationCenter.NotifyEveryoneAsync(db, clock, NotificationKind.PolicyVersion, "Version 3 of the AI policy is published: read and acknowledge it", "/policy")</c>.
    /// </summary>
    public static async Task NotifyEveryoneAsync(AppDbContext db, TimeProvider clock, NotificationKind kind, string title, string link,
        string? key = null, CancellationToken cancellationToken = default) =>
        Add(db, clock, await db.Users.Where(u => !u.IsDisabled).Select(u => u.Id).ToListAsync(cancellationToken), kind, title, link, key: key);

    /// <summary>Who decides on approvals and pause proposals: the compliance officers (the administrators when there are none).</summary>
    public static async Task<IReadOnlyList<string>> ComplianceOfficersAsync(AppDbContext db, CancellationToken cancellationToken = default)
    {
        async Task<List<string>> InRole(string role) =>
            await (from ur in db.UserRoles
                   join r in db.Roles on ur.RoleId equals r.Id
                   join u in db.Users on ur.UserId equals u.Id
                   where r.Name == role && !u.IsDisabled
                   select u.Id).ToListAsync(cancellationToken);
        var officers = await InRole(Roles.ComplianceOfficer);
        return officers.Count > 0 ? officers : await InRole(Roles.Administrator);
    }

    /// <summary>The owner of the workflow, the managers of its department and the owners of the tools it uses.</summary>
    public static async Task<IReadOnlyList<string>> PeopleConcernedWithAsync(AppDbContext db, int workflowId, CancellationToken cancellationToken = default)
    {
        var workflow = await db.Workflows.AsNoTracking().Where(w => w.Id == workflowId)
            .Select(w => new { w.OwnerId, w.DepartmentId, ToolOwners = w.Tools.Select(t => t.Tool!.OwnerId).ToList() })
            .SingleOrDefaultAsync(cancellationToken);
        if (workflow is null)
        {
            return [];
        }
        var managers = await db.DepartmentManagers.Where(m => m.DepartmentId == workflow.DepartmentId).Select(m => m.UserId).ToListAsync(cancellationToken);
        return [.. new[] { workflow.OwnerId }.Concat(workflow.ToolOwners).Concat(managers).OfType<string>().Distinct()];
    }

    /// <summary>Tells compliance a workflow is waiting for their decision; part of the save that submitted it.</summary>
    public static async Task AwaitingApprovalAsync(AppDbContext db, TimeProvider clock, Workflow workflow, string? exceptUserId,
        CancellationToken cancellationToken = default) =>
        AwaitingApproval(db, clock, await ComplianceOfficersAsync(db, cancellationToken), workflow, exceptUserId);

    /// <summary>The same, for a caller that read the officers once for many workflows (an import).</summary>
    public static void AwaitingApproval(AppDbContext db, TimeProvider clock, IReadOnlyList<string> officers, Workflow workflow, string? exceptUserId) =>
        Add(db, clock, officers, NotificationKind.AwaitingApproval, $"“{workflow.Name}” awaits your approval", $"/workflows/{workflow.Id}", exceptUserId);

    /// <summary>
    /// Someone decided on the workflow (approved, rejected, retired…): the other officers' unread "awaits your approval" for it
    /// no longer asks anything of them, so it is marked read. Runs in the caller's transaction.
    /// </summary>
    public static async Task ApprovalHandledAsync(AppDbContext db, TimeProvider clock, int workflowId, CancellationToken cancellationToken = default)
    {
        var link = $"/workflows/{workflowId}";
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Notifications.Where(n => n.Kind == NotificationKind.AwaitingApproval && n.Link == link && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), cancellationToken);
    }

    private static string Trim(string title) => title.Length <= 500 ? title : title[..497] + "…";
}
