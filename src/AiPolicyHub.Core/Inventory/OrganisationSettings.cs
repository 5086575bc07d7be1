using System.Security.Claims;
using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Inventory;

public sealed record DepartmentSummary(int Id, string Name, IReadOnlyList<Person> Managers, int WorkflowCount);

/// <summary>Departments, who manages them, and the classification levels: administrators only, every change audited.</summary>
public sealed class OrganisationSettings(IDbContextFactory<AppDbContext> contexts, AuditTrail audit)
{
    public const string NotAllowed = "Only an administrator can change the organisation's settings.";
    public const string DepartmentEntityType = "Department";
    public const string LevelEntityType = "ClassificationLevel";

    public async Task<IReadOnlyList<DepartmentSummary>> DepartmentsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var managers = await (from m in db.DepartmentManagers
                              join u in db.Users on m.UserId equals u.Id
                              select new { m.DepartmentId, Person = new Person(u.Id, u.DisplayName) }).ToListAsync(cancellationToken);
        var byDepartment = managers.ToLookup(m => m.DepartmentId, m => m.Person);
        var departments = await db.Departments.AsNoTracking().OrderBy(d => d.Name)
            .Select(d => new { d.Id, d.Name, Count = db.Workflows.Count(w => w.DepartmentId == d.Id && w.Status != WorkflowStatus.Retired) })
            .ToListAsync(cancellationToken);
        return departments.Select(d => new DepartmentSummary(d.Id, d.Name, byDepartment[d.Id].OrderBy(p => p.Name).ToList(), d.Count)).ToList();
    }

    /// <summary>Enabled users with the Manager role: the people who can be put in charge of a department.</summary>
    public async Task<IReadOnlyList<Person>> ManagersAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await (from u in db.Users
                      join ur in db.UserRoles on u.Id equals ur.UserId
                      join r in db.Roles on ur.RoleId equals r.Id
                      where r.Name == Roles.Manager && !u.IsDisabled
                      orderby u.DisplayName
                      select new Person(u.Id, u.DisplayName)).ToListAsync(cancellationToken);
    }

    public Task<Result> SaveDepartmentAsync(ClaimsPrincipal principal, int? id, string name, IReadOnlyCollection<string> managerIds) =>
        AsAdministratorAsync(principal, async (db, actor) =>
        {
            name = name.Trim();
            if (name.Length is 0 or > 200)
            {
                return Result.Failure("Enter a department name of 1 to 200 characters.");
            }
            if (await InventoryNames.NameTakenAsync(db.Departments.Where(d => d.Id != (id ?? 0)).Select(d => d.Name), name))
            {
                return Result.Failure($"A department called “{name}” exists already.");
            }
            var department = id is { } existing ? await db.Departments.FindAsync(existing) : db.Departments.Add(new Department()).Entity;
            if (department is null)
            {
                return Result.Failure("That department no longer exists.");
            }
            var names = await InventoryNames.LoadAsync(db);
            var currentManagers = id is null ? [] : await db.DepartmentManagers.Where(m => m.DepartmentId == id).Select(m => m.UserId).ToListAsync();
            var before = new Dictionary<string, string>
            {
                ["Name"] = department.Name,
                ["Managers"] = string.Join(", ", currentManagers.Select(names.Person).Order()),
            };
            department.Name = name;
            await db.SaveChangesAsync();
            db.DepartmentManagers.RemoveRange(db.DepartmentManagers.Where(m => m.DepartmentId == department.Id && !managerIds.Contains(m.UserId)));
            foreach (var userId in managerIds.Except(currentManagers))
            {
                db.DepartmentManagers.Add(new DepartmentManager { DepartmentId = department.Id, UserId = userId });
            }
            var after = new Dictionary<string, string>
            {
                ["Name"] = name,
                ["Managers"] = string.Join(", ", managerIds.Select(names.Person).Order()),
            };
            await audit.AppendAsync(db, actor, DepartmentEntityType, department.Id.ToString(), name,
                id is null ? AuditAction.Created : AuditAction.Changed, AuditTrail.Diff(id is null ? [] : before, after));
            return Result.Success();
        });

    public Task<Result> SaveLevelAsync(ClaimsPrincipal principal, DataClassificationLevel level) =>
        AsAdministratorAsync(principal, async (db, actor) =>
        {
            if (level.Name.Trim().Length is 0 or > 100 || level.Description.Trim().Length is 0 or > 1000 || level.Examples.Trim().Length > 1000)
            {
                return Result.Failure("A level needs a name (up to 100 characters) and a description (up to 1,000); examples up to 1,000.");
            }
            var stored = await db.ClassificationLevels.FindAsync(level.Id);
            if (stored is null)
            {
                return Result.Failure("That level no longer exists.");
            }
            if (await InventoryNames.NameTakenAsync(db.ClassificationLevels.Where(l => l.Id != level.Id).Select(l => l.Name), level.Name.Trim()))
            {
                return Result.Failure($"A level called “{level.Name.Trim()}” exists already.");
            }
            Dictionary<string, string> Describe(DataClassificationLevel l) => new()
            {
                ["Name"] = l.Name, ["Description"] = l.Description, ["Examples"] = l.Examples,
            };
            var before = Describe(stored);
            stored.Name = level.Name.Trim();
            stored.Description = level.Description.Trim();
            stored.Examples = level.Examples.Trim();
            await audit.AppendAsync(db, actor, LevelEntityType, stored.Id.ToString(), stored.Name, AuditAction.Changed,
                AuditTrail.Diff(before, Describe(stored)));
            return Result.Success();
        });

    /// <summary>Loads the demo inventory (as <c>--seed-demo</c> does), only into an empty inventory.</summary>
    public async Task<Result<DemoSeedResult>> LoadDemoDataAsync(ClaimsPrincipal principal, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await Actor.FindAsync(db, principal, cancellationToken) is not { } actor || !actor.Roles.Contains(Roles.Administrator))
        {
            return Result<DemoSeedResult>.Failure(NotAllowed);
        }
        var result = await DemoData.SeedAsync(db, audit, cancellationToken);
        return result.Seeded ? Result.Success(result) : Result<DemoSeedResult>.Failure($"Nothing was loaded: {result.SkippedBecause}.");
    }

    private Task<Result> AsAdministratorAsync(ClaimsPrincipal principal, Func<AppDbContext, Actor, Task<Result>> change) =>
        AdministratorChanges.RunAsync(contexts, principal, NotAllowed, change);
}
