using System.Text.RegularExpressions;
using AiPolicyHub.E2E.Tests.Infrastructure;
using AiPolicyHub.E2E.Tests.Pages;
using static Microsoft.Playwright.Assertions;

namespace AiPolicyHub.E2E.Tests;

/// <summary>
/// Single sign-on against a real OpenID Connect provider (OpenIddict, tests/AiPolicyHub.OidcProvider) on 127.0.0.1, through
/// Chromium: the authorization code flow with PKCE (the provider refuses a client without it), groups mapped to roles and a
/// department claim to a department, and local accounts switched off except the break-glass administrator.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SingleSignOnTests(BrowserFixture browser, ITestOutputHelper output) : IAsyncLifetime
{
    private const string ProviderName = "Test IdP";
    private const string Password = "provider password";

    private static readonly OidcProviderProcess.User Dana = new("dana", Password, "Dana Manager", "dana@example.com", ["aiph-managers"], "FIN-01");
    private static readonly OidcProviderProcess.User Olly = new("olly", Password, "Olly Outsider", "olly@example.com", ["marketing-all"], "Marketing");

    private readonly OidcProviderProcess provider = new();
    private AppProcess app = null!;

    public async Task InitializeAsync()
    {
        app = AppProcess.Create(settings: new Dictionary<string, string>
        {
            ["SeedDemo"] = "true", // departments, Finance among them
            ["Authentication__OpenIdConnect__Authority"] = provider.Authority,
            ["Authentication__OpenIdConnect__ClientId"] = OidcProviderProcess.ClientId,
            ["Authentication__OpenIdConnect__ClientSecret"] = OidcProviderProcess.ClientSecret,
            ["Authentication__OpenIdConnect__DisplayName"] = ProviderName,
            ["Authentication__OpenIdConnect__DepartmentClaim"] = OidcProviderProcess.DepartmentClaim,
            ["Authentication__OpenIdConnect__RequireHttpsMetadata"] = "false",
            ["Authentication__OpenIdConnect__RoleMappings__aiph-managers"] = "Manager",
            ["Authentication__OpenIdConnect__RoleMappings__aiph-compliance"] = "ComplianceOfficer",
            ["Authentication__OpenIdConnect__DepartmentMappings__FIN-01"] = "Finance",
            ["Authentication__LocalAccounts__Enabled"] = "false",
            ["Authentication__LocalAccounts__BreakGlassEmail"] = AppProcess.AdminEmail,
        });
        await Task.WhenAll(provider.StartAsync(app.BaseUrl, [Dana, Olly]), app.StartAsync());
    }

    public async Task DisposeAsync()
    {
        await app.ReportAsync(output, nameof(SingleSignOnTests));
        await app.DisposeAsync();
        await provider.DisposeAsync();
    }

    [Fact]
    public async Task A_new_person_lands_with_the_role_and_department_their_claims_map_to_a_changed_group_changes_the_role_and_an_unmapped_one_is_refused()
    {
        var page = await browser.NewPageAsync(app);
        var sso = new SingleSignOnPages(page, ProviderName);
        await sso.SignInAsync(Dana.UserName, Dana.Password);

        var shell = new AppShell(page);
        await Expect(shell.Heading).ToHaveTextAsync("Dashboard");
        await page.GotoAsync("/profile");
        await Expect(SingleSignOnPages.ProfileFact(page, "Name")).ToHaveTextAsync("Dana Manager");
        await Expect(SingleSignOnPages.ProfileFact(page, "Roles")).ToHaveTextAsync("Manager");
        await Expect(SingleSignOnPages.ProfileFact(page, "Department")).ToHaveTextAsync("Finance");
        await Expect(shell.Navigation.GetByRole(AriaRole.Link, new() { Name = "Audit trail" })).ToHaveCountAsync(0);

        // The provider moves Dana to compliance; her next sign-in (the provider remembers her, so no form) brings the new role.
        await provider.SetGroupsAsync(Dana.UserName, "aiph-compliance");
        await shell.WaitUntilInteractiveAsync();
        await shell.SignOutAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("You have signed out.");
        await sso.SignInAsync(Dana.UserName, Dana.Password);
        await Expect(shell.Heading).ToHaveTextAsync("Dashboard");
        await page.GotoAsync("/profile");
        await Expect(SingleSignOnPages.ProfileFact(page, "Roles")).ToHaveTextAsync("Compliance officer");
        await Expect(shell.Navigation.GetByRole(AriaRole.Link, new() { Name = "Audit trail" })).ToBeVisibleAsync();

        // Olly's only group maps to no role: a clear refusal, and no account.
        var outsider = await browser.NewPageAsync(app);
        var outsiderSso = new SingleSignOnPages(outsider, ProviderName);
        await outsiderSso.SignInAsync(Olly.UserName, Olly.Password);
        await Expect(outsiderSso.RefusalHeading).ToBeVisibleAsync();
        await Expect(outsider.GetByRole(AriaRole.Alert)).ToContainTextAsync("none of your groups gives you a role");
        await outsider.GotoAsync("/");
        await Expect(outsider).ToHaveURLAsync(new Regex("/account/sign-in"));
    }

    [Fact]
    public async Task With_local_accounts_off_only_the_break_glass_administrator_signs_in_with_a_password_at_the_break_glass_address()
    {
        var page = await browser.NewPageAsync(app);
        var sso = new SingleSignOnPages(page, ProviderName);
        await page.GotoAsync("/account/sign-in");
        await Expect(sso.Button).ToBeVisibleAsync();
        await Expect(sso.PasswordField).ToHaveCountAsync(0);

        // Another local account, made by the administrator at the break-glass address: its right password is refused.
        await page.GotoAsync("/account/sign-in/break-glass");
        await Expect(sso.Button).ToHaveCountAsync(0);
        await new SignInPage(page).SignInAsync(AppProcess.AdminEmail, AppProcess.AdminPassword);
        await Expect(new AppShell(page).Heading).ToHaveTextAsync("Dashboard");
        var users = new UsersPage(page);
        await users.OpenAsync();
        var oneTimePassword = await users.AddUserAsync("sam.staff@example.com", "Sam Staff");
        await page.GotoAsync("/admin/single-sign-on");
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Role mappings" })).ToContainTextAsync("aiph-managers");

        var colleague = await browser.NewPageAsync(app);
        await colleague.GotoAsync("/account/sign-in/break-glass");
        await new SignInPage(colleague).SignInAsync("sam.staff@example.com", oneTimePassword);
        await Expect(new SignInPage(colleague).Error).ToContainTextAsync("Wrong email or password.");
        await Expect(colleague).ToHaveURLAsync(new Regex("/account/sign-in/break-glass$"));
    }
}
