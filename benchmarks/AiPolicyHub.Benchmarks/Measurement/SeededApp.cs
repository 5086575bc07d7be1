using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Inventory;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace AiPolicyHub.Benchmarks.Measurement;

/// <summary>What the browser benchmarks share: a data folder with a large inventory, and a signed-in administrator.</summary>
public static class SeededApp
{
    /// <summary>Debian's Chromium (the benchmarks never download a browser), with the arguments the test suite uses.</summary>
    public const string Chromium = "/usr/bin/chromium";

    public static readonly string[] ChromiumArguments =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--no-first-run", "--disable-quic", "--disable-extensions"];

    /// <summary>The demo inventory (loaded by the app itself) plus <paramref name="count"/> generated workflows, in <paramref name="folder"/>; returns the number of workflows.</summary>
    public static async Task<int> SeedAsync(string folder, int count, CancellationToken cancellationToken)
    {
        await using (await AppServer.StartAsync(folder, ["--seed-demo"], new Dictionary<string, string>(), TimeSpan.FromSeconds(300), cancellationToken))
        {
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        builder.UseConfiguredDatabase(new DatabaseOptions { DataFolder = folder });
        await using var db = new AppDbContext(builder.Options);
        await WorkflowGenerator.GenerateAsync(db, count, DateOnly.FromDateTime(DateTime.UtcNow), cancellationToken: cancellationToken);
        await db.Database.CloseConnectionAsync();
        return await CountAsync(folder, cancellationToken);
    }

    /// <summary>The number of workflows in a folder seeded before.</summary>
    public static async Task<int> CountAsync(string folder, CancellationToken cancellationToken)
    {
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        builder.UseConfiguredDatabase(new DatabaseOptions { DataFolder = folder });
        await using var db = new AppDbContext(builder.Options);
        var total = await db.Workflows.CountAsync(cancellationToken);
        await db.Database.CloseConnectionAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return total;
    }

    /// <summary>Signs the benchmark administrator in through the real form; returns the browser storage state (its cookies) for new contexts.</summary>
    public static async Task<string> SignInAsync(IBrowser browser, AppServer server)
    {
        await using var context = await browser.NewContextAsync(new() { BaseURL = server.BaseUrl });
        context.SetDefaultTimeout(120_000); // generous on a busy machine
        context.SetDefaultNavigationTimeout(120_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email").FillAsync(AppServer.AdminEmail);
        await page.GetByLabel("Password").FillAsync(AppServer.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/sign-in", StringComparison.Ordinal));
        if (page.Url.Contains("/account/", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Signing in ended on {page.Url}, not on a page of the app.");
        }
        return await context.StorageStateAsync();
    }
}
