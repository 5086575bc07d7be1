using System.Text;
using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.ImportExport;
using AiPolicyHub.Core.Inventory;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Tests.ImportExport;

/// <summary>Importing AI tools: each row becomes a tool with the tool page's checks, once, and changes are audited.</summary>
public class ToolImportTests
{
    private const string Header = "id,name,vendor,deployment,capabilities,trains,retention,dpa,classification,approval,notes\r\n";

    private const string TwoTools =
        Header
        + "T-1,Copilot for Sales,Microsoft,Software as a service,\"Text, Code\",No,30,Yes,Confidential,Approved,Licensed per seat\r\n"
        + "T-2,Local Llama,In-house,Self-hosted,Text,Does not train on our data,,No,Restricted,Proposed,\r\n";

    /// <summary>A tool mapping over columns named like the fields, matching rows to tools by their external id.</summary>
    private static ImportMapping ToolMapping => new()
    {
        Target = ImportTarget.Tools,
        Match = ImportMatch.ExternalId,
        Fields =
        [
            Map(ImportFieldKey.ExternalId, "id"), Map(ImportFieldKey.Name, "name"), Map(ImportFieldKey.Vendor, "vendor"),
            Map(ImportFieldKey.Deployment, "deployment"), Map(ImportFieldKey.Capabilities, "capabilities"),
            Map(ImportFieldKey.TrainsOnOurData, "trains"), Map(ImportFieldKey.RetentionDays, "retention"),
            Map(ImportFieldKey.HasDataProcessingAgreement, "dpa"), Map(ImportFieldKey.MaxClassification, "classification"),
            Map(ImportFieldKey.ApprovalStatus, "approval"), Map(ImportFieldKey.Notes, "notes"),
        ],
    };

    private static FieldMapping Map(ImportFieldKey field, string column) => new() { Field = field, Columns = [column] };

    private static Task<ImportReport> ImportAsync(ImportTestKit kit, string csv, System.Security.Claims.ClaimsPrincipal? as_ = null) =>
        kit.ImportAsync(Encoding.UTF8.GetBytes(csv), "tools.csv", ToolMapping, as_: as_);

    private static string Problems(ImportReport report) =>
        report.Summary + " " + string.Join(" | ", report.FileErrors.Concat(report.RowResults.SelectMany(r => r.Issues).Select(i => $"{i.Row}: {i.Message}")));

    [Fact]
    public async Task A_csv_of_tools_creates_each_tool_with_its_fields_and_an_audit_entry()
    {
        await using var kit = await ImportTestKit.StartAsync();

        var report = await ImportAsync(kit, TwoTools);

        Assert.True(report.Committed, Problems(report));
        Assert.Equal((2, 2, 0), (report.Rows, report.Created, report.Rejected));
        await using var db = await kit.Services.DbAsync();
        var copilot = await db.Tools.SingleAsync(t => t.ExternalId == "T-1");
        Assert.Equal(("Copilot for Sales", "Microsoft", ToolDeployment.Saas), (copilot.Name, copilot.Vendor, copilot.Deployment));
        Assert.Equal(ToolCapabilities.Text | ToolCapabilities.Code, copilot.Capabilities);
        Assert.Equal(VendorTraining.No, copilot.TrainsOnOurData);
        Assert.Equal(30, copilot.RetentionDays);
        Assert.True(copilot.HasDataProcessingAgreement);
        Assert.Equal(await kit.Services.ClassificationIdAsync("Confidential"), copilot.MaxClassificationId);
        Assert.Equal(ToolApprovalStatus.Approved, copilot.ApprovalStatus);
        Assert.Equal("Licensed per seat", copilot.Notes);
        Assert.Equal(1, copilot.Version);
        var llama = await db.Tools.SingleAsync(t => t.ExternalId == "T-2");
        Assert.Equal(("Local Llama", ToolDeployment.SelfHosted, ToolCapabilities.Text), (llama.Name, llama.Deployment, llama.Capabilities));
        Assert.Null(llama.RetentionDays);
        Assert.False(llama.HasDataProcessingAgreement);
        Assert.Equal(await kit.Services.ClassificationIdAsync("Restricted"), llama.MaxClassificationId);
        Assert.Equal((ToolApprovalStatus.Proposed, ""), (llama.ApprovalStatus, llama.Notes));
        var created = await db.AuditEntries.Where(e => e.EntityType == ToolCatalog.EntityType).ToListAsync();
        Assert.Equal([copilot.Id.ToString(), llama.Id.ToString()], created.Select(e => e.EntityId).Order());
        Assert.All(created, e => Assert.Equal(AuditAction.Created, e.Action));
        Assert.Contains(AuditTrail.ChangesOf(created.Single(e => e.EntityId == copilot.Id.ToString())),
            c => c.Field == "Imported from" && c.After == "tools.csv");
    }

    [Fact]
    public async Task Importing_the_same_file_again_creates_and_changes_nothing()
    {
        await using var kit = await ImportTestKit.StartAsync();
        Assert.True((await ImportAsync(kit, TwoTools)).Committed);
        var before = await kit.SnapshotAsync();
        int toolEntries;
        await using (var db = await kit.Services.DbAsync())
        {
            toolEntries = await db.AuditEntries.CountAsync(e => e.EntityType == ToolCatalog.EntityType);
        }

        var again = await ImportAsync(kit, TwoTools);

        Assert.True(again.Committed, Problems(again));
        Assert.Equal((0, 0, 2), (again.Created, again.Updated, again.Unchanged));
        await using (var db = await kit.Services.DbAsync())
        {
            Assert.Equal(2, await db.Tools.CountAsync());
            Assert.All(await db.Tools.ToListAsync(), t => Assert.Equal(1, t.Version));
            Assert.Equal(toolEntries, await db.AuditEntries.CountAsync(e => e.EntityType == ToolCatalog.EntityType));
        }
        // Only the import's own entry is new: the tools are as they were.
        Assert.Equal(Tools(before), Tools(await kit.SnapshotAsync()));
    }

    [Fact]
    public async Task A_changed_row_updates_its_tool_and_audits_the_change()
    {
        await using var kit = await ImportTestKit.StartAsync();
        Assert.True((await ImportAsync(kit, TwoTools)).Committed);
        var changed = TwoTools.Replace("Copilot for Sales,Microsoft,", "Copilot for Sales,Microsoft Ireland,").Replace(",30,Yes,", ",90,Yes,");

        var report = await ImportAsync(kit, changed);

        Assert.True(report.Committed, Problems(report));
        Assert.Equal((0, 1, 1), (report.Created, report.Updated, report.Unchanged));
        Assert.Equal(RowOutcome.Updated, report.RowResults.Single(r => r.Key == "T-1").Outcome);
        await using var db = await kit.Services.DbAsync();
        var copilot = await db.Tools.SingleAsync(t => t.ExternalId == "T-1");
        Assert.Equal(("Microsoft Ireland", 90, 2), (copilot.Vendor, copilot.RetentionDays, copilot.Version));
        Assert.Equal(1, (await db.Tools.SingleAsync(t => t.ExternalId == "T-2")).Version);
        var entry = await db.AuditEntries.Where(e => e.EntityType == ToolCatalog.EntityType && e.EntityId == copilot.Id.ToString())
            .OrderByDescending(e => e.Id).FirstAsync();
        Assert.Equal(AuditAction.Changed, entry.Action);
        var changes = AuditTrail.ChangesOf(entry);
        Assert.Contains(changes, c => c.Field == "Vendor" && c.Before == "Microsoft" && c.After == "Microsoft Ireland");
        Assert.Contains(changes, c => c.Field == "Imported from" && c.After == "tools.csv");
        Assert.DoesNotContain(changes, c => c.Field == "Name");
    }

    [Fact]
    public async Task A_name_another_tool_has_already_is_refused_with_its_row_and_nothing_is_written()
    {
        await using var kit = await ImportTestKit.StartAsync();
        Assert.True((await ImportAsync(kit, TwoTools)).Committed);
        var before = await kit.SnapshotAsync();
        var clash = Header
            + "T-3,Meeting notes bot,Otter,Software as a service,Text,No,,No,Internal,Proposed,\r\n"
            + "T-4,  local llama ,Someone else,Vendor API,Text,No,,No,Internal,Proposed,\r\n";

        var report = await ImportAsync(kit, clash);

        Assert.False(report.Committed);
        var rejected = Assert.Single(report.RowResults, r => r.Outcome == RowOutcome.Rejected);
        Assert.Equal(3, rejected.Row); // the file's third line: header, then T-3, then T-4
        var issue = Assert.Single(rejected.Issues, i => i.Severity == IssueSeverity.Error);
        Assert.Equal((3, nameof(ImportFieldKey.Name)), (issue.Row, issue.Field));
        Assert.Contains("exists already", issue.Message);
        Assert.Equal(before, await kit.SnapshotAsync());
    }

    [Fact]
    public async Task Staff_cannot_import_tools_and_a_manager_only_proposes_them()
    {
        await using var kit = await ImportTestKit.StartAsync();
        var staff = await kit.Services.CreateUserAsync("Sam Staff", Roles.Staff);
        var manager = await kit.Services.CreateUserAsync("Mia Manager", Roles.Manager);
        var before = await kit.SnapshotAsync();

        var byStaff = await ImportAsync(kit, TwoTools, staff);
        var byManager = await ImportAsync(kit, TwoTools, manager);

        Assert.False(byStaff.Committed);
        Assert.Equal([InventoryImporter.NotAllowed], byStaff.FileErrors);
        // As on the tool page: a manager records tools, but only compliance approves one.
        Assert.False(byManager.Committed);
        var rejected = Assert.Single(byManager.RowResults, r => r.Outcome == RowOutcome.Rejected);
        Assert.Equal(("T-1", nameof(ImportFieldKey.ApprovalStatus)), (rejected.Key, rejected.Issues.Single(i => i.Severity == IssueSeverity.Error).Field));
        Assert.Equal(before, await kit.SnapshotAsync());
    }

    [Fact]
    public async Task Changing_a_tool_by_import_re_assesses_the_stored_risk_of_the_workflows_using_it()
    {
        await using var kit = await ImportTestKit.StartAsync();
        Assert.True((await ImportAsync(kit, TwoTools)).Committed);
        int copilot;
        await using (var db = await kit.Services.DbAsync())
        {
            copilot = await db.Tools.Where(t => t.ExternalId == "T-1").Select(t => t.Id).SingleAsync();
        }
        var saved = await kit.Services.Workflows.SaveAsync(kit.Officer, null, new WorkflowForm
        {
            Name = "Sales call summaries", Purpose = "Summarises sales calls.", DepartmentId = await kit.Services.AddDepartmentAsync("Sales"),
            DataClassificationId = await kit.Services.ClassificationIdAsync("Confidential"), ToolIds = [copilot], ApprovingRole = "Team lead",
            // Nobody checks what it does, so the risk shows every factor the tools add.
            Autonomy = Autonomy.ActAutomatically, Oversight = HumanOversight.None,
        });
        Assert.Equal(SaveStatus.Saved, saved.Status);
        int scoreBefore;
        await using (var db = await kit.Services.DbAsync())
        {
            scoreBefore = await db.Workflows.Where(w => w.Id == saved.Id).Select(w => w.RiskScore).SingleAsync();
        }

        // The vendor now trains on what the workflow sends it: a risk factor of every workflow using the tool.
        var report = await ImportAsync(kit, TwoTools.Replace("\"Text, Code\",No,30", "\"Text, Code\",Yes,30"));

        Assert.True(report.Committed, Problems(report));
        Assert.Equal(1, report.Updated);
        await using (var db = await kit.Services.DbAsync())
        {
            // What the tool page's save would have stored: re-assessing now finds nothing out of date.
            Assert.Equal(0, await AiPolicyHub.Core.Risk.RiskIndex.UpdateAsync(db, db.Workflows));
            Assert.True(await db.Workflows.Where(w => w.Id == saved.Id).Select(w => w.RiskScore).SingleAsync() > scoreBefore);
        }
    }

    [Fact]
    public async Task A_managers_change_to_an_approved_tool_is_kept_as_a_proposal_for_compliance_as_on_the_tool_page()
    {
        await using var kit = await ImportTestKit.StartAsync();
        Assert.True((await ImportAsync(kit, TwoTools)).Committed);
        var manager = await kit.Services.CreateUserAsync("Mia Manager", Roles.Manager);

        // The file still says Approved, as the export it came from did; the retention is what changed.
        var report = await ImportAsync(kit, TwoTools.Replace("No,30,Yes", "No,365,Yes"), manager);

        Assert.True(report.Committed, Problems(report));
        var row = report.RowResults.Single(r => r.Key == "T-1");
        Assert.Equal(RowOutcome.Unchanged, row.Outcome);
        Assert.Contains(row.Issues, i => i.Severity == IssueSeverity.Warning && i.Message == AiPolicyHub.Core.Approvals.ToolSave.ProposedMessage);
        await using var db = await kit.Services.DbAsync();
        var tool = await db.Tools.SingleAsync(t => t.ExternalId == "T-1");
        // Staff keep reading what compliance approved; the change waits for compliance with what it would change.
        Assert.Equal((30, ToolApprovalStatus.Approved), (tool.RetentionDays, tool.ApprovalStatus));
        var proposal = await db.ToolChangeProposals.SingleAsync(p => p.ToolId == tool.Id);
        Assert.Equal(ProposalState.Pending, proposal.State);
        Assert.Contains("365 days", proposal.ChangesJson);
        Assert.True((await kit.Services.Audit.VerifyAsync(db)).Intact);
    }

    private static string Tools(string snapshot) => string.Join("\n", snapshot.Split('\n').Where(l => l.StartsWith('t')));
    /// <summary>The two tools imported, and an approved workflow using Copilot for Sales.</summary>
    private static async Task<int> ApprovedWorkflowUsingCopilotAsync(ImportTestKit kit)
    {
        var seeded = await ImportAsync(kit, TwoTools);
        Assert.True(seeded.Committed, Problems(seeded));
        var department = await kit.Services.AddDepartmentAsync("Sales");
        var level = await kit.Services.ClassificationIdAsync("Internal");
        await using var db = await kit.Services.DbAsync();
        var copilot = await db.Tools.SingleAsync(t => t.ExternalId == "T-1");
        var workflow = new Workflow
        {
            Name = "Proposal drafting", DepartmentId = department, Purpose = "Drafts proposals", DataClassificationId = level,
            Oversight = HumanOversight.ReviewBeforeUse, ApprovingRole = "Team lead", Version = 1, Status = WorkflowStatus.Approved,
            Tools = [new WorkflowTool { ToolId = copilot.Id }],
        };
        db.Workflows.Add(workflow);
        await db.SaveChangesAsync();
        return workflow.Id;
    }

    [Fact]
    public async Task A_tool_change_imported_sends_the_approved_workflows_using_it_back_for_approval_as_the_tool_page_does()
    {
        await using var kit = await ImportTestKit.StartAsync();
        var workflowId = await ApprovedWorkflowUsingCopilotAsync(kit);

        var report = await ImportAsync(kit, TwoTools.Replace("Yes,Confidential,Approved", "Yes,Internal,Approved"));

        Assert.True(report.Committed, Problems(report));
        Assert.Equal(1, report.Updated);
        Assert.Contains(report.RowResults.Single(r => r.Row == 2).Issues, i => i.Message.Contains("the approved workflow using it went back to compliance for approval"));
        await using var db = await kit.Services.DbAsync();
        var workflow = await db.Workflows.SingleAsync(w => w.Id == workflowId);
        Assert.Equal((WorkflowStatus.Submitted, 2), (workflow.Status, workflow.Version));
        var reopened = await db.AuditEntries.SingleAsync(e => e.EntityId == workflowId.ToString() && e.Action == AuditAction.Reopened);
        Assert.Contains("Copilot for Sales", reopened.ChangesJson);
        // The import's chain went on after the entries the reopening wrote: one unbroken chain, the import's entry last.
        var verification = await kit.Services.Audit.VerifyAsync(db);
        Assert.True(verification.Intact, verification.Message);
        Assert.Equal(report.AuditEntryId, await db.AuditEntries.MaxAsync(e => e.Id));
    }

    [Fact]
    public async Task A_tool_imported_as_prohibited_fires_its_risk_trigger_and_pauses_the_workflows_using_it()
    {
        await using var kit = await ImportTestKit.StartAsync();
        var workflowId = await ApprovedWorkflowUsingCopilotAsync(kit);

        var report = await ImportAsync(kit, TwoTools.Replace("Yes,Confidential,Approved", "Yes,Confidential,Prohibited"));

        Assert.True(report.Committed, Problems(report));
        Assert.Contains(report.RowResults.Single(r => r.Row == 2).Issues, i => i.Message.Contains("prohibited", StringComparison.OrdinalIgnoreCase));
        await using var db = await kit.Services.DbAsync();
        var copilot = await db.Tools.SingleAsync(t => t.ExternalId == "T-1");
        Assert.NotNull(copilot.PausedReason);
        Assert.True(await db.Pauses.AnyAsync(p => p.WorkflowId == workflowId));
        var verification = await kit.Services.Audit.VerifyAsync(db);
        Assert.True(verification.Intact, verification.Message);
    }

    [Fact]
    public async Task Tools_without_ids_are_warned_about_and_a_fingerprint_of_vendor_and_name_makes_a_second_import_create_nothing()
    {
        await using var kit = await ImportTestKit.StartAsync();
        var withoutIds = ToolMapping with { Fields = [.. ToolMapping.Fields.Where(f => f.Field != ImportFieldKey.ExternalId)] };
        var byFingerprint = withoutIds with { Match = ImportMatch.Fingerprint, KeyColumns = ["vendor", "name"] };

        var warned = await kit.ImportAsync(Encoding.UTF8.GetBytes(TwoTools), "tools.csv", withoutIds, dryRun: true);
        var first = await kit.ImportAsync(Encoding.UTF8.GetBytes(TwoTools), "tools.csv", byFingerprint);
        var second = await kit.ImportAsync(Encoding.UTF8.GetBytes(TwoTools), "tools.csv", byFingerprint);

        Assert.Equal(2, warned.RowsWithoutKey);
        Assert.Equal(2, first.Created);
        Assert.Equal(0, first.RowsWithoutKey);
        Assert.Equal((0, 2), (second.Created, second.Unchanged));
    }
}
