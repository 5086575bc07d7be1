namespace AiPolicyHub.E2E.Tests.Pages;

/// <summary>The "Pause and restart" section of a workflow or tool page: pauses in force, their checklist and the sign-off.</summary>
public sealed class PausePanel(IPage page)
{
    public ILocator Section => page.GetByRole(AriaRole.Region, new() { Name = "Pause and restart" });
    public ILocator ActivePause => Section.GetByTestId("pause");
    public ILocator SignOffButton => Section.GetByRole(AriaRole.Button, new() { Name = "Sign off and restart" });
    public ILocator SignOffRefused => Section.GetByTestId("sign-off-refused");

    public ILocator Condition(string name) => Section.GetByRole(AriaRole.Checkbox, new() { Name = name, Exact = true });

    /// <summary>Ticks (or unticks) one restart condition and waits until the page shows the server stored it.</summary>
    public async Task TickAsync(string condition, bool met = true)
    {
        await Condition(condition).SetCheckedAsync(met);
        await Assertions.Expect(Condition(condition)).ToHaveAttributeAsync("data-met", met ? "true" : "false");
        await Assertions.Expect(Condition(condition)).ToBeEnabledAsync();
    }
}

/// <summary>The incident pages: the report form and an incident's triage.</summary>
public sealed class IncidentPages(IPage page)
{
    public ILocator Field(string label) => page.GetByLabel(label, new() { Exact = true });

    /// <summary>Reports an incident from the form (opened from a workflow's page) and returns to the incident's own page.</summary>
    public async Task ReportAsync(string title, string whatHappened, string severity, string category)
    {
        await Field("Title").FillAsync(title);
        await Field("What happened").FillAsync(whatHappened);
        await Field("Severity").SelectOptionAsync(new SelectOptionValue { Label = severity });
        await Field("Category").SelectOptionAsync(new SelectOptionValue { Label = category });
        await page.GetByRole(AriaRole.Button, new() { Name = "Report incident" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/incidents/\d+$"));
    }

    public async Task TriageAsync(string status, string severity)
    {
        await Field("Status").SelectOptionAsync(new SelectOptionValue { Label = status });
        await Field("Severity").SelectOptionAsync(new SelectOptionValue { Label = severity });
        await page.GetByRole(AriaRole.Button, new() { Name = "Save triage" }).ClickAsync();
    }
}
