using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.Mvc.Testing;
using AiPolicyHub.Core.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace AiPolicyHub.Web.Tests;

/// <summary>The real app on the in-memory test server, with its own data folder and a known administrator.</summary>
public sealed class AppFactory : WebApplicationFactory<Program>
{
    public AppFactory() : this(null)
    {
    }

    private readonly Dictionary<string, string> settings = [];
    private Action<IServiceCollection>? testServices;

    private AppFactory(string? dataFolder)
    {
        ownsFolder = dataFolder is null;
        DataFolder = dataFolder ?? Directory.CreateTempSubdirectory("aipolicyhub-web-").FullName;
    }

    public const string AdminEmail = "admin@example.com";
    public const string AdminPassword = "a long passphrase for tests"; // without "admin": PasswordPolicy refuses the email in a password

    private readonly bool ownsFolder;

    public string DataFolder { get; }

    /// <summary>An app with extra configuration, e.g. <c>Security:RevalidationInterval</c>.</summary>
    public static AppFactory WithSettings(IReadOnlyDictionary<string, string> settings, bool realPasswordHashing = false)
    {
        var factory = new AppFactory(null) { RealPasswordHashing = realPasswordHashing };
        foreach (var (key, value) in settings)
        {
            factory.settings[key] = value;
        }
        return factory;
    }

    /// <summary>An app whose services <paramref name="configure"/> changes after the app registered its own, e.g. to make one fail.</summary>
    public static AppFactory WithServices(Action<IServiceCollection> configure) => new(null) { testServices = configure };

    /// <summary>Also changes the app's services after it registered its own (with <see cref="WithSettings"/>).</summary>
    /// <summary>
    /// True: the app starts on an empty data folder and migrates it itself (what the migration tests check). Otherwise a
    /// SQLite app starts on a copy of a schema migrated once per test run.
    /// </summary>
    public bool MigratesItself { get; init; }

    /// <summary>True: passwords are hashed with the app's configured rounds, not the tests' fewer (TestDatabase.PasswordHashIterations).</summary>
    public bool RealPasswordHashing { get; init; }

    public AppFactory AndServices(Action<IServiceCollection> configure)
    {
        testServices += configure;
        return this;
    }

    /// <summary>An app in the Development environment (as the "Development" launch profile runs it).</summary>
    public static AppFactory InDevelopment(Action<IServiceCollection>? configure = null) => new(null) { environment = "Development", testServices = configure };

    private string environment = "Production";

    /// <summary>An app over an existing data folder, which the caller owns (to test restarts).</summary>
    public static AppFactory OnDataFolder(string dataFolder) => new(dataFolder);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        var database = AiPolicyHub.Tests.Shared.TestDatabase.For(DataFolder);
        if (!MigratesItself)
        {
            AiPolicyHub.Tests.Shared.TestDatabase.UseMigratedSqlite(database);
        }
        builder.UseSetting("Database:DataFolder", DataFolder);
        builder.UseSetting("Database:Provider", database.Provider);
        if (database.ConnectionString is { } connectionString)
        {
            builder.UseSetting("Database:ConnectionString", connectionString);
        }
        builder.UseSetting("AIPOLICYHUB_ADMIN_EMAIL", AdminEmail);
        builder.UseSetting("AIPOLICYHUB_ADMIN_PASSWORD", AdminPassword);
        // Every test request comes from one (unknown) address and many sign in as the same administrator: the rate limits
        // would count a whole class's tests as one client. RateLimitTests set low limits to test them.
        foreach (var limit in new[] { "SignInPerClient", "SignInPerAccount", "ApiPerClient", "ApiPerToken", "ReportsPerUser", "ImportsPerUser" })
        {
            builder.UseSetting($"RateLimits:{limit}:Permits", "100000");
        }
        // The tests sign in as administrators with a password alone; the two-factor tests set the requirement themselves.
        builder.UseSetting("Security:RequireTwoFactorForRoles", "");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
        if (!RealPasswordHashing)
        {
            builder.ConfigureTestServices(services => services.PostConfigure<PasswordHasherOptions>(
                o => o.IterationCount = AiPolicyHub.Tests.Shared.TestDatabase.PasswordHashIterations));
        }
        if (testServices is not null)
        {
            builder.ConfigureTestServices(testServices);
        }
    }

    /// <summary>A client that keeps cookies and does not follow redirects, so tests see where the server sends them.</summary>
    public HttpClient CreateBrowserlikeClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Posts the sign-in form as a browser without JavaScript would.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password, string? returnUrl = null)
    {
        var address = returnUrl is null ? "/account/sign-in" : $"/account/sign-in?ReturnUrl={Uri.EscapeDataString(returnUrl)}";
        var form = await client.GetStringAsync(address);
        var token = Regex.Match(form, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        return await client.PostAsync(address, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "sign-in",
            ["__RequestVerificationToken"] = token,
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }));
    }

    /// <summary>
    /// Now on the app's own clock (its <see cref="TimeProvider"/>): a test that sets a date asks the app under test, never
    /// the machine, so it follows whatever clock the app is given.
    /// </summary>
    public DateTimeOffset Now => Services.GetRequiredService<TimeProvider>().GetUtcNow();

    /// <summary>Adds a user with <paramref name="role"/> and <paramref name="password"/>; returns the email to sign in with.</summary>
    public async Task<string> CreateUserAsync(string role, string password, bool disabled = false, bool mustChangePassword = false)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var email = $"{role.ToLowerInvariant().Replace(' ', '-')}-{Guid.NewGuid():N}@example.com";
        var user = new AppUser
        {
            UserName = email, Email = email, DisplayName = role, CreatedAt = Now,
            IsDisabled = disabled, MustChangePassword = mustChangePassword,
        };
        var created = await users.CreateAsync(user, password);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return email;
    }

    /// <summary>True when the response redirects to a URL whose path and query start with <paramref name="pathStart"/>.</summary>
    public static bool IsRedirectTo(HttpResponseMessage response, string pathStart)
    {
        if (response.StatusCode is not (HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther)
            || response.Headers.Location is not { } location)
        {
            return false;
        }
        if (location.IsAbsoluteUri && location.Host != "localhost")
        {
            return false; // never somewhere else
        }
        var target = location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
        return pathStart == "/" ? target == "/" : target.StartsWith(pathStart, StringComparison.OrdinalIgnoreCase);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        if (disposing && ownsFolder)
        {
            AiPolicyHub.Tests.Shared.TestDatabase.Drop(DataFolder);
            try { Directory.Delete(DataFolder, recursive: true); } catch (IOException) { }
        }
    }
}
