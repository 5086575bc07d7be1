namespace AiPolicyHub.E2E.Tests.Infrastructure;

/// <summary>
/// One headless Debian Chromium for all browser tests (never a downloaded browser): Debian's chromium-headless-shell, the
/// same Chromium (Blink, V8, the same version as the chromium package) built as the headless shell that Playwright itself
/// runs for headless tests. It has no browser interface to keep up: the browser tests took 887 CPU-s in 11 min 41 s with it,
/// and the InventoryTests 93 CPU-s against 119 with the full browser's headless mode (5 December 2026, 2-core machine).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium-headless-shell";

    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: run ./test.sh, which installs Debian's chromium-headless-shell package.");
        }
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic",
            ],
        });
    }

    /// <summary>A fresh browser profile (cookies, storage) for one user.</summary>
    public async Task<IPage> NewPageAsync(AppProcess app)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseUrl, ViewportSize = new() { Width = 1280, Height = 800 } });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        app.Track(page);
        return page;
    }

    /// <summary>A fresh browser profile signed in as the administrator the app was started with.</summary>
    public async Task<IPage> SignedInAdministratorAsync(AppProcess app)
    {
        var page = await NewPageAsync(app);
        await new Pages.SignInPage(page).OpenAsync();
        await new Pages.SignInPage(page).SignInAsync(AppProcess.AdminEmail, AppProcess.AdminPassword);
        return page;
    }

    /// <summary>The administrator on <paramref name="admin"/> adds a colleague, who signs in for the first time in a fresh profile.</summary>
    public async Task<IPage> SignedInColleagueAsync(AppProcess app, IPage admin, string email, string name, string role = "Staff", string? department = null)
    {
        var users = new Pages.UsersPage(admin);
        await users.OpenAsync();
        var oneTimePassword = await users.AddUserAsync(email, name, role, department);
        var page = await NewPageAsync(app);
        await new Pages.SignInPage(page).OpenAsync();
        await new Pages.SignInPage(page).SignInFirstTimeAsync(email, oneTimePassword, "a colleague's own password");
        return page;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        playwright?.Dispose();
    }
}

/// <summary>
/// One app with the demo inventory (<c>SeedDemo</c>), for the tests that only look at it (the accessibility, screen-size and
/// Content-Security-Policy tours): started when the first of them asks, and shared, since starting an app and seeding
/// it costs seconds of CPU a test. A test on it changes nothing any other test reads, and ends with
/// <see cref="AppProcess.EndTestAsync"/>.
/// </summary>
public sealed class DemoAppFixture : IAsyncLifetime
{
    private readonly AppProcess app = AppProcess.Create(settings: new Dictionary<string, string> { ["SeedDemo"] = "true" });
    private readonly Lazy<Task> started;

    public DemoAppFixture() => started = new(app.StartAsync);

    public async Task<AppProcess> AppAsync()
    {
        await started.Value;
        return app;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await app.DisposeAsync();
}

/// <summary>Browser tests run one at a time: two cores cannot host several apps and Chromiums at once reliably.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>, ICollectionFixture<DemoAppFixture>
{
    public const string Name = "Browser";
}
