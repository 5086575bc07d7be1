using AiPolicyHub.Core.Compliance;
using AiPolicyHub.Core.Evidence;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Tests.Incidents;
using Microsoft.Extensions.DependencyInjection;

namespace AiPolicyHub.Core.Tests.Compliance;

/// <summary>The pause tests' small organisation, with the Statement of Applicability's services and ways to arrange evidence and findings.</summary>
internal static class SoaScenario
{
    public static StatementOfApplicability Statement(this PauseScenario s) => s.Test.Provider.GetRequiredService<StatementOfApplicability>();

    public static DateOnly Today(this PauseScenario s) => DateOnly.FromDateTime(s.Test.Clock.GetUtcNow().UtcDateTime);

    /// <summary>Attaches a link to <paramref name="code"/> as Cora (compliance), produced 10 days ago.</summary>
    public static async Task<int> AttachToControlAsync(this PauseScenario s, string code, string description, DateOnly? expires = null)
    {
        var outcome = await s.Test.Provider.GetRequiredService<EvidenceRegister>().AddAsync(s.Cora,
            new EvidenceSubject(EvidenceSubjectKind.Control, AnnexAControls.Find(code)!.SubjectId),
            new EvidenceForm { Description = description, Url = "https://docs.example.com/" + code, ProducedOn = s.Today().AddDays(-10), ExpiresOn = expires }, null);
        Assert.Equal(SaveStatus.Saved, outcome.Status);
        return outcome.Id;
    }

    /// <summary>A workflow in use on a tool that is only proposed: the rule “tool not approved” (A.4.4, A.10.3) finds it.</summary>
    public static async Task<int> WorkflowOnUnapprovedToolAsync(this PauseScenario s, string name)
    {
        var tool = await s.ToolAsync("Shadow chatbot " + name, f => f.ApprovalStatus = ToolApprovalStatus.Proposed);
        return await s.WorkflowAsync(name, tool);
    }

    public static async Task<SoaControlRow> ControlAsync(this PauseScenario s, string code) =>
        (await s.Statement().CurrentAsync(s.Cora)).Value!.Controls.Single(c => c.Code == code);
}
