using AiPolicyHub.Core;
using System.Security.Claims;
using AiPolicyHub.Core.Approvals;
using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Rules;
using AiPolicyHub.Core.Rules.Stored;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AiPolicyHub.Core.Tests;

/// <summary>A clock a test sets and moves, e.g. to see an exception expire.</summary>
public sealed class TestClock(DateTimeOffset now) : TimeProvider
{
    /// <summary>The instant a test's services see unless it chooses another: fixed, so no test depends on the day it runs.</summary>
    public static readonly DateTimeOffset Start = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    public TestClock() : this(Start) { }

    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;

    public void AddDays(int days) => Now = Now.AddDays(days);
}

/// <summary>
/// Core's services over a real database (a SQLite file, or PostgreSQL with <c>AIPOLICYHUB_TEST_POSTGRES</c>, see
/// <see cref="AiPolicyHub.Tests.Shared.TestDatabase"/>), wired as the app wires them, without the web host.
/// </summary>
public sealed class TestServices : IAsyncDisposable
{
    private readonly TempFolder folder = new();

    public ServiceProvider Provider { get; }

    /// <summary>The test's own folder (the data folder: the audit key file lives there), removed with the services.</summary>
    public string Folder => folder.Path;
    public DatabaseOptions Database { get; }

    /// <summary>The time the services see; compare dates with it, never with the system clock.</summary>
    public TimeProvider Clock { get; }

    /// <param name="clock">The time the services see; <see cref="TestClock"/> lets a test move it. Defaults to a <see cref="TestClock"/> at <see cref="TestClock.Start"/>.</param>
    /// <param name="audit">The audit chain's settings; by default a key file in the test's folder, as the app does.</param>
    /// <param name="webhooks">The webhook settings (e.g. a local receiver allowed); by default the app's.</param>
    public TestServices(TimeProvider? clock = null, AuditOptions? audit = null, AiPolicyHub.Core.Webhooks.WebhookOptions? webhooks = null)
    {
        Database = AiPolicyHub.Tests.Shared.TestDatabase.For(folder.Path);
        AiPolicyHub.Tests.Shared.TestDatabase.UseMigratedSqlite(Database);
        var services = new ServiceCollection();
        services.AddLogging();
        // The app keeps its keys in the database (Web); Core's users of Data Protection (the SMTP password) need only a provider.
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        Clock = clock ?? new TestClock();
        services.AddSingleton(Clock);
        services.AddIdentityCore<AppUser>(o =>
            {
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = o.Password.RequireLowercase = o.Password.RequireUppercase = o.Password.RequireNonAlphanumeric = false;
                o.User.RequireUniqueEmail = true;
                o.Tokens.AuthenticatorTokenProvider = AuthenticatorCodes.ProviderName;
            })
            .AddRoles<IdentityRole>()
            .AddTokenProvider<AuthenticatorCodes>(AuthenticatorCodes.ProviderName)
            .AddEntityFrameworkStores<AppDbContext>();
        // The app's hashing work (210,000 PBKDF2 rounds, checked by Web.Tests' SignInTests) would cost every test user a
        // fifth of a second of CPU; tests of Core's rules need the hash, not its cost.
        services.Configure<PasswordHasherOptions>(o => o.IterationCount = AiPolicyHub.Tests.Shared.TestDatabase.PasswordHashIterations);
        // The app's own wiring; contexts are not pooled, since each test disposes its provider.
        services.AddAiPolicyHubCore(new CoreSettings(Database)
        {
            Reports = new AiPolicyHub.Core.Reports.ReportOptions("Test Organisation"),
            PoolContexts = false,
            Audit = audit ?? new AuditOptions(),
            Webhooks = webhooks ?? new AiPolicyHub.Core.Webhooks.WebhookOptions(),
        });
        Provider = services.BuildServiceProvider();
    }

    public async Task<TestServices> InitializeAsync()
    {
        await Provider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        await using var scope = Provider.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IdentityBootstrapper>().EnsureRolesAsync();
        await using var db = await DbAsync();
        await ReferenceData.EnsureAsync(db);
        return this;
    }

    public T InScope<T>(Func<IServiceProvider, T> use)
    {
        using var scope = Provider.CreateScope();
        return use(scope.ServiceProvider);
    }

    public AuditTrail Audit => Provider.GetRequiredService<AuditTrail>();
    public WorkflowInventory Workflows => Provider.GetRequiredService<WorkflowInventory>();
    public ToolCatalog Tools => Provider.GetRequiredService<ToolCatalog>();
    public WorkflowApprovals Approvals => Provider.GetRequiredService<WorkflowApprovals>();
    public RuleSettingsStore RuleSettings => Provider.GetRequiredService<RuleSettingsStore>();
    public RuleExceptions Exceptions => Provider.GetRequiredService<RuleExceptions>();
    public FindingsReport Findings => Provider.GetRequiredService<FindingsReport>();
    public UsageAdvisor Advisor => Provider.GetRequiredService<UsageAdvisor>();
    public ToolDirectory Directory => Provider.GetRequiredService<ToolDirectory>();
    public AiPolicyHub.Core.ImportExport.InventoryImporter Importer => Provider.GetRequiredService<AiPolicyHub.Core.ImportExport.InventoryImporter>();
    public AiPolicyHub.Core.ImportExport.Export.InventoryExporter Exporter => Provider.GetRequiredService<AiPolicyHub.Core.ImportExport.Export.InventoryExporter>();
    public AiPolicyHub.Core.Incidents.PauseRegister Pauses => Provider.GetRequiredService<AiPolicyHub.Core.Incidents.PauseRegister>();
    public AiPolicyHub.Core.Incidents.IncidentLog Incidents => Provider.GetRequiredService<AiPolicyHub.Core.Incidents.IncidentLog>();
    public AiPolicyHub.Core.Incidents.RiskTriggerStore Triggers => Provider.GetRequiredService<AiPolicyHub.Core.Incidents.RiskTriggerStore>();
    public AiPolicyHub.Core.Incidents.ScheduledChecks ScheduledChecks => Provider.GetRequiredService<AiPolicyHub.Core.Incidents.ScheduledChecks>();
    public AiPolicyHub.Core.Notifications.NotificationCenter Notifications => Provider.GetRequiredService<AiPolicyHub.Core.Notifications.NotificationCenter>();
    public AiPolicyHub.Core.Policies.PolicyDocuments Policies => Provider.GetRequiredService<AiPolicyHub.Core.Policies.PolicyDocuments>();
    public AiPolicyHub.Core.Policies.PolicyAcknowledgements Acknowledgements => Provider.GetRequiredService<AiPolicyHub.Core.Policies.PolicyAcknowledgements>();

    /// <summary>A fresh context on the test database, for arranging rows and checking what was stored.</summary>
    public Task<AppDbContext> DbAsync() => Provider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();

    /// <summary>
    /// A user with <paramref name="role"/> who manages <paramref name="managedDepartmentIds"/>, as the principal the app
    /// would pass in. No password: hashing one is slow, and these users never sign in.
    /// </summary>
    public async Task<ClaimsPrincipal> CreateUserAsync(string displayName, string role, params int[] managedDepartmentIds)
    {
        await using var scope = Provider.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var email = displayName.ToLowerInvariant().Replace(' ', '.') + "@example.com";
        var user = new AppUser { UserName = email, Email = email, DisplayName = displayName, CreatedAt = Clock.GetUtcNow() };
        var created = await users.CreateAsync(user);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        if (managedDepartmentIds.Length > 0)
        {
            await using var db = await DbAsync();
            db.DepartmentManagers.AddRange(managedDepartmentIds.Select(d => new DepartmentManager { DepartmentId = d, UserId = user.Id }));
            await db.SaveChangesAsync();
        }
        return new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, user.Id), new Claim(ClaimTypes.Role, role)], "test"));
    }

    public static string UserId(ClaimsPrincipal principal) => principal.FindFirstValue(ClaimTypes.NameIdentifier)!;

    public async Task<int> AddDepartmentAsync(string name)
    {
        await using var db = await DbAsync();
        var department = db.Departments.Add(new Department { Name = name }).Entity;
        await db.SaveChangesAsync();
        return department.Id;
    }

    /// <summary>The id of one of the default classification levels (Public, Internal, Confidential, Restricted).</summary>
    public async Task<int> ClassificationIdAsync(string name)
    {
        await using var db = await DbAsync();
        return await db.ClassificationLevels.Where(c => c.Name == name).Select(c => c.Id).SingleAsync();
    }

    /// <summary>Stores workflows directly, without validation or audit: fast arrangement for list tests.</summary>
    public async Task AddWorkflowsAsync(IEnumerable<Workflow> workflows)
    {
        await using var db = await DbAsync();
        db.Workflows.AddRange(workflows);
        await db.SaveChangesAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Provider.DisposeAsync();
        AiPolicyHub.Tests.Shared.TestDatabase.Drop(folder.Path);
        folder.Dispose();
    }
}
