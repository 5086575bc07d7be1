using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Inventory;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Reports.Definitions;

/// <summary>Every AI tool with its vendor terms, the data it may receive, its status, the workflows that use it and the agents that run on it.</summary>
public static class ToolRegisterReport
{
    public static async Task<ReportDocument> BuildAsync(AppDbContext db, ReportStamp stamp, CancellationToken cancellationToken = default)
    {
        var tools = (await db.Tools.AsNoTracking().Include(t => t.MaxClassification).ToListAsync(cancellationToken))
            .OrderBy(t => t.ApprovalStatus).ThenBy(t => t.Name, StringComparer.CurrentCultureIgnoreCase).ThenBy(t => t.Id).ToList();
        var uses = (await (from link in db.WorkflowTools
                           join w in db.Workflows on link.WorkflowId equals w.Id
                           where w.Status != WorkflowStatus.Retired
                           select new { link.ToolId, w.Id, w.Name }).ToListAsync(cancellationToken))
            .ToLookup(u => u.ToolId);
        var agents = (await db.Agents.AsNoTracking().Where(a => a.Status != WorkflowStatus.Retired)
                .Select(a => new { a.ToolId, a.Id, a.Name, a.Status }).ToListAsync(cancellationToken))
            .ToLookup(a => a.ToolId);

        var fingerprint = new ReportFingerprint();
        foreach (var t in tools)
        {
            fingerprint.Add("tool", t.Id, t.Name, t.Vendor, t.ModelVersion, t.Deployment, t.ApprovalStatus, t.MaxClassification!.Name, t.TrainsOnOurData,
                t.RetentionDays, t.DataResidency, t.HasDataProcessingAgreement, t.PausedReason);
        }
        foreach (var u in uses.SelectMany(g => g))
        {
            fingerprint.Add("use", u.ToolId, u.Id, u.Name);
        }
        foreach (var a in agents.SelectMany(g => g))
        {
            fingerprint.Add("agent", a.ToolId, a.Id, a.Name, a.Status);
        }
        var metadata = stamp.Metadata(ReportKinds.Title(ReportKind.ToolRegister), "Every AI tool with its vendor terms, allowed data, status and use",
            "None", fingerprint);

        var builder = new ReportBuilder(metadata)
            .Cover("Every AI tool, its terms and where it is used",
                new KeyValueItem("Tools", RiskRegisterReport.Count(tools.Count)),
                new KeyValueItem("Approved", RiskRegisterReport.Count(tools.Count(t => t.ApprovalStatus is ToolApprovalStatus.Approved or ToolApprovalStatus.ApprovedWithRestrictions))),
                new KeyValueItem("Paused", RiskRegisterReport.Count(tools.Count(t => t.PausedReason is not null))))
            .TableOfContents()
            .Heading(1, "Overview")
            .Table(null, [new TableColumn("Tool", 1.8), new TableColumn("Vendor", 1.3), new TableColumn("Status", 1.4), new TableColumn("Highest data", 1.1), new TableColumn("Workflows", 0.9, ColumnAlignment.Right),
                 new TableColumn("Agents", 0.8, ColumnAlignment.Right)],
                [.. tools.Select(t => new TableRow([t.Name, t.Vendor, StatusText(t), t.MaxClassification!.Name, RiskRegisterReport.Count(uses[t.Id].Count()),
                    RiskRegisterReport.Count(agents[t.Id].Count())]))]);
        foreach (var t in tools)
        {
            var used = uses[t.Id].OrderBy(u => u.Name, StringComparer.CurrentCultureIgnoreCase).Select(u => u.Name).ToList();
            var runOn = agents[t.Id].OrderBy(a => a.Name, StringComparer.CurrentCultureIgnoreCase).Select(a => $"{a.Name} ({EnumText.Of(a.Status).ToLowerInvariant()})").ToList();
            builder.Heading(2, t.Name)
                .Facts(
                    new KeyValueItem("Vendor and model", string.Join(" · ", new[] { t.Vendor, t.ModelVersion }.Where(s => !string.IsNullOrWhiteSpace(s)))),
                    new KeyValueItem("Deployment", EnumText.Of(t.Deployment)),
                    new KeyValueItem("Capabilities", t.Capabilities == ToolCapabilities.None ? "None recorded" : EnumText.Of(t.Capabilities)),
                    new KeyValueItem("Status", StatusText(t) + (t.PausedReason is { } reason ? $": {reason}" : "")),
                    new KeyValueItem("Highest data it may receive", t.MaxClassification!.Name),
                    new KeyValueItem("Vendor terms", Terms(t)),
                    new KeyValueItem("Notes", string.IsNullOrWhiteSpace(t.Notes) ? "None" : t.Notes),
                    new KeyValueItem("Used by", used.Count == 0 ? "No workflow in use" : string.Join("\n", used)),
                    new KeyValueItem("Agents running on it", runOn.Count == 0 ? "No agent" : string.Join("\n", runOn)));
        }
        return builder.Build();
    }

    private static string StatusText(AiTool tool) => EnumText.Of(tool.ApprovalStatus) + (tool.PausedReason is null ? "" : " (paused)");

    /// <summary>"Does not train on our data; keeps data 30 days; held in EU; data-processing agreement in place."</summary>
    public static string Terms(AiTool tool)
    {
        var parts = new List<string> { EnumText.Of(tool.TrainsOnOurData) };
        parts.Add(tool.RetentionDays switch
        {
            null => "retention unknown",
            0 => "keeps nothing",
            1 => "keeps data 1 day",
            { } days => $"keeps data {days} days",
        });
        if (!string.IsNullOrWhiteSpace(tool.DataResidency))
        {
            parts.Add($"held in: {tool.DataResidency.Trim()}");
        }
        parts.Add(tool.HasDataProcessingAgreement ? "data-processing agreement in place" : "no data-processing agreement");
        return string.Join("; ", parts) + ".";
    }
}
