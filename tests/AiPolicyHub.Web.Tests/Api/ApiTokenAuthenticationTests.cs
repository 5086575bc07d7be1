using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiPolicyHub.Web.Tests.Api;

/// <summary>Who gets into /api/v1 with which token, and that browser sessions are untouched by it.</summary>
public sealed class ApiTokenAuthenticationTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_token_acts_as_its_owner_with_their_roles()
    {
        var staff = await app.CreateTokenUserAsync(Roles.Staff);

        var response = await app.ClientWith(staff.Token).GetAsync("/api/v1/me");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var me = await ApiFixture.JsonOf(response);
        Assert.Equal(staff.UserId, me.GetProperty("id").GetString());
        Assert.Equal([Roles.Staff], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task A_call_without_a_token_gets_401_with_a_problem_not_a_redirect_to_sign_in()
    {
        var response = await app.ClientWith(null).GetAsync("/api/v1/workflows");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
    }

    [Fact]
    public async Task A_signed_in_browser_session_does_not_open_the_api()
    {
        var client = app.CreateBrowserlikeClient();
        var email = await app.CreateUserAsync(Roles.Administrator, "api session password");
        await AppFactory.SignInAsync(client, email, "api session password");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/workflows")).StatusCode);

        var response = await client.GetAsync("/api/v1/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Browser_pages_ignore_a_bearer_token_and_still_send_visitors_to_sign_in()
    {
        var admin = await app.CreateTokenUserAsync(Roles.Administrator);

        var response = await app.ClientWith(admin.Token).GetAsync("/workflows");

        Assert.True(AppFactory.IsRedirectTo(response, "/account/sign-in"), $"{response.StatusCode} {response.Headers.Location}");
    }

    [Fact]
    public async Task A_password_reset_by_an_administrator_ends_the_owners_tokens_for_good()
    {
        var manager = await app.CreateTokenUserAsync(Roles.Manager);
        var admin = await app.CreateTokenUserAsync(Roles.Administrator);
        Assert.Equal(HttpStatusCode.OK, (await app.ClientWith(manager.Token).GetAsync("/api/v1/me")).StatusCode);

        var reset = await app.Services.GetRequiredService<UserAdministration>().ResetPasswordAsync(ApiFixture.PrincipalOf(admin.UserId), manager.UserId);
        Assert.True(reset.Succeeded, string.Join(" ", reset.Errors));

        var response = await app.ClientWith(manager.Token).GetAsync("/api/v1/me");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("revoked", (await ApiFixture.JsonOf(response)).GetProperty("detail").GetString());
        // Choosing a new password does not bring the old token back.
        await using (var db = await Db())
        {
            await db.Users.Where(u => u.Id == manager.UserId).ExecuteUpdateAsync(s => s.SetProperty(u => u.MustChangePassword, false));
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.ClientWith(manager.Token).GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task An_expired_token_is_refused_with_401_saying_so()
    {
        var staff = await app.CreateTokenUserAsync(Roles.Staff);
        Assert.Equal(HttpStatusCode.OK, (await app.ClientWith(staff.Token).GetAsync("/api/v1/me")).StatusCode);
        await using (var db = await Db())
        {
            await db.ApiTokens.Where(t => t.Id == staff.TokenId).ExecuteUpdateAsync(s => s.SetProperty(t => t.ExpiresAt, app.Now.UtcDateTime.AddSeconds(-1)));
        }

        var response = await app.ClientWith(staff.Token).GetAsync("/api/v1/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("expired", (await ApiFixture.JsonOf(response)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_revoked_token_is_refused_with_401_from_the_next_call_and_the_revocation_is_audited()
    {
        var staff = await app.CreateTokenUserAsync(Roles.Staff);
        Assert.Equal(HttpStatusCode.OK, (await app.ClientWith(staff.Token).GetAsync("/api/v1/me")).StatusCode);

        var revoked = await app.Services.GetRequiredService<ApiTokens>().RevokeAsync(ApiFixture.PrincipalOf(staff.UserId), staff.TokenId);
        var response = await app.ClientWith(staff.Token).GetAsync("/api/v1/me");

        Assert.True(revoked.Succeeded);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("revoked", (await ApiFixture.JsonOf(response)).GetProperty("detail").GetString());
        await using var db = await Db();
        var entries = await db.AuditEntries.Where(e => e.EntityType == ApiTokens.EntityType && e.EntityId == staff.TokenId.ToString())
            .OrderBy(e => e.Id).ToListAsync();
        Assert.Equal([AuditAction.Created, AuditAction.Changed], entries.Select(e => e.Action));
        Assert.Contains(AuditTrail.ChangesOf(entries[1]), c => c.Field == "Status" && c.After == "Revoked");
    }

    [Fact]
    public async Task Token_creation_is_listed_in_the_audit_trail_as_an_api_token()
    {
        var staff = await app.CreateTokenUserAsync(Roles.Staff);
        var client = app.CreateBrowserlikeClient();
        await AppFactory.SignInAsync(client, await app.CreateUserAsync(Roles.ComplianceOfficer, "audit reader password"), "audit reader password");

        var html = await client.GetStringAsync("/audit");

        Assert.Contains("API token “test token”", html);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public async Task The_token_of_a_disabled_or_locked_account_is_refused(bool disable, bool lockOut)
    {
        var staff = await app.CreateTokenUserAsync(Roles.Staff);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = (await users.FindByIdAsync(staff.UserId))!;
            user.IsDisabled = disable;
            await users.UpdateAsync(user);
            if (lockOut)
            {
                await users.SetLockoutEndDateAsync(user, app.Now.AddMinutes(10));
            }
        }

        var response = await app.ClientWith(staff.Token).GetAsync("/api/v1/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task An_unknown_or_malformed_token_is_refused()
    {
        var staff = await app.CreateTokenUserAsync(Roles.Staff);
        var altered = staff.Token[..^1] + (staff.Token[^1] == 'A' ? 'B' : 'A');

        foreach (var token in new[] { altered, staff.Token + "x", "something else entirely" })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await app.ClientWith(token).GetAsync("/api/v1/me")).StatusCode);
        }
    }

    [Fact]
    public async Task Roles_given_or_taken_after_the_token_was_created_count_from_the_next_call()
    {
        var user = await app.CreateTokenUserAsync(Roles.Staff);
        var client = app.ClientWith(user.Token);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/reports/tool-register.pdf")).StatusCode);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            await users.AddToRoleAsync((await users.FindByIdAsync(user.UserId))!, Roles.ComplianceOfficer);
        }

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/reports/tool-register.pdf")).StatusCode);
    }

    [Fact]
    public async Task Only_a_hash_of_the_token_is_stored_and_its_use_is_recorded()
    {
        var staff = await app.CreateTokenUserAsync(Roles.Staff);
        await app.ClientWith(staff.Token).GetAsync("/api/v1/me");

        await using var db = await Db();
        var stored = await db.ApiTokens.AsNoTracking().SingleAsync(t => t.Id == staff.TokenId);
        Assert.StartsWith("aiph_", staff.Token);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(staff.Token))), stored.SecretHash);
        Assert.DoesNotContain(staff.Token, stored.Hint);
        var audited = string.Concat(await db.AuditEntries.Select(e => e.ChangesJson).ToListAsync());
        Assert.DoesNotContain(staff.Token[stored.Hint.Length..], audited);
        Assert.NotNull(stored.LastUsedAt);
    }

    [Fact]
    public async Task Tokens_last_at_most_a_year_and_need_a_name()
    {
        var staff = await app.CreateTokenUserAsync(Roles.Staff);
        var tokens = app.Services.GetRequiredService<ApiTokens>();

        var tooLong = await tokens.CreateAsync(ApiFixture.PrincipalOf(staff.UserId), "nightly sync", ApiTokens.MaximumDays + 1);
        var unnamed = await tokens.CreateAsync(ApiFixture.PrincipalOf(staff.UserId), "  ", 30);

        Assert.False(tooLong.Succeeded);
        Assert.False(unnamed.Succeeded);
    }

    [Fact]
    public async Task Nobody_but_an_administrator_sees_or_revokes_another_users_tokens()
    {
        var owner = await app.CreateTokenUserAsync(Roles.Manager);
        var colleague = await app.CreateTokenUserAsync(Roles.ComplianceOfficer);
        var admin = await app.CreateTokenUserAsync(Roles.Administrator);
        var tokens = app.Services.GetRequiredService<ApiTokens>();

        Assert.False((await tokens.RevokeAsync(ApiFixture.PrincipalOf(colleague.UserId), owner.TokenId)).Succeeded);
        Assert.False((await tokens.ListAsync(ApiFixture.PrincipalOf(colleague.UserId), everyone: true)).Succeeded);
        Assert.DoesNotContain((await tokens.ListAsync(ApiFixture.PrincipalOf(colleague.UserId))).Value!, t => t.Id == owner.TokenId);
        Assert.Equal(HttpStatusCode.OK, (await app.ClientWith(owner.Token).GetAsync("/api/v1/me")).StatusCode);

        Assert.Contains((await tokens.ListAsync(ApiFixture.PrincipalOf(admin.UserId), everyone: true)).Value!, t => t.Id == owner.TokenId);
        Assert.True((await tokens.RevokeAsync(ApiFixture.PrincipalOf(admin.UserId), owner.TokenId)).Succeeded);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.ClientWith(owner.Token).GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task An_unknown_api_address_is_a_json_404_not_the_html_page()
    {
        var staff = await app.CreateTokenUserAsync(Roles.Staff);

        foreach (var path in new[] { "/api/v1/workflows/999999", "/api/v1/no-such-thing" })
        {
            var response = await app.ClientWith(staff.Token).GetAsync(path);

            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    private async Task<AppDbContext> Db() => await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
}
