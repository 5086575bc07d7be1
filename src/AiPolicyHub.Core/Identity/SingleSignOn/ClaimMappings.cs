using System.Security.Claims;
using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Identity.SingleSignOn;

public sealed record RoleMappingRow(int Id, string ClaimValue, string Role);

public sealed record DepartmentMappingRow(int Id, string ClaimValue, int DepartmentId, string Department);

public sealed record ClaimMappingsView(IReadOnlyList<RoleMappingRow> Roles, IReadOnlyList<DepartmentMappingRow> Departments);

/// <summary>What a person's claims grant: their roles (none: they are refused) and their department (null: none matched).</summary>
public sealed record MappedAccess(IReadOnlySet<string> Roles, int? DepartmentId);

/// <summary>
/// Which identity-provider claim values grant which role, and which put a person in which department: set by the administrator
/// (every change audited), seeded once from configuration. A department claim that no mapping names still finds a department
/// of the same name, so a provider that sends the department's name needs no mapping at all.
/// </summary>
public sealed class ClaimMappings(IDbContextFactory<AppDbContext> contexts, AuditTrail audit)
{
    public const int ClaimValueMaxLength = 256;
    public const string NotAllowed = "Only an administrator can change the single sign-on mappings.";
    public const string EntityType = "ClaimMapping";

    public async Task<Result<ClaimMappingsView>> ListAsync(ClaimsPrincipal principal, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await Actor.FindAsync(db, principal, cancellationToken) is not { } actor || !actor.Roles.Contains(Identity.Roles.Administrator))
        {
            return Result<ClaimMappingsView>.Failure(NotAllowed);
        }
        return Result.Success(await ViewAsync(db, cancellationToken));
    }

    public Task<Result> AddRoleMappingAsync(ClaimsPrincipal principal, string claimValue, string role) =>
        AsAdministratorAsync(principal, async (db, actor) =>
        {
            claimValue = claimValue.Trim();
            if (CheckClaimValue(claimValue) is { } error)
            {
                return Result.Failure(error);
            }
            if (!Identity.Roles.All.Contains(role))
            {
                return Result.Failure("Choose one of the four roles.");
            }
            var existing = await db.Set<ClaimRoleMapping>().Where(m => m.Role == role).Select(m => m.ClaimValue).ToListAsync();
            if (existing.Contains(claimValue, StringComparer.OrdinalIgnoreCase))
            {
                return Result.Failure($"“{claimValue}” grants {Identity.Roles.DisplayName(role)} already.");
            }
            var mapping = db.Set<ClaimRoleMapping>().Add(new ClaimRoleMapping { ClaimValue = claimValue, Role = role }).Entity;
            await db.SaveChangesAsync();
            await audit.AppendAsync(db, actor, EntityType, $"role-{mapping.Id}", $"{claimValue} → {Identity.Roles.DisplayName(role)}",
                AuditAction.Created, [new FieldChange("Claim value", null, claimValue), new FieldChange("Role", null, Identity.Roles.DisplayName(role))]);
            return Result.Success();
        });

    public Task<Result> RemoveRoleMappingAsync(ClaimsPrincipal principal, int id) =>
        AsAdministratorAsync(principal, async (db, actor) =>
        {
            if (await db.Set<ClaimRoleMapping>().FindAsync(id) is not { } mapping)
            {
                return Result.Failure("That mapping no longer exists.");
            }
            db.Remove(mapping);
            await audit.AppendAsync(db, actor, EntityType, $"role-{mapping.Id}", $"{mapping.ClaimValue} → {Identity.Roles.DisplayName(mapping.Role)}",
                AuditAction.Retired, [new FieldChange("Claim value", mapping.ClaimValue, null), new FieldChange("Role", Identity.Roles.DisplayName(mapping.Role), null)]);
            return Result.Success();
        });

    public Task<Result> AddDepartmentMappingAsync(ClaimsPrincipal principal, string claimValue, int departmentId) =>
        AsAdministratorAsync(principal, async (db, actor) =>
        {
            claimValue = claimValue.Trim();
            if (CheckClaimValue(claimValue) is { } error)
            {
                return Result.Failure(error);
            }
            if (await db.Departments.FindAsync(departmentId) is not { } department)
            {
                return Result.Failure("That department no longer exists.");
            }
            var existing = await db.Set<ClaimDepartmentMapping>().Select(m => m.ClaimValue).ToListAsync();
            if (existing.Contains(claimValue, StringComparer.OrdinalIgnoreCase))
            {
                return Result.Failure($"“{claimValue}” is mapped to a department already: remove that mapping first.");
            }
            var mapping = db.Set<ClaimDepartmentMapping>().Add(new ClaimDepartmentMapping { ClaimValue = claimValue, DepartmentId = departmentId }).Entity;
            await db.SaveChangesAsync();
            await audit.AppendAsync(db, actor, EntityType, $"department-{mapping.Id}", $"{claimValue} → {department.Name}",
                AuditAction.Created, [new FieldChange("Claim value", null, claimValue), new FieldChange("Department", null, department.Name)]);
            return Result.Success();
        });

    public Task<Result> RemoveDepartmentMappingAsync(ClaimsPrincipal principal, int id) =>
        AsAdministratorAsync(principal, async (db, actor) =>
        {
            if (await db.Set<ClaimDepartmentMapping>().FindAsync(id) is not { } mapping)
            {
                return Result.Failure("That mapping no longer exists.");
            }
            var department = await db.Departments.Where(d => d.Id == mapping.DepartmentId).Select(d => d.Name).SingleOrDefaultAsync() ?? "";
            db.Remove(mapping);
            await audit.AppendAsync(db, actor, EntityType, $"department-{mapping.Id}", $"{mapping.ClaimValue} → {department}",
                AuditAction.Retired, [new FieldChange("Claim value", mapping.ClaimValue, null), new FieldChange("Department", department, null)]);
            return Result.Success();
        });

    /// <summary>
    /// Writes the mappings from configuration when there are none yet (the first start with single sign-on), audited as done by
    /// the configuration. Afterwards the administrator's page is where they change; configuration is not read again.
    /// Unknown roles and departments are skipped and returned, for the log.
    /// </summary>
    public async Task<IReadOnlyList<string>> SeedAsync(IReadOnlyDictionary<string, string> roleMappings,
        IReadOnlyDictionary<string, string> departmentMappings, CancellationToken cancellationToken = default)
    {
        var skipped = new List<string>();
        if (roleMappings.Count == 0 && departmentMappings.Count == 0)
        {
            return skipped;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await db.Set<ClaimRoleMapping>().AnyAsync(cancellationToken) || await db.Set<ClaimDepartmentMapping>().AnyAsync(cancellationToken))
        {
            return skipped;
        }
        var configuration = new Actor("configuration", "Configuration (Authentication:OpenIdConnect)", new HashSet<string> { Identity.Roles.Administrator }, new HashSet<int>());
        var departments = await db.Departments.AsNoTracking().ToListAsync(cancellationToken);
        var entries = new List<(string Name, FieldChange[] Changes)>();
        foreach (var (claimValue, roles) in roleMappings)
        {
            foreach (var role in roles.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct())
            {
                var known = Identity.Roles.All.FirstOrDefault(r => string.Equals(r, role, StringComparison.OrdinalIgnoreCase));
                if (known is null || CheckClaimValue(claimValue.Trim()) is not null)
                {
                    skipped.Add($"{claimValue} → {role}");
                    continue;
                }
                db.Set<ClaimRoleMapping>().Add(new ClaimRoleMapping { ClaimValue = claimValue.Trim(), Role = known });
                entries.Add(($"{claimValue.Trim()} → {Identity.Roles.DisplayName(known)}",
                    [new FieldChange("Claim value", null, claimValue.Trim()), new FieldChange("Role", null, Identity.Roles.DisplayName(known))]));
            }
        }
        foreach (var (claimValue, name) in departmentMappings)
        {
            var department = departments.FirstOrDefault(d => string.Equals(d.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));
            if (department is null || CheckClaimValue(claimValue.Trim()) is not null)
            {
                skipped.Add($"{claimValue} → {name}");
                continue;
            }
            db.Set<ClaimDepartmentMapping>().Add(new ClaimDepartmentMapping { ClaimValue = claimValue.Trim(), DepartmentId = department.Id });
            entries.Add(($"{claimValue.Trim()} → {department.Name}",
                [new FieldChange("Claim value", null, claimValue.Trim()), new FieldChange("Department", null, department.Name)]));
        }
        await db.SaveChangesAsync(cancellationToken);
        foreach (var (name, changes) in entries)
        {
            await audit.AppendAsync(db, configuration, EntityType, "configuration", name, AuditAction.Created, changes, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return skipped;
    }

    /// <summary>The roles granted by any of <paramref name="groups"/>, and the department the first matching <paramref name="departments"/> value names.</summary>
    public static async Task<MappedAccess> ResolveAsync(AppDbContext db, IReadOnlyCollection<string> groups,
        IReadOnlyCollection<string> departments, CancellationToken cancellationToken = default)
    {
        var roleMappings = await db.Set<ClaimRoleMapping>().AsNoTracking().ToListAsync(cancellationToken);
        var roles = roleMappings.Where(m => groups.Contains(m.ClaimValue, StringComparer.OrdinalIgnoreCase)).Select(m => m.Role).ToHashSet();
        int? departmentId = null;
        if (departments.Count > 0)
        {
            var departmentMappings = await db.Set<ClaimDepartmentMapping>().AsNoTracking().ToListAsync(cancellationToken);
            var named = await db.Departments.AsNoTracking().Select(d => new { d.Id, d.Name }).ToListAsync(cancellationToken);
            departmentId = departments
                .Select(value => departmentMappings.FirstOrDefault(m => string.Equals(m.ClaimValue, value, StringComparison.OrdinalIgnoreCase))?.DepartmentId
                    ?? named.FirstOrDefault(d => string.Equals(d.Name, value.Trim(), StringComparison.OrdinalIgnoreCase))?.Id)
                .FirstOrDefault(id => id is not null);
        }
        return new MappedAccess(roles, departmentId);
    }

    private static string? CheckClaimValue(string claimValue) =>
        claimValue.Length is 0 or > ClaimValueMaxLength ? $"Enter the claim value the identity provider sends (1 to {ClaimValueMaxLength} characters)." : null;

    private static async Task<ClaimMappingsView> ViewAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var roles = await db.Set<ClaimRoleMapping>().AsNoTracking().ToListAsync(cancellationToken);
        var departments = await (from m in db.Set<ClaimDepartmentMapping>()
                                 join d in db.Departments on m.DepartmentId equals d.Id
                                 select new DepartmentMappingRow(m.Id, m.ClaimValue, d.Id, d.Name)).ToListAsync(cancellationToken);
        return new ClaimMappingsView(
            roles.OrderBy(m => m.ClaimValue, StringComparer.OrdinalIgnoreCase).ThenBy(m => Identity.Roles.All.ToList().IndexOf(m.Role))
                .Select(m => new RoleMappingRow(m.Id, m.ClaimValue, m.Role)).ToList(),
            departments.OrderBy(m => m.ClaimValue, StringComparer.OrdinalIgnoreCase).ToList());
    }

    private Task<Result> AsAdministratorAsync(ClaimsPrincipal principal, Func<AppDbContext, Actor, Task<Result>> change) =>
        AdministratorChanges.RunAsync(contexts, principal, NotAllowed, change);
}
