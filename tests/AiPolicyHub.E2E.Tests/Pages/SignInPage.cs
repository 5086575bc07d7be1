namespace AiPolicyHub.E2E.Tests.Pages;

public sealed class SignInPage(IPage page)
{
    public ILocator Error => page.GetByRole(AriaRole.Alert);

    public async Task OpenAsync() => await page.GotoAsync("/account/sign-in");

    public async Task SignInAsync(string email, string password)
    {
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        // A plain form post: wait until the browser shows the page the server answered with (a redirect or
        // the form with a message), recognised by the old document's marker being gone.
        await page.EvaluateAsync("() => { window.__beforeSignIn = true; }");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForFunctionAsync("() => window.__beforeSignIn === undefined && document.readyState !== 'loading'");
    }

    /// <summary>Signs in with a one-time password and picks <paramref name="newPassword"/> on the page that follows.</summary>
    public async Task SignInFirstTimeAsync(string email, string oneTimePassword, string newPassword)
    {
        await SignInAsync(email, oneTimePassword);
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/change-password$"));
        await page.GetByLabel("Current password").FillAsync(oneTimePassword);
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync(newPassword);
        await page.GetByLabel("Repeat the new password").FillAsync(newPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save password" }).ClickAsync();
        // The colleague lands on the app once the password is saved: a click before then would race the form's redirect.
        await Assertions.Expect(page).Not.ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/change-password$"));
        await new AppShell(page).WaitUntilInteractiveAsync();
    }
}
