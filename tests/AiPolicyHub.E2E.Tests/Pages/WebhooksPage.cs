namespace AiPolicyHub.E2E.Tests.Pages;

/// <summary>The administrator's webhook page: subscribe an address, read its secret once, test it, read its deliveries, delete it.</summary>
public sealed class WebhooksPage(IPage page)
{
    public ILocator Secret => page.GetByTestId("webhook-secret");
    public ILocator Empty => page.GetByTestId("webhooks-empty");

    public async Task OpenFromMenuAsync()
    {
        await new AppShell(page).Navigation.GetByRole(AriaRole.Link, new() { Name = "Webhooks" }).ClickAsync();
        await Assertions.Expect(new AppShell(page).Heading).ToHaveTextAsync("Webhooks");
        await new AppShell(page).WaitUntilInteractiveAsync();
    }

    /// <summary>Subscribes <paramref name="url"/> to every event (the form's default) and returns the secret shown this once.</summary>
    public async Task<string> SubscribeAsync(string url, string description)
    {
        await page.GetByLabel("Receiver URL").FillAsync(url);
        await page.GetByLabel("Description").FillAsync(description);
        await page.GetByRole(AriaRole.Button, new() { Name = "Subscribe", Exact = true }).ClickAsync();
        await Assertions.Expect(Secret).ToBeVisibleAsync();
        return (await Secret.InnerTextAsync()).Trim();
    }

    public ILocator Subscription(string url) => page.GetByRole(AriaRole.Article, new() { Name = $"Webhook {url}" });

    public Task SendTestEventAsync(string url) => page.GetByRole(AriaRole.Button, new() { Name = $"Send a test event to {url}" }).ClickAsync();

    public async Task DeleteAsync(string url)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = $"Delete {url}" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();
    }
}
