namespace AiPolicyHub.E2E.Tests.Pages;

/// <summary>"Ask for this use" on the checker's answer, and the requests page (/requests).</summary>
public sealed class RequestPages(IPage page)
{
    public ILocator Request => page.GetByTestId("request");
    public ILocator Status => page.GetByTestId("request-status");
    public ILocator MyRequests => page.GetByRole(AriaRole.Region, new() { Name = "My requests" });
    /// <summary>Others' requests: a manager's departments', or all of them for compliance.</summary>
    public ILocator ToDecide => page.GetByRole(AriaRole.Region, new() { NameRegex = new System.Text.RegularExpressions.Regex("^(Requests from your departments|All requests)$") });

    /// <summary>Asks for the use the checker just answered, in <paramref name="why"/>, and waits until it is sent.</summary>
    public async Task AskAsync(string why)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Ask for this use" }).ClickAsync();
        await page.GetByLabel("Why you need it").FillAsync(why);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the request" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("ask-sent")).ToBeVisibleAsync();
    }

    public async Task OpenAsync(string path = "/requests")
    {
        await page.GotoAsync(path);
        await new AppShell(page).WaitUntilInteractiveAsync();
    }
}
