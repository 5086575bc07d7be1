using System.Security.Claims;
using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;

namespace AiPolicyHub.Core.Tests.Identity;

/// <summary>
/// Two-factor sign-in on the test clock. Codes are computed by Otp.NET, an implementation other than the app's, from the key
/// the setup shows — as a person's authenticator app would.
/// </summary>
public sealed class TwoFactorAuthenticationTests : IAsyncLifetime
{
    private readonly TestClock clock = new();
    private TestServices test = null!;
    private TwoFactorAuthentication twoFactor = null!;

    public async Task InitializeAsync()
    {
        test = await new TestServices(clock).InitializeAsync();
        twoFactor = test.Provider.GetRequiredService<TwoFactorAuthentication>();
    }

    public async Task DisposeAsync() => await test.DisposeAsync();

    private string CodeAt(string key, DateTimeOffset at) => new Totp(Base32Encoding.ToBytes(key)).ComputeTotp(at.UtcDateTime);

    /// <summary>A user of <paramref name="role"/> who has set up two-factor sign-in at the clock's time; returns the key and recovery codes.</summary>
    private async Task<(ClaimsPrincipal User, string Key, IReadOnlyList<string> RecoveryCodes)> EnrolledAsync(string name, string role)
    {
        var user = await test.CreateUserAsync(name, role);
        var key = (await twoFactor.SetupAsync(user)).Value!.SharedKey;
        var enabled = await twoFactor.EnableAsync(user, CodeAt(key, clock.Now));
        Assert.True(enabled.Succeeded, string.Join(" ", enabled.Errors));
        return (user, key, enabled.Value!);
    }

    private async Task<List<AuditEntry>> AuditOfAsync(ClaimsPrincipal user)
    {
        await using var db = await test.DbAsync();
        var id = TestServices.UserId(user);
        return await db.AuditEntries.Where(e => e.EntityType == TwoFactorAuthentication.EntityType && e.EntityId == id).OrderBy(e => e.Id).ToListAsync();
    }

    [Fact]
    public async Task The_setup_shows_a_key_grouped_for_reading_and_an_otpauth_address_that_carries_it()
    {
        var user = await test.CreateUserAsync("Sam Staff", Roles.Staff);

        var setup = (await twoFactor.SetupAsync(user)).Value!;

        Assert.Matches("^[A-Z2-7]{32}$", setup.SharedKey);
        Assert.Equal(setup.SharedKey, setup.GroupedKey.Replace(" ", ""));
        Assert.Equal(4, setup.GroupedKey.Split(' ')[0].Length);
        Assert.StartsWith("otpauth://totp/AiPolicyHub:sam.staff%40example.com?secret=" + setup.SharedKey + "&issuer=AiPolicyHub", setup.Uri);
        Assert.Equal(setup.SharedKey, (await twoFactor.SetupAsync(user)).Value!.SharedKey); // the same key until it is on
    }

    [Fact]
    public async Task A_right_code_switches_it_on_with_ten_recovery_codes_and_the_audit_trail_records_it_without_key_or_codes()
    {
        var (user, key, codes) = await EnrolledAsync("Sam Staff", Roles.Staff);

        Assert.Equal(10, codes.Distinct().Count());
        Assert.Equal(new TwoFactorStatus(true, false, 10), (await twoFactor.StatusAsync(user)).Value);
        var entry = Assert.Single(await AuditOfAsync(user));
        Assert.Contains(AuditTrail.ChangesOf(entry), c => c is { Field: TwoFactorAuthentication.Field, Before: "Off", After: "On" });
        Assert.DoesNotContain(key, entry.ChangesJson);
        Assert.All(codes, code => Assert.DoesNotContain(code, entry.ChangesJson));
    }

    [Fact]
    public async Task A_wrong_code_is_refused_and_leaves_it_off()
    {
        var user = await test.CreateUserAsync("Sam Staff", Roles.Staff);
        var key = (await twoFactor.SetupAsync(user)).Value!.SharedKey;
        var right = CodeAt(key, clock.Now);
        var wrong = right == "123456" ? "654321" : "123456";

        var result = await twoFactor.EnableAsync(user, wrong);

        Assert.Equal([TwoFactorAuthentication.WrongCode], result.Errors);
        Assert.False((await twoFactor.StatusAsync(user)).Value!.Enabled);
        Assert.Empty(await AuditOfAsync(user));
    }

    [Fact]
    public async Task A_code_works_once_and_only_within_a_step_of_now()
    {
        var (user, key, _) = await EnrolledAsync("Sam Staff", Roles.Staff);

        // The code that switched it on cannot be used again, even within its 30 seconds.
        Assert.Equal([TwoFactorAuthentication.WrongCode], (await twoFactor.RegenerateRecoveryCodesAsync(user, CodeAt(key, clock.Now))).Errors);
        // A minute later: a code from two steps ago is refused, the one of now works.
        clock.Now = clock.Now.AddMinutes(1);
        Assert.False((await twoFactor.RegenerateRecoveryCodesAsync(user, CodeAt(key, clock.Now.AddSeconds(-60)))).Succeeded);
        Assert.True((await twoFactor.RegenerateRecoveryCodesAsync(user, CodeAt(key, clock.Now))).Succeeded);
        // The next step's code (a phone's clock a little ahead) is accepted too.
        Assert.True((await twoFactor.RegenerateRecoveryCodesAsync(user, CodeAt(key, clock.Now.AddSeconds(30)))).Succeeded);
    }

    [Fact]
    public async Task A_recovery_code_works_once_and_each_use_is_audited_with_how_many_are_left()
    {
        var (user, _, codes) = await EnrolledAsync("Sam Staff", Roles.Staff);
        var id = TestServices.UserId(user);

        Assert.Equal(RecoveryCodeOutcome.Accepted, await twoFactor.RedeemRecoveryCodeAsync(id, codes[3].ToLowerInvariant()));
        Assert.Equal(RecoveryCodeOutcome.Wrong, await twoFactor.RedeemRecoveryCodeAsync(id, codes[3]));

        Assert.Equal(9, (await twoFactor.StatusAsync(user)).Value!.RecoveryCodesLeft);
        var used = (await AuditOfAsync(user)).Last();
        Assert.Equal([new FieldChange("Recovery code used to sign in", null, "9 left")], AuditTrail.ChangesOf(used));
        Assert.DoesNotContain(codes[3], used.ChangesJson);
    }

    [Fact]
    public async Task Wrong_recovery_codes_lock_the_account_like_wrong_passwords_and_then_a_right_one_is_refused()
    {
        var (user, _, codes) = await EnrolledAsync("Sam Staff", Roles.Staff);
        var id = TestServices.UserId(user);

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(RecoveryCodeOutcome.Wrong, await twoFactor.RedeemRecoveryCodeAsync(id, "WRONG-CODE" + i));
        }

        Assert.Equal(RecoveryCodeOutcome.LockedOut, await twoFactor.RedeemRecoveryCodeAsync(id, codes[0]));
        Assert.Equal(10, (await twoFactor.StatusAsync(user)).Value!.RecoveryCodesLeft); // the right code was not used up
    }

    [Fact]
    public async Task New_recovery_codes_replace_the_old_ones()
    {
        var (user, key, old) = await EnrolledAsync("Sam Staff", Roles.Staff);
        clock.Now = clock.Now.AddSeconds(30);

        var fresh = (await twoFactor.RegenerateRecoveryCodesAsync(user, CodeAt(key, clock.Now))).Value!;

        Assert.Equal(RecoveryCodeOutcome.Wrong, await twoFactor.RedeemRecoveryCodeAsync(TestServices.UserId(user), old[0]));
        Assert.Equal(RecoveryCodeOutcome.Accepted, await twoFactor.RedeemRecoveryCodeAsync(TestServices.UserId(user), fresh[0]));
    }

    [Fact]
    public async Task Staff_switch_it_off_with_a_code_but_a_role_that_requires_it_cannot()
    {
        var (staff, staffKey, _) = await EnrolledAsync("Sam Staff", Roles.Staff);
        var (officer, officerKey, _) = await EnrolledAsync("Cleo Compliance", Roles.ComplianceOfficer);
        clock.Now = clock.Now.AddSeconds(30);

        var officerResult = await twoFactor.DisableAsync(officer, CodeAt(officerKey, clock.Now));
        var staffResult = await twoFactor.DisableAsync(staff, CodeAt(staffKey, clock.Now));

        Assert.Contains("Your role requires two-factor sign-in", Assert.Single(officerResult.Errors));
        Assert.True((await twoFactor.StatusAsync(officer)).Value!.Enabled);
        Assert.True(staffResult.Succeeded, string.Join(" ", staffResult.Errors));
        Assert.Equal(new TwoFactorStatus(false, false, 0), (await twoFactor.StatusAsync(staff)).Value);
        // The old key is gone: setting it up again shows a new one.
        Assert.NotEqual(staffKey, (await twoFactor.SetupAsync(staff)).Value!.SharedKey);
    }

    [Fact]
    public async Task An_administrator_resets_someones_two_factor_which_is_audited_under_the_administrators_name_and_nobody_else_may()
    {
        var (officer, officerKey, codes) = await EnrolledAsync("Cleo Compliance", Roles.ComplianceOfficer);
        var admin = await test.CreateUserAsync("Ada Admin", Roles.Administrator);
        var manager = await test.CreateUserAsync("Mia Manager", Roles.Manager);

        Assert.Equal([TwoFactorAuthentication.AdministratorsOnly], (await twoFactor.ResetAsync(manager, TestServices.UserId(officer))).Errors);
        var reset = await twoFactor.ResetAsync(admin, TestServices.UserId(officer));

        Assert.True(reset.Succeeded, string.Join(" ", reset.Errors));
        Assert.Equal(new TwoFactorStatus(false, true, 0), (await twoFactor.StatusAsync(officer)).Value);
        Assert.Equal(RecoveryCodeOutcome.Wrong, await twoFactor.RedeemRecoveryCodeAsync(TestServices.UserId(officer), codes[0]));
        var entry = (await AuditOfAsync(officer)).First(e => e.UserName == "Ada Admin");
        Assert.Contains("Reset by an administrator", Assert.Single(AuditTrail.ChangesOf(entry)).After);
        Assert.NotEqual(officerKey, (await twoFactor.SetupAsync(officer)).Value!.SharedKey);
        Assert.False((await twoFactor.ResetAsync(admin, TestServices.UserId(officer))).Succeeded); // nothing left to reset
    }

    [Fact]
    public void The_requirement_names_roles_and_refuses_a_name_that_is_not_one()
    {
        Assert.True(TwoFactorRequirement.Default.IsRequiredFor([Roles.Staff, Roles.Administrator]));
        Assert.True(TwoFactorRequirement.Default.IsRequiredFor([Roles.ComplianceOfficer]));
        Assert.False(TwoFactorRequirement.Default.IsRequiredFor([Roles.Manager, Roles.Staff]));
        Assert.False(new TwoFactorRequirement([]).IsRequiredFor([Roles.Administrator]));
        var refused = Assert.Throws<StartupException>(() => new TwoFactorRequirement(["Admins"]));
        Assert.Contains("'Admins'", refused.Message);
    }
}
