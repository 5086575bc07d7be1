using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiPolicyHub.Core.Tests.Auditing;

public sealed class AssistantCallsTests : IAsyncLifetime
{
    private TestServices test = null!;

    public async Task InitializeAsync() => test = await new TestServices().InitializeAsync();

    public async Task DisposeAsync() => await test.DisposeAsync();

    [Fact]
    public async Task A_call_is_one_sealed_entry_naming_the_caller_the_token_the_tool_each_argument_and_the_outcome()
    {
        var sue = await test.CreateUserAsync("Sue Staff", Roles.Staff);
        var calls = test.Provider.GetRequiredService<AssistantCalls>();

        Assert.True(await calls.RecordAsync(sue, "check_ai_use", "7",
            new Dictionary<string, string> { ["tool"] = "Chatty", ["task"] = new string('x', 500) }, "Not allowed: Chatty for summarising text."));

        await using var db = await test.DbAsync();
        var entry = await db.AuditEntries.SingleAsync(e => e.EntityType == AssistantCalls.EntityType);
        Assert.Equal(("Sue Staff", "check_ai_use", AuditAction.AssistantToolCalled), (entry.UserName, entry.EntityName, entry.Action));
        var fields = AuditTrail.ChangesOf(entry);
        Assert.Equal(["Tool", "API token", "Argument task", "Argument tool", "Outcome"], fields.Select(f => f.Field));
        Assert.Equal(["check_ai_use", "#7", new string('x', AssistantCalls.MaxValueLength - 1) + "…", "Chatty", "Not allowed: Chatty for summarising text."],
            fields.Select(f => f.After));
        Assert.True((await test.Provider.GetRequiredService<AuditTrail>().VerifyAsync(db)).Intact);
    }

    [Fact]
    public async Task A_caller_who_is_no_longer_an_enabled_user_writes_nothing()
    {
        var gone = await test.CreateUserAsync("Gone Staff", Roles.Staff);
        await using (var db = await test.DbAsync())
        {
            await db.Users.ExecuteUpdateAsync(u => u.SetProperty(x => x.IsDisabled, true));
        }

        Assert.False(await test.Provider.GetRequiredService<AssistantCalls>().RecordAsync(gone, "find_workflows", null, new Dictionary<string, string>(), "0 of 0."));

        await using var check = await test.DbAsync();
        Assert.False(await check.AuditEntries.AnyAsync(e => e.EntityType == AssistantCalls.EntityType));
    }
}
