using System.Security.Claims;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Inventory;

/// <summary>The choices an inventory form offers.</summary>
public sealed record FormLookups(
    IReadOnlyList<Department> Departments,
    IReadOnlyList<DataClassificationLevel> Levels,
    IReadOnlyList<ToolListItem> Tools,
    IReadOnlyList<Person> People);

public sealed class InventoryLookups(IDbContextFactory<AppDbContext> contexts, ToolCatalog tools)
{
    public async Task<FormLookups> LoadAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return new FormLookups(
            await db.Departments.AsNoTracking().OrderBy(d => d.Name).ToListAsync(cancellationToken),
            await db.ClassificationLevels.AsNoTracking().OrderBy(l => l.Rank).ToListAsync(cancellationToken),
            await tools.ListAsync(includeRetired: true, countWorkflows: false, cancellationToken),
            await db.Users.AsNoTracking().Where(u => !u.IsDisabled).OrderBy(u => u.DisplayName)
                .Select(u => new Person(u.Id, u.DisplayName)).ToListAsync(cancellationToken));
    }

    /// <summary>The acting user as the server sees them now (null when signed out or disabled).</summary>
    public async Task<Actor?> ActorAsync(ClaimsPrincipal principal, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await Actor.FindAsync(db, principal, cancellationToken);
    }

    /// <summary>The name of the department the user works in, or null when none is set.</summary>
    public async Task<string?> DepartmentOfAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await (from u in db.Users
                      join d in db.Departments on u.DepartmentId equals d.Id
                      where u.Id == userId
                      select d.Name).SingleOrDefaultAsync(cancellationToken);
    }
}
