using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using AiPolicyHub.Core.Identity;
using Microsoft.AspNetCore.Identity;

namespace AiPolicyHub.Web.Identity;

public enum TwoFactorSignInOutcome
{
    SignedIn,
    WrongCode,
    LockedOut,
    /// <summary>No password was checked in this browser in the last minutes (or the account was disabled since): start again.</summary>
    NoPendingSignIn,
    TooManyAttempts,
}

public sealed record TwoFactorSignInResult(TwoFactorSignInOutcome Outcome, bool MustChangePassword = false, TimeSpan? RetryAfter = null);

/// <summary>
/// The second step of signing in, for a user with two-factor sign-in on whose password <see cref="PasswordSignIn"/> accepted:
/// Identity keeps who they are in a short-lived cookie of its own (<see cref="IdentityConstants.TwoFactorUserIdScheme"/>), and
/// the session opens only with a right code from their authenticator app or an unused recovery code. Wrong codes count
/// towards the lockout as wrong passwords do, and towards the per-account attempt limit.
/// </summary>
public sealed class TwoFactorSignIn(SignInManager<AppUser> signIn, TwoFactorAuthentication twoFactor, Hosting.SignInThrottle throttle,
    ILogger<TwoFactorSignIn> logger)
{
    /// <summary>Called by <see cref="PasswordSignIn"/> once the password is right: remembers the user for the second step.</summary>
    internal static Task StartAsync(HttpContext context, AppUser user) =>
        context.SignInAsync(IdentityConstants.TwoFactorUserIdScheme,
            new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, user.Id)], IdentityConstants.TwoFactorUserIdScheme)));

    /// <summary>The user whose password was accepted in this browser and who still owes the second factor, if any.</summary>
    public async Task<AppUser?> PendingUserAsync() => await signIn.GetTwoFactorAuthenticationUserAsync() is { IsDisabled: false } user ? user : null;

    public async Task<TwoFactorSignInResult> WithAuthenticatorCodeAsync(string code)
    {
        if (await PendingUserAsync() is not { } user)
        {
            return new(TwoFactorSignInOutcome.NoPendingSignIn);
        }
        if (throttle.TryAttempt(user.Email ?? user.Id) is { } wait)
        {
            return new(TwoFactorSignInOutcome.TooManyAttempts, RetryAfter: wait);
        }
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(AuthenticatorCodes.Normalise(code), isPersistent: false, rememberClient: false);
        if (result.Succeeded)
        {
            logger.LogInformation("{Email} signed in with an authenticator code", user.Email);
            return new(TwoFactorSignInOutcome.SignedIn, user.MustChangePassword);
        }
        logger.LogInformation("Authenticator code refused for {Email}{Locked}", user.Email, result.IsLockedOut ? " (locked out)" : "");
        return new(result.IsLockedOut ? TwoFactorSignInOutcome.LockedOut : result.IsNotAllowed ? TwoFactorSignInOutcome.NoPendingSignIn : TwoFactorSignInOutcome.WrongCode);
    }

    public async Task<TwoFactorSignInResult> WithRecoveryCodeAsync(string code)
    {
        if (await PendingUserAsync() is not { } user)
        {
            return new(TwoFactorSignInOutcome.NoPendingSignIn);
        }
        if (throttle.TryAttempt(user.Email ?? user.Id) is { } wait)
        {
            return new(TwoFactorSignInOutcome.TooManyAttempts, RetryAfter: wait);
        }
        switch (await twoFactor.RedeemRecoveryCodeAsync(user.Id, code))
        {
            case RecoveryCodeOutcome.LockedOut:
                logger.LogWarning("Recovery code refused for {Email}: locked out", user.Email);
                return new(TwoFactorSignInOutcome.LockedOut);
            case RecoveryCodeOutcome.Wrong:
                logger.LogInformation("Wrong recovery code for {Email}", user.Email);
                return new(TwoFactorSignInOutcome.WrongCode);
        }
        await signIn.Context.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim("amr", "mfa")]);
        logger.LogWarning("{Email} signed in with a recovery code", user.Email);
        return new(TwoFactorSignInOutcome.SignedIn, user.MustChangePassword);
    }
}
