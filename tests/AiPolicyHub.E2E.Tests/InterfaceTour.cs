using AiPolicyHub.E2E.Tests.Infrastructure;
using AiPolicyHub.E2E.Tests.Pages;

namespace AiPolicyHub.E2E.Tests;

/// <summary>The main pages of the app, with the demo inventory loaded: what InterfaceTourTests visits.</summary>
public static class InterfaceTour
{
    /// <summary>Addresses with no record in them; records (a workflow, a tool, an incident) are added by <see cref="PagesAsync"/>.</summary>
    public static readonly string[] FixedPages =
    [
        "/", "/check", "/check?tool=1&task=Writing+customer+emails&data=Internal", "/requests", "/tools/directory", "/workflows", "/workflows/new",
        "/tools", "/tools/new", "/findings", "/incidents", "/incidents/new", "/pauses", "/reports", "/import", "/policy",
        "/policy/acknowledgements", "/policy/edit", "/audit", "/admin/users", "/admin/organisation", "/admin/rules",
        "/admin/triggers", "/admin/email", "/admin/single-sign-on", "/admin/webhooks", "/admin/eu-ai-act", "/agents", "/agents/new", "/connectors", "/connectors/new",
        "/profile", "/compliance/soa", "/compliance/soa/A.6.2.6", "/reviews", "/attestations", "/my-attestations", "/admin/review-checklists",
    ];

    /// <summary>Every main page, including one workflow's and one tool's page from the demo inventory.</summary>
    public static async Task<IReadOnlyList<string>> PagesAsync(IPage admin)
    {
        var pages = new List<string>(FixedPages);
        await admin.GotoAsync("/workflows");
        await new AppShell(admin).WaitUntilInteractiveAsync();
        pages.Add(await FirstLinkAsync(admin, "/workflows/"));
        await admin.GotoAsync("/tools");
        await new AppShell(admin).WaitUntilInteractiveAsync();
        pages.Add(await FirstLinkAsync(admin, "/tools/"));
        return pages;
    }

    private static async Task<string> FirstLinkAsync(IPage page, string prefix)
    {
        // A record's link in the list: not the "New …" button, which the grid may not yet have below it.
        var link = page.Locator($"main table a[href^='{prefix.TrimStart('/')}'], main table a[href^='{prefix}']")
            .Filter(new() { HasNotText = "New" }).First;
        await Assertions.Expect(link).ToBeVisibleAsync();
        var href = await link.GetAttributeAsync("href") ?? throw new InvalidOperationException("A link without an address.");
        return href.StartsWith('/') ? href : "/" + href;
    }

    /// <summary>Opens <paramref name="address"/> and waits until it is interactive and its data has loaded; returns the server's answer.</summary>
    public static async Task<IResponse> OpenAsync(IPage page, string address)
    {
        var response = await page.GotoAsync(address) ?? throw new InvalidOperationException($"{address}: no answer");
        // Interactive means the stylesheets and scripts have loaded; the page's data comes over the live session (which
        // "network idle" does not see), so what is left to wait for is the loading indicators.
        await new AppShell(page).WaitUntilInteractiveAsync();
        // Grids and panels load after the first render: wait until no progress indicator is left in the page.
        await Assertions.Expect(page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Progressbar)).ToHaveCountAsync(0, new() { Timeout = 15_000 });
        return response;
    }
}
