using System.Security.Claims;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Policies;

namespace AiPolicyHub.Core.Tests.Policies;

internal static class PolicyTestData
{
    /// <summary>Stores an approved tool directly (vendor agreement, no training, up to Internal unless changed).</summary>
    public static async Task<int> AddToolAsync(TestServices test, string name, ToolApprovalStatus status = ToolApprovalStatus.Approved, string level = "Internal")
    {
        var tool = new AiTool
        {
            Name = name, Vendor = "Vendor of " + name, ModelVersion = "v1", ApprovalStatus = status,
            MaxClassificationId = await test.ClassificationIdAsync(level), HasDataProcessingAgreement = true,
            TrainsOnOurData = VendorTraining.No, Capabilities = ToolCapabilities.Text,
        };
        await using var db = await test.DbAsync();
        db.Tools.Add(tool);
        await db.SaveChangesAsync();
        return tool.Id;
    }

    /// <summary>Publishes the current draft (with <paramref name="change"/> applied to its sections) and returns the new number.</summary>
    public static async Task<int> PublishAsync(TestServices test, ClaimsPrincipal officer, string summary,
        Func<IReadOnlyList<DraftSection>, IReadOnlyList<DraftSection>>? change = null)
    {
        var draft = (await test.Policies.DraftAsync(officer)).Value!;
        var outcome = await test.Policies.PublishAsync(officer, change?.Invoke(draft.Sections) ?? draft.Sections, draft.Version, summary);
        Assert.True(outcome.Status == SaveStatus.Saved, outcome.Message ?? string.Join(" ", outcome.Errors?.All ?? []));
        return outcome.Id;
    }

    public static IReadOnlyList<DraftSection> WithText(IReadOnlyList<DraftSection> sections, string key, Func<string, string> edit) =>
        [.. sections.Select(s => s.Key == key ? s with { Markdown = edit(s.Markdown) } : s)];
}
