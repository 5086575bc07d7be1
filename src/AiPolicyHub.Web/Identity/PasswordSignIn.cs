using AiPolicyHub.Core.Identity;
using Microsoft.AspNetCore.Identity;

namespace AiPolicyHub.Web.Identity;

/// <summary>
/// What the sign-in form learns: signed in (and whether a new password is due), the password right but a second factor due
/// (<see cref="RequiresTwoFactor"/>), or refused — one answer for every refusal.
/// </summary>
public sealed record PasswordSignInResult(bool Succeeded, bool MustChangePassword, TimeSpan? RetryAfter = null, bool RequiresTwoFactor = false)
{
    public static readonly PasswordSignInResult Refused = new(false, false);
}

/// <summary>
/// Signs in with an email and password so that a refusal tells a stranger nothing: an unknown, locked or disabled account and a
/// wrong password all answer <see cref="PasswordSignInResult.Refused"/>, and every attempt hashes the password exactly once
/// (against a dummy hash when the account does not exist) so the answer takes as long either way. Identity's own
/// <c>PasswordSignInAsync</c> refuses a locked or disabled account before it hashes, which made the right password answer
/// differently and unknown accounts answer 35 times faster. A wrong password still counts towards the lockout.
/// </summary>
public sealed class PasswordSignIn(UserManager<AppUser> users, SignInManager<AppUser> signIn, IPasswordHasher<AppUser> hasher,
    Microsoft.Extensions.Options.IOptions<PasswordHasherOptions> hasherOptions, OneTimePasswords oneTimePasswords,
    Hosting.SignInThrottle throttle, LocalAccountOptions localAccounts, ILogger<PasswordSignIn> logger)
{
    // One per hasher setting: a hash made with fewer rounds than the configured ones would answer unknown accounts faster
    // (one process normally has one setting; the tests host apps with different ones side by side).
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(PasswordHasherCompatibilityMode, int), string> DummyHashes = new();

    public async Task<PasswordSignInResult> SignInAsync(string email, string password)
    {
        // Per email, known or not, before any work: the same for every address, so it reveals nothing either.
        if (throttle.TryAttempt(email) is { } wait)
        {
            logger.LogWarning("Sign-in refused for {Email}: too many attempts", email);
            return new PasswordSignInResult(false, false, wait);
        }
        // Local accounts switched off: only the break-glass administrator signs in with a password; anyone else is answered
        // as an unknown account would be.
        var user = localAccounts.AllowsPasswordFor(email) ? await users.FindByNameAsync(email.Trim()) : null;
        if (user is null)
        {
            hasher.VerifyHashedPassword(new AppUser(), DummyHash(), password);
            logger.LogInformation("Sign-in refused: no account {Email}", email);
            return PasswordSignInResult.Refused;
        }
        var passwordMatches = hasher.VerifyHashedPassword(user, user.PasswordHash ?? DummyHash(), password) != PasswordVerificationResult.Failed
            && user.PasswordHash is not null;
        if (user.IsDisabled)
        {
            logger.LogWarning("Sign-in refused for {Email}: account disabled", email);
            return PasswordSignInResult.Refused;
        }
        if (await users.IsLockedOutAsync(user))
        {
            logger.LogWarning("Sign-in refused for {Email}: locked out", email);
            return PasswordSignInResult.Refused;
        }
        if (!passwordMatches)
        {
            await users.AccessFailedAsync(user);
            logger.LogInformation("Sign-in refused for {Email}: wrong password", email);
            return PasswordSignInResult.Refused;
        }
        if (user.MustChangePassword && await oneTimePasswords.HasExpiredAsync(users, user))
        {
            logger.LogWarning("Sign-in refused for {Email}: one-time password expired", email);
            return PasswordSignInResult.Refused;
        }
        if (user.TwoFactorEnabled)
        {
            // As in Identity, failed attempts are forgiven only once the second factor is right too.
            await TwoFactorSignIn.StartAsync(signIn.Context, user);
            logger.LogInformation("{Email} entered the right password; a second factor is due", email);
            return new PasswordSignInResult(false, user.MustChangePassword, RequiresTwoFactor: true);
        }
        await users.ResetAccessFailedCountAsync(user);
        await signIn.SignInAsync(user, isPersistent: false, authenticationMethod: "pwd");
        logger.LogInformation("{Email} signed in", email);
        return new PasswordSignInResult(true, user.MustChangePassword);
    }

    /// <summary>A hash of a random password with the configured hasher (same algorithm and iterations), made once per setting.</summary>
    private string DummyHash()
    {
        var setting = hasherOptions.Value;
        return DummyHashes.GetOrAdd((setting.CompatibilityMode, setting.IterationCount),
            _ => hasher.HashPassword(new AppUser(), Guid.NewGuid().ToString("N")));
    }
}
