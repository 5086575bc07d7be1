using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Rules;

namespace AiPolicyHub.Core.Tests.Rules;

public class FindingsPageTests
{
    [Fact]
    public async Task A_page_of_findings_has_the_findings_of_the_full_report_in_order_with_the_filtered_total()
    {
        await using var test = await new TestServices().InitializeAsync();
        var cora = await test.CreateUserAsync("Cora Compliance", Roles.ComplianceOfficer);
        var marketing = await test.AddDepartmentAsync("Marketing");
        var finance = await test.AddDepartmentAsync("Finance");
        var internalLevel = await test.ClassificationIdAsync("Internal");
        var confidential = await test.ClassificationIdAsync("Confidential");
        var tool = (await test.Tools.SaveAsync(cora, null, new ToolForm
        {
            Name = "Summarizer", Vendor = "Acme", MaxClassificationId = internalLevel, ApprovalStatus = ToolApprovalStatus.Approved,
        })).Id;
        var drafty = (await test.Tools.SaveAsync(cora, null, new ToolForm
        {
            Name = "Drafty", Vendor = "Acme", MaxClassificationId = confidential, ApprovalStatus = ToolApprovalStatus.Proposed,
        })).Id;
        WorkflowForm Form(string name, int department, int level, int toolId) => new()
        {
            Name = name, Purpose = "Summaries.", DepartmentId = department, DataClassificationId = level, ToolIds = [toolId], ApprovingRole = "Lead",
        };
        foreach (var n in Enumerable.Range(1, 7))
        {
            await test.Workflows.SaveAsync(cora, null, Form($"Board minutes {n}", finance, confidential, tool));
            await test.Workflows.SaveAsync(cora, null, Form($"Campaign {n}", marketing, internalLevel, drafty));
        }
        var all = await test.Findings.ListAsync(new FindingsQuery());
        Assert.True(all.Count >= 14);

        var first = await test.Findings.PageAsync(new FindingsPageQuery(Take: 5));
        var second = await test.Findings.PageAsync(new FindingsPageQuery(Skip: 5, Take: 5));
        var inFinance = await test.Findings.PageAsync(new FindingsPageQuery(DepartmentId: finance, Take: 50));
        var byRule = await test.Findings.PageAsync(new FindingsPageQuery(RuleId: "data-above-tool-limit", Take: 3));
        var byWorkflow = await test.Findings.PageAsync(new FindingsPageQuery(Sort: FindingSort.Workflow, Descending: false, Take: 50));

        static string Key(WorkflowFinding f) => $"{f.WorkflowId}/{f.Finding.RuleId}";
        Assert.Equal(all.Count, first.Total);
        Assert.Equal(all.Take(10).Select(Key), first.Items.Concat(second.Items).Select(Key));
        Assert.Equal(all.Count(f => f.Department == "Finance"), inFinance.Total);
        Assert.All(inFinance.Items, f => Assert.Equal("Finance", f.Department));
        Assert.Equal(7, byRule.Total);
        Assert.Equal(3, byRule.Items.Count);
        Assert.Equal(byWorkflow.Items.Select(f => f.WorkflowName).Order(StringComparer.CurrentCultureIgnoreCase), byWorkflow.Items.Select(f => f.WorkflowName));
        Assert.Equal(first.Items[0].Finding.Explanation, all[0].Finding.Explanation);
    }

    [Fact]
    public async Task A_saved_change_shows_on_the_next_page_request()
    {
        await using var test = await new TestServices().InitializeAsync();
        var cora = await test.CreateUserAsync("Cora Compliance", Roles.ComplianceOfficer);
        var finance = await test.AddDepartmentAsync("Finance");
        var internalLevel = await test.ClassificationIdAsync("Internal");
        var confidential = await test.ClassificationIdAsync("Confidential");
        var tool = (await test.Tools.SaveAsync(cora, null, new ToolForm
        {
            Name = "Summarizer", Vendor = "Acme", MaxClassificationId = internalLevel, ApprovalStatus = ToolApprovalStatus.Approved,
        })).Id;
        var form = new WorkflowForm
        {
            Name = "Board minutes", Purpose = "Summaries.", DepartmentId = finance, DataClassificationId = confidential, ToolIds = [tool], ApprovingRole = "Lead",
        };
        var saved = await test.Workflows.SaveAsync(cora, null, form);
        var rule = new FindingsPageQuery(RuleId: "data-above-tool-limit");
        Assert.Equal(1, (await test.Findings.PageAsync(rule)).Total);

        var edit = (await test.Workflows.GetAsync(saved.Id))!;
        edit.DataClassificationId = internalLevel;
        Assert.Equal(SaveStatus.Saved, (await test.Workflows.SaveAsync(cora, saved.Id, edit)).Status);

        Assert.Equal(0, (await test.Findings.PageAsync(rule)).Total);
    }
}
