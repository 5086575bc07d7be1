namespace AiPolicyHub.E2E.Tests.Infrastructure;

/// <summary>One headless Debian Chromium for all browser tests (never a downloaded browser).</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: run ./test.sh, which installs Debian's chromium package.");
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

/// <summary>Browser tests run one at a time: two cores cannot host several apps and Chromiums at once reliably.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
