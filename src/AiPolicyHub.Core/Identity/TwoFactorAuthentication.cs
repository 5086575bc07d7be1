using System.Globalization;
using System.Security.Claims;
using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiPolicyHub.Core.Identity;

/// <summary>Where a user stands: whether two-factor sign-in is on, whether their role requires it, and how many recovery codes are left.</summary>
public sealed record TwoFactorStatus(bool Enabled, bool Required, int RecoveryCodesLeft);

public enum RecoveryCodeOutcome
{
    Accepted,
    Wrong,
    LockedOut,
}

/// <summary>What an authenticator app needs: the shared key (also grouped in fours for reading aloud) and the otpauth URI a QR code carries.</summary>
public sealed record AuthenticatorSetup(string SharedKey, string GroupedKey, string Uri);

/// <summary>
/// Two-factor sign-in with an authenticator app (TOTP), for local accounts, on ASP.NET Core Identity: the key and the recovery
/// codes are Identity user tokens. A user switches it on with a code from their app and gets <see cref="RecoveryCodeCount"/>
/// recovery codes, each good once; they can make new ones and switch it off, each time with a current code, unless their role
/// requires it (<see cref="TwoFactorRequirement"/>). An administrator resets it for someone who lost their phone. Every change
/// and every recovery code used is in the audit trail, in the same transaction — never a key or a code.
/// </summary>
public sealed class TwoFactorAuthentication(IServiceScopeFactory scopes, AuditTrail audit, TwoFactorRequirement requirement)
{
    public const string EntityType = "User";
    public const string Field = "Two-factor sign-in";
    public const string RecoveryCodesField = "Recovery codes";
    public const int RecoveryCodeCount = 10;
    public const string Issuer = "AiPolicyHub";
    public const string WrongCode = "That code is not right. Enter the 6 digits your authenticator app shows now (each code works once).";
    public const string AdministratorsOnly = "Only an administrator can reset someone's two-factor sign-in.";

    public async Task<Result<TwoFactorStatus>> StatusAsync(ClaimsPrincipal principal)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = Users(scope);
        if (await users.GetUserAsync(principal) is not { IsDisabled: false } user)
        {
            return Result<TwoFactorStatus>.Failure("Sign in first.");
        }
        return Result.Success(await StatusOfAsync(users, user));
    }

    /// <summary>The key to enter in an authenticator app; made on the first visit and kept until two-factor sign-in is on.</summary>
    public async Task<Result<AuthenticatorSetup>> SetupAsync(ClaimsPrincipal principal)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = Users(scope);
        if (await users.GetUserAsync(principal) is not { IsDisabled: false } user)
        {
            return Result<AuthenticatorSetup>.Failure("Sign in first.");
        }
        if (user.TwoFactorEnabled)
        {
            return Result<AuthenticatorSetup>.Failure("Two-factor sign-in is on already.");
        }
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            // Through the store, not UserManager.ResetAuthenticatorKeyAsync: that also renews the security stamp, which would
            // end the user's sessions (this one included) for a key that does nothing until they switch two-factor on.
            key = users.GenerateNewAuthenticatorKey();
            var keys = (IUserAuthenticatorKeyStore<AppUser>)scope.ServiceProvider.GetRequiredService<IUserStore<AppUser>>();
            await keys.SetAuthenticatorKeyAsync(user, key, CancellationToken.None);
            if (!(await users.UpdateAsync(user)).Succeeded)
            {
                // Never show a key that was not stored: codes from it would all be refused as wrong.
                return Result<AuthenticatorSetup>.Failure("Your account changed while the key was being made. Reload this page for a new key.");
            }
        }
        var account = user.Email ?? user.UserName ?? user.Id;
        var uri = $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(account)}"
            + $"?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&algorithm=SHA1&digits=6&period={(int)AuthenticatorCodes.Step.TotalSeconds}";
        return Result.Success(new AuthenticatorSetup(key, Grouped(key), uri));
    }

    /// <summary>Switches two-factor sign-in on when <paramref name="code"/> comes from the app set up with the key; returns the recovery codes, shown this once.</summary>
    public Task<Result<IReadOnlyList<string>>> EnableAsync(ClaimsPrincipal principal, string code) =>
        ChangeOwnAsync<IReadOnlyList<string>>(principal, async (users, user, _) =>
        {
            if (user.TwoFactorEnabled)
            {
                return (Result<IReadOnlyList<string>>.Failure("Two-factor sign-in is on already."), []);
            }
            if (!await VerifyAsync(users, user, code))
            {
                return (Result<IReadOnlyList<string>>.Failure(WrongCode), []);
            }
            await users.SetTwoFactorEnabledAsync(user, true);
            var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))!.ToList();
            return (Result.Success<IReadOnlyList<string>>(codes),
                [new FieldChange(Field, "Off", "On"), new FieldChange(RecoveryCodesField, null, $"{RecoveryCodeCount} issued")]);
        });

    /// <summary>New recovery codes in place of the old ones, which stop working; needs a current code from the app.</summary>
    public Task<Result<IReadOnlyList<string>>> RegenerateRecoveryCodesAsync(ClaimsPrincipal principal, string code) =>
        ChangeOwnAsync<IReadOnlyList<string>>(principal, async (users, user, _) =>
        {
            if (!user.TwoFactorEnabled)
            {
                return (Result<IReadOnlyList<string>>.Failure("Two-factor sign-in is off: there are no recovery codes to replace."), []);
            }
            if (!await VerifyAsync(users, user, code))
            {
                return (Result<IReadOnlyList<string>>.Failure(WrongCode), []);
            }
            var left = await users.CountRecoveryCodesAsync(user);
            var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))!.ToList();
            return (Result.Success<IReadOnlyList<string>>(codes),
                [new FieldChange(RecoveryCodesField, $"{left} left", $"{RecoveryCodeCount} issued (the old ones no longer work)")]);
        });

    /// <summary>Switches two-factor sign-in off (with a current code), unless the user's role requires it.</summary>
    public async Task<Result> DisableAsync(ClaimsPrincipal principal, string code)
    {
        var result = await ChangeOwnAsync<bool>(principal, async (users, user, services) =>
        {
            if (!user.TwoFactorEnabled)
            {
                return (Result<bool>.Failure("Two-factor sign-in is off already."), []);
            }
            if (requirement.IsRequiredFor(await users.GetRolesAsync(user)))
            {
                return (Result<bool>.Failure("Your role requires two-factor sign-in: it cannot be switched off. "
                    + "Lost your phone? Use a recovery code, or ask an administrator to reset it."), []);
            }
            if (!await VerifyAsync(users, user, code))
            {
                return (Result<bool>.Failure(WrongCode), []);
            }
            await SwitchOffAsync(services, users, user);
            return (Result.Success(true), [new FieldChange(Field, "On", "Off")]);
        });
        return result.Succeeded ? Result.Success() : Result.Failure([.. result.Errors]);
    }

    /// <summary>
    /// An administrator switches someone's two-factor sign-in off, key and recovery codes included (a lost phone): they sign in
    /// with their password and, if their role requires it, set it up again straight away.
    /// </summary>
    public async Task<Result> ResetAsync(ClaimsPrincipal administrator, string userId)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = Users(scope);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var actor = await Actor.FindAsync(db, administrator);
        if (actor is null || !actor.Roles.Contains(Roles.Administrator))
        {
            return Result.Failure(AdministratorsOnly);
        }
        if (await users.FindByIdAsync(userId) is not { } user)
        {
            return Result.Failure("That user no longer exists.");
        }
        if (!user.TwoFactorEnabled)
        {
            return Result.Failure($"{user.DisplayName} has not set up two-factor sign-in: there is nothing to reset.");
        }
        await using var transaction = await db.Database.BeginTransactionAsync();
        await SwitchOffAsync(scope.ServiceProvider, users, user);
        await audit.AppendAsync(db, actor, EntityType, user.Id, user.DisplayName, AuditAction.Changed,
            [new FieldChange(Field, "On", "Reset by an administrator (key and recovery codes removed)")]);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return Result.Success();
    }

    /// <summary>
    /// Uses up one recovery code of the user signing in (each works once), recorded in the audit trail with how many are left.
    /// A wrong or used code counts towards the lockout, as a wrong password does; a locked account is refused before the code
    /// is looked at. The caller has checked the password.
    /// </summary>
    public async Task<RecoveryCodeOutcome> RedeemRecoveryCodeAsync(string userId, string code)
    {
        var normalised = (code ?? "").Trim().Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        var self = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId)]));
        var outcome = RecoveryCodeOutcome.Wrong;
        await ChangeOwnAsync<bool>(self, async (users, user, _) =>
        {
            if (await users.IsLockedOutAsync(user))
            {
                outcome = RecoveryCodeOutcome.LockedOut;
                return (Result<bool>.Failure("Locked out."), []);
            }
            if (!user.TwoFactorEnabled || normalised.Length == 0 || !(await users.RedeemTwoFactorRecoveryCodeAsync(user, normalised)).Succeeded)
            {
                await users.AccessFailedAsync(user);
                return (Result<bool>.Failure("Wrong recovery code."), []);
            }
            await users.ResetAccessFailedCountAsync(user);
            outcome = RecoveryCodeOutcome.Accepted;
            var left = await users.CountRecoveryCodesAsync(user);
            return (Result.Success(true), [new FieldChange("Recovery code used to sign in", null,
                $"{left.ToString(CultureInfo.InvariantCulture)} left")]);
        });
        return outcome;
    }

    private async Task<TwoFactorStatus> StatusOfAsync(UserManager<AppUser> users, AppUser user) =>
        new(user.TwoFactorEnabled, requirement.IsRequiredFor(await users.GetRolesAsync(user)),
            user.TwoFactorEnabled ? await users.CountRecoveryCodesAsync(user) : 0);

    /// <summary>
    /// Runs a change of the signed-in user's own two-factor settings and appends its audit entry, in one transaction; a refusal
    /// leaves nothing behind (except, for a code that was right, the note that it was used).
    /// </summary>
    private async Task<Result<T>> ChangeOwnAsync<T>(ClaimsPrincipal principal,
        Func<UserManager<AppUser>, AppUser, IServiceProvider, Task<(Result<T> Result, IReadOnlyList<FieldChange> Changes)>> change)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = Users(scope);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var actor = await Actor.FindAsync(db, principal);
        if (actor is null || await users.FindByIdAsync(actor.UserId) is not { } user)
        {
            return Result<T>.Failure("Sign in first.");
        }
        await using var transaction = await db.Database.BeginTransactionAsync();
        var (result, changes) = await change(users, user, scope.ServiceProvider);
        if (result.Succeeded)
        {
            await audit.AppendAsync(db, actor, EntityType, user.Id, user.DisplayName, AuditAction.Changed, changes);
            await db.SaveChangesAsync();
        }
        // A refused change wrote at most what must stay: the step of a right code (used once) or a failed attempt (lockout).
        await transaction.CommitAsync();
        return result;
    }

    private static async Task<bool> VerifyAsync(UserManager<AppUser> users, AppUser user, string code) =>
        await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, AuthenticatorCodes.Normalise(code));

    private static async Task SwitchOffAsync(IServiceProvider services, UserManager<AppUser> users, AppUser user)
    {
        // No recovery codes, and a new key never shown, so the old entry in the app is worthless.
        var codes = (IUserTwoFactorRecoveryCodeStore<AppUser>)services.GetRequiredService<IUserStore<AppUser>>();
        await codes.ReplaceCodesAsync(user, [], CancellationToken.None);
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
    }

    private static UserManager<AppUser> Users(AsyncServiceScope scope) => scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();

    private static string Grouped(string key) =>
        string.Join(' ', Enumerable.Range(0, (key.Length + 3) / 4).Select(i => key.Substring(i * 4, Math.Min(4, key.Length - i * 4))));
}
