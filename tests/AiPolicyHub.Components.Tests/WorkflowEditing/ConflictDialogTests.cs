using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Web.Components.Shared;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace AiPolicyHub.Components.Tests.WorkflowEditing;

public sealed class ConflictDialogTests : ComponentTest
{
    private static readonly EditConflict Conflict = new("Administrator", new DateTime(2026, 12, 3, 14, 5, 0, DateTimeKind.Utc),
        [new FieldChange("ApprovingRole", "Team lead", "Support lead")], 7);

    private async Task<(IRenderedComponent<MudDialogProvider> Dialogs, Task<ConflictDialog.ConflictChoice> Choice)> AskAsync()
    {
        var dialogs = Render<MudDialogProvider>();
        Task<ConflictDialog.ConflictChoice>? choice = null;
        // A statement lambda: InvokeAsync must not wait for the dialog's answer, which the test gives later.
        await dialogs.InvokeAsync(() => { choice = ConflictDialog.AskAsync(Services.GetRequiredService<IDialogService>(), Conflict, "workflow"); });
        dialogs.WaitForElement("[role=dialog]");
        return (dialogs, choice!);
    }

    [Fact]
    public async Task It_says_who_saved_and_what_they_changed()
    {
        var (dialogs, _) = await AskAsync();

        var dialog = dialogs.Find("[role=dialog]");
        Assert.Contains("Someone else changed this workflow", dialog.TextContent);
        Assert.Contains("Administrator saved this workflow", dialog.TextContent);
        var row = dialog.QuerySelectorAll("tbody tr").Single();
        Assert.Contains("Team lead", row.TextContent);
        Assert.Contains("Support lead", row.TextContent);
    }

    [Theory]
    [InlineData("Load their version", ConflictDialog.ConflictChoice.Reload)]
    [InlineData("Save mine over theirs", ConflictDialog.ConflictChoice.Overwrite)]
    [InlineData("Keep editing", ConflictDialog.ConflictChoice.KeepEditing)]
    public async Task Each_button_returns_its_choice_and_closes_the_dialog(string button, ConflictDialog.ConflictChoice expected)
    {
        var (dialogs, choice) = await AskAsync();

        // Not awaited: the click's handler closes the dialog, which is what the test waits for below.
        _ = dialogs.FindAll("button").Single(b => b.TextContent.Trim() == button).ClickAsync(new());

        Assert.Equal(expected, await choice.WaitAsync(TimeSpan.FromSeconds(5)));
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("[role=dialog]")));
    }
}
