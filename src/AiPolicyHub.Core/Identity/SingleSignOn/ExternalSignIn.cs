using System.ComponentModel.DataAnnotations;
using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiPolicyHub.Core.Identity.SingleSignOn;

/// <summary>
/// Who the identity provider says signed in. <paramref name="Issuer"/> and <paramref name="Subject"/> name the person for good
/// (an email address can be reassigned; the pair cannot); <paramref name="Groups"/> and <paramref name="Departments"/> are the
/// values of the configured group and department claims.
/// </summary>
public sealed record ExternalIdentity(string Issuer, string Subject, string? Email, string? Name,
    IReadOnlyCollection<string> Groups, IReadOnlyCollection<string> Departments, string ProviderName);

public enum ExternalSignInRefusal
{
    /// <summary>None of the person's groups is mapped to a role.</summary>
    NoMappedRole,
    /// <summary>The linked account is disabled.</summary>
    Disabled,
    /// <summary>A new person, but the provider sent no usable email address.</summary>
    NoEmail,
    /// <summary>A new person whose email address belongs to an account not linked to this sign-in.</summary>
    EmailTaken,
}

/// <summary>The account to sign in (<see cref="UserId"/>), or why not (<see cref="Refusal"/>).</summary>
public sealed record ExternalSignInOutcome(string? UserId, ExternalSignInRefusal? Refusal, bool Created = false, bool Changed = false)
{
    public static ExternalSignInOutcome Refused(ExternalSignInRefusal why) => new(null, why);
}

/// <summary>
/// Single sign-on's one decision: the account an identity-provider sign-in opens. The account is found by the provider's
/// issuer and subject (Identity's external logins), never by email alone; a new person is created on first sign-in; every
/// sign-in sets roles and department from the claims as mapped by <see cref="ClaimMappings"/>, and writes a change to the audit
/// trail in the same transaction. A person whose groups map to no role, and a disabled account, are refused and nothing is
/// created or changed.
/// </summary>
public sealed class ExternalSignIn(IServiceScopeFactory scopes, AuditTrail audit, TimeProvider clock)
{
    public const string UserEntityType = "User";

    /// <param name="departmentFromClaims">False when no department claim is configured: the department is then left as it is.</param>
    public async Task<ExternalSignInOutcome> SignInAsync(ExternalIdentity identity, bool departmentFromClaims, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var access = await ClaimMappings.ResolveAsync(db, identity.Groups, identity.Departments, cancellationToken);
        var user = await users.FindByLoginAsync(identity.Issuer, identity.Subject);
        if (user is { IsDisabled: true })
        {
            return ExternalSignInOutcome.Refused(ExternalSignInRefusal.Disabled);
        }
        if (access.Roles.Count == 0)
        {
            return ExternalSignInOutcome.Refused(ExternalSignInRefusal.NoMappedRole);
        }
        var departmentNames = await db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Name, cancellationToken);
        string DepartmentName(int? id) => id is { } d ? departmentNames.GetValueOrDefault(d, "") : "";
        string RoleNames(IEnumerable<string> roles) => string.Join(", ", roles.Order().Select(Roles.DisplayName));
        var name = identity.Name?.Trim() is { Length: > 0 and <= 200 } given ? given : null;

        if (user is null)
        {
            var email = identity.Email?.Trim();
            if (email is null || email.Length > 256 || !new EmailAddressAttribute().IsValid(email))
            {
                return ExternalSignInOutcome.Refused(ExternalSignInRefusal.NoEmail);
            }
            if (await users.FindByEmailAsync(email) is not null)
            {
                return ExternalSignInOutcome.Refused(ExternalSignInRefusal.EmailTaken);
            }
            user = new AppUser
            {
                UserName = email,
                Email = email,
                EmailConfirmed = true,
                DisplayName = name ?? email,
                CreatedAt = clock.GetUtcNow(),
                DepartmentId = departmentFromClaims ? access.DepartmentId : null,
            };
            Check(await users.CreateAsync(user));
            Check(await users.AddLoginAsync(user, new UserLoginInfo(identity.Issuer, identity.Subject, identity.ProviderName)));
            Check(await users.AddToRolesAsync(user, access.Roles));
            await audit.AppendAsync(db, ActorFor(user, access.Roles), UserEntityType, user.Id, user.DisplayName, AuditAction.Created,
            [
                new FieldChange("Email", null, email),
                new FieldChange("Name", null, user.DisplayName),
                new FieldChange("Roles", null, RoleNames(access.Roles)),
                new FieldChange("Department", null, DepartmentName(user.DepartmentId) is { Length: > 0 } d ? d : null),
                new FieldChange("Signed in through", null, $"{identity.ProviderName} (single sign-on)"),
            ], cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new ExternalSignInOutcome(user.Id, null, Created: true, Changed: true);
        }

        var before = new Dictionary<string, string>
        {
            ["Name"] = user.DisplayName,
            ["Roles"] = RoleNames(await users.GetRolesAsync(user)),
            ["Department"] = DepartmentName(user.DepartmentId),
        };
        var current = await users.GetRolesAsync(user);
        if (!current.ToHashSet().SetEquals(access.Roles))
        {
            Check(await users.RemoveFromRolesAsync(user, current.Except(access.Roles)));
            Check(await users.AddToRolesAsync(user, access.Roles.Except(current)));
        }
        if (name is not null)
        {
            user.DisplayName = name;
        }
        if (departmentFromClaims)
        {
            user.DepartmentId = access.DepartmentId;
        }
        var after = new Dictionary<string, string>
        {
            ["Name"] = user.DisplayName,
            ["Roles"] = RoleNames(access.Roles),
            ["Department"] = DepartmentName(user.DepartmentId),
        };
        var changes = AuditTrail.Diff(before, after)
            .Select(c => c with { Before = c.Before is "" ? null : c.Before, After = c.After is "" ? null : c.After }).ToList();
        if (changes.Count == 0)
        {
            return new ExternalSignInOutcome(user.Id, null);
        }
        // A new stamp: the person's other open sessions pick up the new roles at their next revalidation.
        Check(await users.UpdateSecurityStampAsync(user));
        await audit.AppendAsync(db, ActorFor(user, access.Roles), UserEntityType, user.Id, user.DisplayName, AuditAction.Changed,
            [.. changes, new FieldChange("Refreshed at sign-in through", null, $"{identity.ProviderName} (single sign-on)")], cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new ExternalSignInOutcome(user.Id, null, Changed: true);
    }

    /// <summary>The identity provider speaks for the person at sign-in; the trail names them as the one who signed in.</summary>
    private static Actor ActorFor(AppUser user, IReadOnlySet<string> roles) =>
        new(user.Id, user.DisplayName, roles, new HashSet<int>());

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Single sign-on could not save the account: " + string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}
