using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.RegularExpressions;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OtpNet;

namespace AiPolicyHub.Web.Tests.Identity;

/// <summary>
/// Two-factor sign-in on the real pipeline, as a browser without JavaScript posts the forms. The app here requires it of
/// administrators and compliance officers, as the default setting does; codes come from Otp.NET at the app's time.
/// </summary>
public sealed class TwoFactorTests : IDisposable
{
    private const string Password = "a password for two-factor tests";

    private readonly AppFactory app;

    /// <summary>What the app logged about sign-in and sessions, for a failure message.</summary>
    private readonly RecordedLog log = new();

    public TwoFactorTests()
    {
        app = AppFactory.WithSettings(new Dictionary<string, string>
        {
            ["Security:RequireTwoFactorForRoles"] = "Administrator,ComplianceOfficer",
            // Sessions re-check the account's security stamp (which switching two-factor on or off changes) every second.
            ["Security:RevalidationInterval"] = "00:00:01",
        }).AndServices(services => services.AddLogging(logging => logging.AddProvider(log)
            .AddFilter<RecordedLog>("Microsoft.AspNetCore.Authentication", LogLevel.Debug)
            .AddFilter<RecordedLog>("Microsoft.AspNetCore.Identity", LogLevel.Debug)
            .AddFilter<RecordedLog>("Microsoft.AspNetCore.Antiforgery", LogLevel.Debug)
            .AddFilter<RecordedLog>("Microsoft.AspNetCore.DataProtection", LogLevel.Debug)
            .AddFilter<RecordedLog>("", LogLevel.Warning)));
    }

    public void Dispose() => app.Dispose();

    private static string CodeAt(string key, DateTimeOffset at) => new Totp(Base32Encoding.ToBytes(key)).ComputeTotp(at.UtcDateTime);

    /// <summary>Posts one of a page's forms (by its handler name) as a browser would, with the page's antiforgery token.</summary>
    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string address, string handler, Dictionary<string, string> fields)
    {
        var page = await client.GetStringAsync(address);
        var token = Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        return await client.PostAsync(address, new FormUrlEncodedContent(new Dictionary<string, string>(fields)
        {
            ["_handler"] = handler,
            ["__RequestVerificationToken"] = token,
        }));
    }

    /// <summary>What a page answered, for a failure message: the status, where it sent the browser, and the text of its main part.</summary>
    private static string Answered(HttpResponseMessage response, string page)
    {
        var body = Regex.Match(page, "<body[^>]*>(.*?)</body>", RegexOptions.Singleline) is { Success: true } m ? m.Groups[1].Value : page;
        var text = Regex.Replace(Regex.Replace(Regex.Replace(body, "<script.*?</script>", " ", RegexOptions.Singleline), "<[^>]+>", " "), "\\s+", " ").Trim();
        text = Regex.Replace(text, "::-webkit-scrollbar.*?--mud-[^}]*}", "[styles]", RegexOptions.Singleline);
        return $"{(int)response.StatusCode} {response.Headers.Location} ({page.Length} characters) {text[..Math.Min(text.Length, 800)]}";
    }

    private static async Task<string> SharedKeyOnAsync(HttpClient client)
    {
        var setup = await client.GetStringAsync(TwoFactorSetupPath);
        var key = Regex.Match(setup, "data-testid=\"shared-key\">([A-Z2-7 ]+)<").Groups[1].Value.Replace(" ", "");
        Assert.Matches("^[A-Z2-7]{32}$", key);
        return key;
    }

    private const string TwoFactorSetupPath = "/account/two-factor";

    /// <summary>A user of <paramref name="role"/> who switched two-factor sign-in on through the setup page, and their session.</summary>
    private async Task<(string Email, string Key, IReadOnlyList<string> RecoveryCodes, HttpClient Session)> EnrolledAsync(string role)
    {
        var email = await app.CreateUserAsync(role, Password);
        var client = app.CreateBrowserlikeClient();
        await AppFactory.SignInAsync(client, email, Password);
        var key = await SharedKeyOnAsync(client);
        var enabled = await PostFormAsync(client, TwoFactorSetupPath, "two-factor-enable", new() { ["EnableInput.Code"] = CodeAt(key, app.Now) });
        var page = await enabled.Content.ReadAsStringAsync();
        Assert.True(page.Contains("Two-factor sign-in is on."), $"Not switched on: {Answered(enabled, page)}\nThe app's log:\n{log}");
        var codes = Regex.Matches(page, "<li><code>([A-Z0-9-]+)</code></li>").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(10, codes.Count);
        return (email, key, codes, client);
    }

    [Fact]
    public async Task An_administrator_without_two_factor_is_sent_to_set_it_up_and_reaches_nothing_else_until_then()
    {
        var client = app.CreateBrowserlikeClient();
        var signIn = await AppFactory.SignInAsync(client, AppFactory.AdminEmail, AppFactory.AdminPassword);
        Assert.True(AppFactory.IsRedirectTo(signIn, "/"), $"{signIn.StatusCode} {signIn.Headers.Location}");

        Assert.True(AppFactory.IsRedirectTo(await client.GetAsync("/"), TwoFactorSetupPath));
        Assert.True(AppFactory.IsRedirectTo(await client.GetAsync("/admin/users"), TwoFactorSetupPath));
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/export/workflows.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/reports/quick-reference.pdf")).StatusCode);
        var setup = await client.GetAsync(TwoFactorSetupPath);
        Assert.Equal(HttpStatusCode.OK, setup.StatusCode);
        Assert.Contains("Your role requires two-factor sign-in", await setup.Content.ReadAsStringAsync());

        // Once it is on, the same session goes everywhere again, also after it re-checked the account.
        var key = await SharedKeyOnAsync(client);
        await PostFormAsync(client, TwoFactorSetupPath, "two-factor-enable", new() { ["EnableInput.Code"] = CodeAt(key, app.Now) });
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/export/workflows.csv")).StatusCode);
    }

    [Fact]
    public async Task A_compliance_officer_from_single_sign_on_is_not_held_for_setup_while_a_local_one_is()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var claims = scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<AppUser>>();
        async Task<AppUser> OfficerAsync(string email, string? password)
        {
            var user = new AppUser { UserName = email, Email = email, DisplayName = email };
            Assert.True((password is null ? await users.CreateAsync(user) : await users.CreateAsync(user, password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, Roles.ComplianceOfficer)).Succeeded);
            return user;
        }

        // Created by single sign-on: no password here; the identity provider decides how the person proves who they are.
        var fromProvider = await claims.CreateAsync(await OfficerAsync("sso.officer@example.com", null));
        var local = await claims.CreateAsync(await OfficerAsync("local.officer@example.com", Password));

        Assert.False(fromProvider.HasClaim(AppClaims.TwoFactorSetupDue, "true"));
        Assert.True(local.HasClaim(AppClaims.TwoFactorSetupDue, "true"));
    }

    [Fact]
    public async Task Staff_are_not_held_and_an_administrators_api_token_keeps_working_while_setup_is_due()
    {
        var staff = app.CreateBrowserlikeClient();
        await AppFactory.SignInAsync(staff, await app.CreateUserAsync(Roles.Staff, Password), Password);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync("/")).StatusCode);

        string adminId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            adminId = (await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(AppFactory.AdminEmail))!.Id;
        }
        var token = await app.Services.GetRequiredService<ApiTokens>().CreateAsync(
            new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, adminId)], "test")), "sync", 30);
        var api = app.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Value!.Secret);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/workflows")).StatusCode);
    }

    [Fact]
    public async Task The_setup_page_refuses_a_wrong_code_and_leaves_two_factor_off()
    {
        var email = await app.CreateUserAsync(Roles.Staff, Password);
        var client = app.CreateBrowserlikeClient();
        await AppFactory.SignInAsync(client, email, Password);
        var right = CodeAt(await SharedKeyOnAsync(client), app.Now);

        var refused = await PostFormAsync(client, TwoFactorSetupPath, "two-factor-enable",
            new() { ["EnableInput.Code"] = right == "000000" ? "111111" : "000000" });

        var page = await refused.Content.ReadAsStringAsync();
        Assert.Contains(WebUtility.HtmlEncode(TwoFactorAuthentication.WrongCode), page);
        Assert.DoesNotContain("recovery-codes", page);
        await using var scope = app.Services.CreateAsyncScope();
        Assert.False((await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email))!.TwoFactorEnabled);
    }

    [Fact]
    public async Task After_the_password_a_user_with_two_factor_needs_a_right_code_before_any_page_opens()
    {
        var (email, key, _, _) = await EnrolledAsync(Roles.ComplianceOfficer);
        var client = app.CreateBrowserlikeClient();

        var password = await AppFactory.SignInAsync(client, email, Password, returnUrl: "/findings");
        Assert.True(AppFactory.IsRedirectTo(password, "/account/sign-in/two-factor?ReturnUrl=%2Ffindings"), $"{password.Headers.Location}");
        Assert.True(AppFactory.IsRedirectTo(await client.GetAsync("/"), "/account/sign-in")); // no session yet

        var secondStep = "/account/sign-in/two-factor?ReturnUrl=%2Ffindings";
        var wrong = await PostFormAsync(client, secondStep, "two-factor-code", new() { ["CodeInput.Code"] = "12345" });
        Assert.Contains("That code is not right.", await wrong.Content.ReadAsStringAsync());
        // The enrolment used the code of now: a code works once, so the next step's (a phone a little ahead) signs in.
        var right = await PostFormAsync(client, secondStep, "two-factor-code", new() { ["CodeInput.Code"] = CodeAt(key, app.Now.AddSeconds(30)) });
        Assert.True(AppFactory.IsRedirectTo(right, "/findings"), $"{right.StatusCode} {right.Headers.Location}");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/findings")).StatusCode);
    }

    [Fact]
    public async Task A_recovery_code_signs_in_once()
    {
        var (email, _, codes, _) = await EnrolledAsync(Roles.Staff);
        var recovery = "/account/sign-in/two-factor?Recovery=true";

        var first = app.CreateBrowserlikeClient();
        await AppFactory.SignInAsync(first, email, Password);
        var used = await PostFormAsync(first, recovery, "two-factor-recovery", new() { ["RecoveryInput.Code"] = codes[0] });
        Assert.True(AppFactory.IsRedirectTo(used, "/"), $"{used.StatusCode} {used.Headers.Location}");

        var second = app.CreateBrowserlikeClient();
        await AppFactory.SignInAsync(second, email, Password);
        var again = await PostFormAsync(second, recovery, "two-factor-recovery", new() { ["RecoveryInput.Code"] = codes[0] });
        Assert.Contains("That recovery code is wrong or has been used already.", await again.Content.ReadAsStringAsync());
        Assert.True(AppFactory.IsRedirectTo(await second.GetAsync("/"), "/account/sign-in"));
    }

    [Fact]
    public async Task Five_wrong_codes_lock_the_account_and_then_even_the_right_code_is_refused()
    {
        var (email, key, _, _) = await EnrolledAsync(Roles.Staff);
        var client = app.CreateBrowserlikeClient();
        await AppFactory.SignInAsync(client, email, Password);
        var right = CodeAt(key, app.Now.AddSeconds(30));
        var wrong = right == "999999" ? "888888" : "999999";

        for (var i = 0; i < 5; i++)
        {
            await PostFormAsync(client, "/account/sign-in/two-factor", "two-factor-code", new() { ["CodeInput.Code"] = wrong });
        }
        var locked = await PostFormAsync(client, "/account/sign-in/two-factor", "two-factor-code", new() { ["CodeInput.Code"] = right });

        Assert.Contains("Too many wrong codes: the account is locked", await locked.Content.ReadAsStringAsync());
        Assert.True(AppFactory.IsRedirectTo(await client.GetAsync("/"), "/account/sign-in"));
    }

    [Fact]
    public async Task Staff_switch_it_off_with_a_code_keep_their_session_and_then_sign_in_with_the_password_alone()
    {
        var (email, key, _, client) = await EnrolledAsync(Roles.Staff);

        // The code of now switched it on (a code works once): the next step's switches it off.
        var off = await PostFormAsync(client, TwoFactorSetupPath, "two-factor-disable", new() { ["DisableInput.Code"] = CodeAt(key, app.Now.AddSeconds(30)) });
        var page = await off.Content.ReadAsStringAsync();
        Assert.True(page.Contains("Two-factor sign-in is off."), $"Not switched off: {Answered(off, page)}\nThe app's log:\n{log}");
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);

        var again = await AppFactory.SignInAsync(app.CreateBrowserlikeClient(), email, Password);
        Assert.True(AppFactory.IsRedirectTo(again, "/"), $"{again.StatusCode} {again.Headers.Location}");
    }

    [Fact]
    public async Task The_second_step_without_a_password_first_sends_the_visitor_back_to_sign_in()
    {
        var page = await app.CreateBrowserlikeClient().GetStringAsync("/account/sign-in/two-factor");

        Assert.Contains("Your sign-in has timed out, or was not started in this browser.", page);
        Assert.Contains("href=\"/account/sign-in\"", page);
    }
}

/// <summary>The setting <c>Security:RequireTwoFactorForRoles</c>: its default, and how an operator changes or empties it.</summary>
public sealed class TwoFactorSettingTests
{
    private static IConfiguration Security(Action<IConfigurationBuilder> sources)
    {
        var builder = new ConfigurationBuilder();
        sources(builder);
        return builder.Build().GetSection(SecurityOptions.Section);
    }

    private static readonly string AppSettings = Path.Combine(AiPolicyHub.Tests.Shared.RepositoryPaths.Root, "src", "AiPolicyHub.Web", "appsettings.json");

    [Fact]
    public void The_shipped_settings_require_two_factor_of_administrators_and_compliance_officers()
    {
        var roles = SecurityOptions.TwoFactorRolesFrom(Security(b => b.AddJsonFile(AppSettings)));

        Assert.Equal([Roles.Administrator, Roles.ComplianceOfficer], roles);
    }

    [Fact]
    public void Without_the_setting_the_default_still_requires_it()
    {
        Assert.Equal(TwoFactorRequirement.DefaultRoles, SecurityOptions.TwoFactorRolesFrom(Security(_ => { })));
    }

    [Theory]
    [InlineData("", new string[0])]
    [InlineData("Administrator", new[] { "Administrator" })]
    [InlineData(" Administrator , Manager ", new[] { "Administrator", "Manager" })]
    public void One_value_from_the_environment_replaces_the_list_and_empty_requires_it_of_nobody(string value, string[] expected)
    {
        var roles = SecurityOptions.TwoFactorRolesFrom(Security(b => b.AddJsonFile(AppSettings)
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Security:RequireTwoFactorForRoles"] = value })));

        Assert.Equal(expected, roles);
    }

    [Fact]
    public void A_name_that_is_not_a_role_stops_the_start_with_a_message_naming_the_setting()
    {
        var roles = SecurityOptions.TwoFactorRolesFrom(Security(b => b.AddInMemoryCollection(
            new Dictionary<string, string?> { ["Security:RequireTwoFactorForRoles"] = "Administrators" })));

        var refused = Assert.Throws<AiPolicyHub.Core.StartupException>(() => new TwoFactorRequirement(roles));

        Assert.StartsWith("Security:RequireTwoFactorForRoles names 'Administrators', which is not a role", refused.Message);
    }
}

/// <summary>Keeps what the app logs (at the levels the filters let through), each line with the milliseconds since the app started.</summary>
internal sealed class RecordedLog : ILoggerProvider
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> lines = new();
    private readonly System.Diagnostics.Stopwatch since = System.Diagnostics.Stopwatch.StartNew();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    public override string ToString() => string.Join('\n', lines.TakeLast(80));

    private sealed class Logger(RecordedLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            log.lines.Enqueue($"{log.since.ElapsedMilliseconds,6} ms {logLevel} {category}: {formatter(state, exception)}{(exception is null ? "" : " " + exception.GetType().Name + ": " + exception.Message)}");
    }
}
