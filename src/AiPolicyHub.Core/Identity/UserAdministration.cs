using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiPolicyHub.Core.Identity;

public sealed record UserSummary(
    string Id, string Email, string DisplayName, IReadOnlyList<string> Roles,
    bool IsDisabled, bool IsLockedOut, bool MustChangePassword, DateTimeOffset CreatedAt, string? Department = null, int? DepartmentId = null)
{
    /// <summary>Signs in with a code from an authenticator app after the password.</summary>
    public bool TwoFactorEnabled { get; init; }
}

/// <param name="DepartmentId">The department the person works in (for policy acknowledgement rates); optional.</param>
public sealed record NewUser(string Email, string DisplayName, IReadOnlyCollection<string> Roles, int? DepartmentId = null);

/// <summary>A user created or reset with a one-time password that the administrator passes on.</summary>
public sealed record OneTimeCredentials(string UserId, string Email, string OneTimePassword);

/// <summary>
/// The administrator's use cases for accounts. Every call re-checks, against the database, that the
/// acting user is an enabled administrator: a page hiding a button is never the only guard.
/// Each call runs in its own scope, so a long-lived Blazor circuit never holds a stale DbContext.
/// </summary>
public sealed class UserAdministration(IServiceScopeFactory scopes, TimeProvider clock, UserSessions sessions)
{
    public const string NotAllowed = "Only an administrator can manage users.";

    public async Task<Result<IReadOnlyList<UserSummary>>> ListAsync(ClaimsPrincipal actor)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        if (!await IsAdministratorAsync(users, actor))
        {
            return Result<IReadOnlyList<UserSummary>>.Failure(NotAllowed);
        }

        var db = scope.ServiceProvider.GetRequiredService<Data.AppDbContext>();
        var roleNames = await (from ur in db.UserRoles
                               join r in db.Roles on ur.RoleId equals r.Id
                               select new { ur.UserId, r.Name }).ToListAsync();
        var rolesByUser = roleNames.ToLookup(x => x.UserId, x => x.Name!);
        var now = clock.GetUtcNow();
        var all = await db.Users.AsNoTracking().ToListAsync();
        var departments = await db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Name);
        IReadOnlyList<UserSummary> summaries = all
            .OrderBy(u => u.DisplayName, StringComparer.CurrentCultureIgnoreCase)
            .Select(u => new UserSummary(
                u.Id, u.Email ?? "", u.DisplayName, rolesByUser[u.Id].Order().ToList(),
                u.IsDisabled, u.LockoutEnd > now, u.MustChangePassword, u.CreatedAt,
                u.DepartmentId is { } d ? departments.GetValueOrDefault(d) : null, u.DepartmentId) { TwoFactorEnabled = u.TwoFactorEnabled })
            .ToList();
        return Result.Success(summaries);
    }

    public async Task<Result<OneTimeCredentials>> CreateAsync(ClaimsPrincipal actor, NewUser request)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        if (!await IsAdministratorAsync(users, actor))
        {
            return Result<OneTimeCredentials>.Failure(NotAllowed);
        }

        var email = request.Email.Trim();
        var displayName = request.DisplayName.Trim();
        var errors = new List<string>();
        if (!new EmailAddressAttribute().IsValid(email) || email.Length > 256)
        {
            errors.Add("Enter a valid email address (at most 256 characters).");
        }
        if (displayName.Length is 0 or > 200)
        {
            errors.Add("Enter a name of 1 to 200 characters.");
        }
        errors.AddRange(CheckRoles(request.Roles));
        if (request.DepartmentId is { } departmentId
            && !await scope.ServiceProvider.GetRequiredService<Data.AppDbContext>().Departments.AnyAsync(d => d.Id == departmentId))
        {
            errors.Add("That department no longer exists.");
        }
        if (errors.Count == 0 && await users.FindByEmailAsync(email) is not null)
        {
            errors.Add($"A user with the email {email} exists already.");
        }
        if (errors.Count > 0)
        {
            return Result<OneTimeCredentials>.Failure([.. errors]);
        }

        var user = new AppUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = displayName,
            CreatedAt = clock.GetUtcNow(),
            MustChangePassword = true,
            DepartmentId = request.DepartmentId,
        };
        var password = PasswordGenerator.OneTimePassword();
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return Result<OneTimeCredentials>.Failure([.. created.Errors.Select(e => e.Description)]);
        }
        await users.AddToRolesAsync(user, request.Roles);
        return Result.Success(new OneTimeCredentials(user.Id, email, password));
    }

    public Task<Result> SetRolesAsync(ClaimsPrincipal actor, string userId, IReadOnlyCollection<string> roles) =>
        ChangeUserAsync(actor, userId, async (users, user, self) =>
        {
            var errors = CheckRoles(roles).ToList();
            if (self && !roles.Contains(Roles.Administrator))
            {
                errors.Add("You cannot remove your own Administrator role; ask another administrator.");
            }
            if (errors.Count > 0)
            {
                return Result.Failure([.. errors]);
            }
            var current = await users.GetRolesAsync(user);
            await users.RemoveFromRolesAsync(user, current.Except(roles));
            await users.AddToRolesAsync(user, roles.Except(current));
            // A new stamp makes open sessions pick up the new roles at their next revalidation.
            await users.UpdateSecurityStampAsync(user);
            return Result.Success();
        });

    /// <summary>Sets the department the person works in (null: none), which their policy acknowledgement counts towards.</summary>
    public async Task<Result> SetDepartmentAsync(ClaimsPrincipal actor, string userId, int? departmentId)
    {
        if (departmentId is { } id)
        {
            await using var scope = scopes.CreateAsyncScope();
            if (!await scope.ServiceProvider.GetRequiredService<Data.AppDbContext>().Departments.AnyAsync(d => d.Id == id))
            {
                return Result.Failure("That department no longer exists.");
            }
        }
        return await ChangeUserAsync(actor, userId, async (users, user, _) =>
        {
            user.DepartmentId = departmentId;
            await users.UpdateAsync(user);
            return Result.Success();
        });
    }

    public Task<Result> DisableAsync(ClaimsPrincipal actor, string userId) =>
        ChangeUserAsync(actor, userId, async (users, user, self) =>
        {
            if (self)
            {
                return Result.Failure("You cannot disable your own account.");
            }
            user.IsDisabled = true;
            await users.UpdateAsync(user);
            // Their sessions end at once; the new stamp closes their live pages at the next revalidation.
            await sessions.EndAllAsync(user.Id);
            await users.UpdateSecurityStampAsync(user);
            return Result.Success();
        });

    /// <summary>Ends every browser session of the user at their next request (live pages at the next revalidation); they sign in again.</summary>
    public Task<Result> EndSessionsAsync(ClaimsPrincipal actor, string userId) =>
        ChangeUserAsync(actor, userId, async (users, user, _) =>
        {
            await sessions.EndAllAsync(user.Id);
            await users.UpdateSecurityStampAsync(user);
            return Result.Success();
        });

    public Task<Result> EnableAsync(ClaimsPrincipal actor, string userId) =>
        ChangeUserAsync(actor, userId, async (users, user, _) =>
        {
            user.IsDisabled = false;
            await users.UpdateAsync(user);
            await users.SetLockoutEndDateAsync(user, null);
            await users.ResetAccessFailedCountAsync(user);
            return Result.Success();
        });

    public async Task<Result<OneTimeCredentials>> ResetPasswordAsync(ClaimsPrincipal actor, string userId)
    {
        OneTimeCredentials? credentials = null;
        var result = await ChangeUserAsync(actor, userId, async (users, user, _) =>
        {
            var password = PasswordGenerator.OneTimePassword();
            await users.RemovePasswordAsync(user);
            var added = await users.AddPasswordAsync(user, password);
            if (!added.Succeeded)
            {
                return Result.Failure([.. added.Errors.Select(e => e.Description)]);
            }
            user.MustChangePassword = true;
            await users.UpdateAsync(user);
            await OneTimePasswords.RecordIssueAsync(users, user, clock.GetUtcNow());
            await users.SetLockoutEndDateAsync(user, null);
            await users.ResetAccessFailedCountAsync(user);
            await sessions.EndAllAsync(user.Id);
            credentials = new OneTimeCredentials(user.Id, user.Email ?? "", password);
            return Result.Success();
        });
        if (result.Succeeded)
        {
            // A reset answers a compromised account: the owner's API tokens stop working too, for good.
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<Data.AppDbContext>();
            var now = clock.GetUtcNow().UtcDateTime;
            await db.ApiTokens.Where(t => t.UserId == userId && t.RevokedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now).SetProperty(t => t.RevokedByName, "Password reset by an administrator"));
        }
        return result.Succeeded ? Result.Success(credentials!) : Result<OneTimeCredentials>.Failure([.. result.Errors]);
    }

    private async Task<Result> ChangeUserAsync(
        ClaimsPrincipal actor, string userId, Func<UserManager<AppUser>, AppUser, bool, Task<Result>> change)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        if (!await IsAdministratorAsync(users, actor))
        {
            return Result.Failure(NotAllowed);
        }
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return Result.Failure("That user no longer exists.");
        }
        return await change(users, user, user.Id == users.GetUserId(actor));
    }

    private static IEnumerable<string> CheckRoles(IReadOnlyCollection<string> roles)
    {
        if (roles.Count == 0)
        {
            yield return "Choose at least one role.";
        }
        foreach (var unknown in roles.Except(Roles.All))
        {
            yield return $"'{unknown}' is not a role.";
        }
    }

    private static async Task<bool> IsAdministratorAsync(UserManager<AppUser> users, ClaimsPrincipal actor)
    {
        var user = await users.GetUserAsync(actor);
        return user is { IsDisabled: false } && await users.IsInRoleAsync(user, Roles.Administrator);
    }
}
