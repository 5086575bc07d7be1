namespace AiPolicyHub.E2E.Tests.Pages;

/// <summary>The "Approval and review" section of the workflow page and its dialogs.</summary>
public sealed class ApprovalPanel(IPage page)
{
    public ILocator Section => page.GetByRole(AriaRole.Region, new() { Name = "Approval and review" });
    public ILocator Dialog => page.GetByRole(AriaRole.Dialog);
    public ILocator DialogError => Dialog.GetByRole(AriaRole.Alert);

    public ILocator Button(string name) => Section.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    /// <summary>The status badge next to the page's heading.</summary>
    public ILocator Status(string status) => page.Locator($".badge[data-status='{status}']").First;

    /// <summary>The comment (or notes) box of the open step dialog.</summary>
    public ILocator Comment => Dialog.GetByRole(AriaRole.Textbox);

    public async Task SubmitAsync() => await StepAsync("Submit for approval", "Submit", null);

    public async Task ApproveAsync(string? comment = null) => await StepAsync("Approve", "Approve", comment);

    public async Task RejectAsync(string comment) => await StepAsync("Reject", "Reject", comment);

    /// <summary>Opens the step's dialog, writes the comment and confirms; the dialog stays open if the server refuses.</summary>
    public async Task StepAsync(string button, string confirm, string? comment)
    {
        await Button(button).ClickAsync();
        await Assertions.Expect(Dialog).ToBeVisibleAsync();
        if (comment is not null)
        {
            await Comment.FillAsync(comment);
        }
        await Dialog.GetByRole(AriaRole.Button, new() { Name = confirm, Exact = true }).ClickAsync();
    }
}
