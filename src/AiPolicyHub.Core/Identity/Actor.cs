using System.Security.Claims;
using AiPolicyHub.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Identity;

/// <summary>
/// The signed-in user as the server sees them right now: loaded from the database for each action,
/// so a role or department taken away a second ago no longer counts, whatever the browser shows.
/// </summary>
public sealed record Actor(string UserId, string Name, IReadOnlySet<string> Roles, IReadOnlySet<int> DepartmentIds)
{
    public bool IsComplianceOrAdmin =>
        Roles.Contains(Identity.Roles.Administrator) || Roles.Contains(Identity.Roles.ComplianceOfficer);

    public bool IsManager => Roles.Contains(Identity.Roles.Manager);

    public bool CanEditTools => IsComplianceOrAdmin || IsManager;

    public bool CanEditWorkflowsOf(int departmentId) =>
        IsComplianceOrAdmin || (IsManager && DepartmentIds.Contains(departmentId));

    /// <summary>The enabled user behind <paramref name="principal"/>, or null.</summary>
    public static async Task<Actor?> FindAsync(AppDbContext db, ClaimsPrincipal principal, CancellationToken cancellationToken = default)
    {
        var userId = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null)
        {
            return null;
        }
        var user = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId && !u.IsDisabled)
            .Select(u => new { u.Id, u.DisplayName, u.Email })
            .SingleOrDefaultAsync(cancellationToken);
        if (user is null)
        {
            return null;
        }
        var roles = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           where ur.UserId == userId
                           select r.Name!).ToListAsync(cancellationToken);
        var departments = await db.DepartmentManagers.Where(m => m.UserId == userId)
            .Select(m => m.DepartmentId).ToListAsync(cancellationToken);
        var name = string.IsNullOrWhiteSpace(user.DisplayName) ? user.Email ?? user.Id : user.DisplayName;
        return new Actor(user.Id, name, roles.ToHashSet(), departments.ToHashSet());
    }
}
