using System.Text.RegularExpressions;
using AiPolicyHub.E2E.Tests.Infrastructure;
using AiPolicyHub.E2E.Tests.Pages;
using static Microsoft.Playwright.Assertions;

namespace AiPolicyHub.E2E.Tests;

/// <summary>
/// Two app instances on one PostgreSQL database behind nginx (the shipped infra/nginx/aipolicyhub.conf), all real
/// servers on 127.0.0.1: what an organisation running several instances relies on.
/// </summary>
[Collection(BrowserCollection.Name)]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class MultiInstanceTests(BrowserFixture browser, ITestOutputHelper output) : IAsyncLifetime
{
    private const string Reason = "Answers quoted another customer's data; under investigation.";
    private readonly ClusterServers servers = new();
    private AppProcess first = null!, second = null!;

    public async Task InitializeAsync()
    {
        try
        {
            await StartAsync();
        }
        catch
        {
            await DisposeAsync(); // xUnit does not dispose what failed to initialise: stop what did start
            throw;
        }
    }

    private async Task StartAsync()
    {
        var database = await servers.StartPostgresAsync();
        var settings = new Dictionary<string, string>
        {
            ["Database__Provider"] = "Postgres",
            ["Database__ConnectionString"] = database,
            // Every instance looks for due jobs every second; the audit-chain check is due once an hour.
            ["Jobs__CheckInterval"] = "00:00:01",
            ["LiveChanges__PollInterval"] = "00:00:01",
            // Both instances seal the one audit chain, so they share its key (each data folder would get its own otherwise).
            ["AIPOLICYHUB_AUDIT_KEY"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
        };
        first = AppProcess.Create(settings: new Dictionary<string, string>(settings) { ["Instance__Name"] = "app1", ["Instance__ResponseHeader"] = "true", ["SeedDemo"] = "true" });
        second = AppProcess.Create(settings: new Dictionary<string, string>(settings) { ["Instance__Name"] = "app2", ["Instance__ResponseHeader"] = "true" });
        await first.StartAsync(); // the first one migrates the new database
        await second.StartAsync();
        await servers.StartProxyAsync(first, second);
    }

    [Fact]
    public async Task A_user_continues_on_the_other_instance_signed_in_a_pause_reaches_users_of_both_and_a_job_runs_once()
    {
        try
        {
            // Signed in through the proxy, on whichever instance it picks.
            var context = await browser.Browser.NewContextAsync(new() { BaseURL = servers.ProxyUrl, ViewportSize = new() { Width = 1280, Height = 800 } });
            context.SetDefaultTimeout(20_000);
            var user = await context.NewPageAsync();
            first.Track(user);
            await new SignInPage(user).OpenAsync();
            await new SignInPage(user).SignInAsync(AppProcess.AdminEmail, AppProcess.AdminPassword);
            var shell = new AppShell(user);
            await Expect(shell.Heading).ToHaveTextAsync("Dashboard");
            await shell.WaitUntilInteractiveAsync();
            var home = await user.GotoAsync("/");
            var servedBy = home!.Headers["x-aipolicyhub-instance"];
            await shell.WaitUntilInteractiveAsync();
            var (gone, remaining) = servedBy == "app1" ? (first, second) : (second, first);
            Assert.Contains(servedBy, new[] { "app1", "app2" });

            // Its instance stops: the page reconnects through the proxy to the other one, which does not know its circuit,
            // so it reloads (reconnect.js) — and the session cookie, sealed with the keys both share, still signs it in.
            // Mark this document first: only once the marker is gone has the page really reloaded. Without that wait the
            // next navigation can race the reload and be aborted by it.
            await user.EvaluateAsync("() => { window.servedByTheStoppedInstance = true; }");
            await gone.KillAsync();
            await WaitUntilReloadedAsync(user, TimeSpan.FromSeconds(60));
            await Expect(shell.ReconnectDialog).ToBeHiddenAsync(new() { Timeout = 40_000 });
            await Expect(shell.Heading).ToHaveTextAsync("Dashboard", new() { Timeout = 30_000 });
            await shell.WaitUntilInteractiveAsync();
            Assert.DoesNotMatch(new Regex("/account/sign-in"), user.Url);
            var after = await user.GotoAsync("/tools");
            Assert.Equal(servedBy == "app1" ? "app2" : "app1", after!.Headers["x-aipolicyhub-instance"]);
            await gone.StartAsync();

            // A compliance officer (the administrator) on app1 pauses a tool; a colleague's page open on app2 says so at once.
            var onSecond = await browser.SignedInAdministratorAsync(second);
            await onSecond.GotoAsync("/tools");
            await new AppShell(onSecond).WaitUntilInteractiveAsync();
            var onFirst = await browser.SignedInAdministratorAsync(first);
            await onFirst.GotoAsync("/tools/1");
            await new AppShell(onFirst).WaitUntilInteractiveAsync();
            var toolName = (await onFirst.GetByLabel("Name", new() { Exact = true }).InputValueAsync()).Trim();
            await onFirst.GetByLabel("Why it is paused").FillAsync(Reason);
            await onFirst.GetByRole(AriaRole.Button, new() { Name = "Pause tool" }).ClickAsync();
            // The confirmation names the workflows the pause stops.
            await onFirst.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Pause the tool") }).ClickAsync();
            var notice = onSecond.GetByRole(AriaRole.Region, new() { Name = "Live notices" });
            await Expect(notice).ToContainTextAsync($"The AI tool “{toolName}” has been paused", new() { Timeout = 20_000 });
            await Expect(notice).ToContainTextAsync(Reason);
            // For a person to look at (build output, not committed).
            await onSecond.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "live-notice-on-app2.png") });

            // Both instances looked for due jobs every second all along (and one of them restarted): the hourly
            // audit-chain check ran once.
            Assert.Equal("1", await servers.QueryAsync("""SELECT COUNT(*) FROM "ScheduledJobRuns" WHERE "Job" = 'audit-chain-check'"""));
            Assert.Equal("t", await servers.QueryAsync("""SELECT "Succeeded" AND "FinishedAt" IS NOT NULL FROM "ScheduledJobRuns" WHERE "Job" = 'audit-chain-check'"""));
        }
        catch
        {
            await first.ReportAsync(output, nameof(MultiInstanceTests) + "-app1");
            await second.ReportAsync(output, nameof(MultiInstanceTests) + "-app2");
            throw;
        }
    }

    private static async Task WaitUntilReloadedAsync(IPage page, TimeSpan timeout)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if (await page.EvaluateAsync<bool>("() => window.servedByTheStoppedInstance !== true"))
                {
                    return;
                }
            }
            catch (PlaywrightException)
            {
                // The document went away while we asked: that is the reload under way.
            }
            if (waited.Elapsed > timeout)
            {
                throw new TimeoutException($"The page did not reload within {timeout.TotalSeconds} s after its instance stopped.");
            }
            await Task.Delay(250);
        }
    }

    public async Task DisposeAsync()
    {
        if (first is not null)
        {
            await first.DisposeAsync();
        }
        if (second is not null)
        {
            await second.DisposeAsync();
        }
        await servers.DisposeAsync();
    }
}
