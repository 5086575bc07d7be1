using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Rules;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiPolicyHub.Core.Tests.Rules;

public class FindingsReportTests
{
    [Fact]
    public async Task The_report_lists_each_workflow_that_breaks_a_rule_and_filters_by_rule_and_department()
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
        WorkflowForm Form(string name, int department, int level) => new()
        {
            Name = name, Purpose = "Summaries.", DepartmentId = department, DataClassificationId = level, ToolIds = [tool],
            ApprovingRole = "Team lead",
        };
        await test.Workflows.SaveAsync(cora, null, Form("Board minutes", finance, confidential));
        await test.Workflows.SaveAsync(cora, null, Form("Newsletter ideas", marketing, internalLevel));
        var report = test.Findings;

        var all = await report.ListAsync(new FindingsQuery());
        var byRule = await report.ListAsync(new FindingsQuery(RuleId: "data-above-tool-limit"));
        var inMarketing = await report.ListAsync(new FindingsQuery(DepartmentId: marketing));

        var finding = Assert.Single(all);
        Assert.Equal("Board minutes", finding.WorkflowName);
        Assert.Equal("Finance", finding.Department);
        Assert.Equal("data-above-tool-limit", finding.Finding.RuleId);
        Assert.Single(byRule);
        Assert.Empty(inMarketing);
    }
}
