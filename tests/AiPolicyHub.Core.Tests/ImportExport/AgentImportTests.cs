using System.Security.Claims;
using System.Text;
using AiPolicyHub.Core.Agents;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.ImportExport;
using AiPolicyHub.Core.ImportExport.Export;
using AiPolicyHub.Core.Obligations;
using AiPolicyHub.Core.Inventory;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiPolicyHub.Core.Tests.ImportExport;

/// <summary>
/// Agents out as CSV, XLSX or JSON and back in with the built-in preset: every row through the agent save, all or nothing,
/// a dry run that writes nothing, and the agent page's controls (a material change reopens an approval) on the way in.
/// </summary>
public class AgentImportTests
{
    private static readonly ImportMapping ExportPreset = BuiltInPresets.Export(ImportTarget.Agents).Mapping;

    /// <summary>What agents refer to, set up alike in every instance: a department, an AI tool, two connectors, a workflow.</summary>
    private sealed record World(ImportTestKit Kit, int Department, int Confidential, int Tool, int Mail, int Payments, ClaimsPrincipal SecondOfficer)
    {
        public AgentInventory Agents => Kit.Services.Provider.GetRequiredService<AgentInventory>();

        public AgentForm Form(string name, WorkflowStatus status = WorkflowStatus.Draft) => new()
        {
            Name = name, Purpose = "Pays approved supplier invoices; says so by email.", DepartmentId = Department, ToolId = Tool,
            DataClassificationId = Confidential, Permissions = AgentPermissions.ReadData | AgentPermissions.SpendMoney,
            Autonomy = AgentAutonomy.ActsWithApproval, Checkpoints = [new CheckpointForm(AgentPermissions.SpendMoney, "Finance lead")],
            ConnectorIds = [Payments], OwnerId = ImportTestKitUsers.IdOf(Kit.Officer), LastActivityOn = new DateOnly(2026, 11, 2), Status = status,
        };

        public async Task<int> SaveAsync(AgentForm form)
        {
            var saved = await Agents.SaveAsync(Kit.Officer, null, form);
            Assert.True(saved.Status == SaveStatus.Saved, saved.Message);
            return saved.Id;
        }

        public async Task<int> ApprovedAsync(string name)
        {
            var id = await SaveAsync(Form(name, WorkflowStatus.Submitted));
            var approved = await Agents.ApproveAsync(SecondOfficer, id, (await Agents.GetAsync(id))!.Version);
            Assert.True(approved.Status == SaveStatus.Saved, approved.Message);
            return id;
        }

        public async Task<byte[]> ExportAsync(ExportFormat format)
        {
            using var output = new MemoryStream();
            var result = await Kit.Services.Exporter.ExportAgentsAsync(Kit.Officer, includeRetired: false, format, output);
            Assert.True(result.Succeeded, string.Join(" ", result.Errors));
            return output.ToArray();
        }

        public async Task<int> AgentCountAsync()
        {
            await using var db = await Kit.Services.DbAsync();
            return await db.Agents.CountAsync();
        }
    }

    private static async Task<World> WorldAsync(ImportTestKit kit)
    {
        var department = await kit.Services.AddDepartmentAsync("Purchasing");
        var confidential = await kit.Services.ClassificationIdAsync("Confidential");
        var tool = await kit.Services.Provider.GetRequiredService<ToolCatalog>().SaveAsync(kit.Officer, null,
            new ToolForm { Name = "Agent model", Vendor = "Acme", MaxClassificationId = confidential, ApprovalStatus = ToolApprovalStatus.Approved });
        var connectors = kit.Services.Provider.GetRequiredService<ConnectorCatalog>();
        var mail = await connectors.SaveAsync(kit.Officer, null,
            new ConnectorForm { Name = "Mail MCP", Endpoint = "https://mail.example.com/mcp", DataClassificationId = confidential, ApprovalStatus = ToolApprovalStatus.Approved });
        var payments = await connectors.SaveAsync(kit.Officer, null,
            new ConnectorForm { Name = "Payments MCP", Endpoint = "https://pay.example.com/mcp", DataClassificationId = confidential, ApprovalStatus = ToolApprovalStatus.Approved });
        Assert.True(tool.Status == SaveStatus.Saved && mail.Status == SaveStatus.Saved && payments.Status == SaveStatus.Saved);
        await kit.Services.AddWorkflowsAsync([new Workflow
        {
            Name = "Supplier payments", Purpose = "Paying suppliers.", DepartmentId = department, DataClassificationId = confidential,
            ApprovingRole = "Team lead", Status = WorkflowStatus.Approved, Version = 1,
        }]);
        return new World(kit, department, confidential, tool.Id, mail.Id, payments.Id, await kit.Services.CreateUserAsync("Cora Checker", Roles.ComplianceOfficer));
    }

    private static string Problems(ImportReport report) =>
        report.Summary + " " + string.Join(" | ", report.FileErrors.Concat(report.RowResults.SelectMany(r => r.Issues).Select(i => $"{i.Row}: {i.Message}")));

    [Theory]
    [InlineData(ExportFormat.Csv)]
    [InlineData(ExportFormat.Xlsx)]
    [InlineData(ExportFormat.Json)]
    public async Task An_export_of_agents_imports_into_a_fresh_instance_and_exports_there_exactly_the_same(ExportFormat format)
    {
        await using var source = await ImportTestKit.StartAsync();
        var here = await WorldAsync(source);
        var paying = here.Form("Invoice payer", WorkflowStatus.Submitted);
        paying.ConnectorIds = [here.Mail, here.Payments];
        paying.Permissions |= AgentPermissions.SendOutside;
        paying.Checkpoints = [new CheckpointForm(AgentPermissions.SpendMoney, "Finance lead"), new CheckpointForm(AgentPermissions.SendOutside, "Team lead: purchasing")];
        paying.OperatorRole = OperatorRole.Provider;
        await using (var db = await source.Services.DbAsync())
        {
            paying.WorkflowIds = [await db.Workflows.Select(w => w.Id).SingleAsync()];
        }
        await here.SaveAsync(paying);
        var drafting = here.Form("=Quote drafter, with a comma");
        drafting.Permissions = AgentPermissions.ReadData;
        drafting.Checkpoints = [];
        drafting.ConnectorIds = [];
        drafting.LastActivityOn = null;
        drafting.Autonomy = AgentAutonomy.SuggestsOnly;
        await here.SaveAsync(drafting);
        var file = await here.ExportAsync(format);

        await using var fresh = await ImportTestKit.StartAsync();
        var there = await WorldAsync(fresh);
        var report = await fresh.ImportAsync(file, "agents." + TableWriter.Extension(format), ExportPreset);

        Assert.True(report.Committed, Problems(report));
        Assert.Equal((2, 2, 0), (report.Rows, report.Created, report.Rejected));
        Assert.Equal(Encoding.UTF8.GetString(await here.ExportAsync(ExportFormat.Csv)), Encoding.UTF8.GetString(await there.ExportAsync(ExportFormat.Csv)));
        await using (var db = await fresh.Services.DbAsync())
        {
            var roles = await db.Agents.ToDictionaryAsync(a => a.Name, a => a.OperatorRole);
            Assert.Equal((OperatorRole.Provider, OperatorRole.Deployer), (roles["Invoice payer"], roles["=Quote drafter, with a comma"]));
        }
        var again = await fresh.ImportAsync(file, "agents." + TableWriter.Extension(format), ExportPreset);
        Assert.True(again.Committed, Problems(again));
        Assert.Equal((0, 0, 2), (again.Created, again.Updated, again.Unchanged));
    }

    [Fact]
    public async Task One_bad_row_keeps_the_whole_file_out_and_says_which_row_and_why()
    {
        await using var kit = await ImportTestKit.StartAsync();
        var world = await WorldAsync(kit);
        await world.SaveAsync(world.Form("Bad agent"));
        await world.SaveAsync(world.Form("Good agent"));
        var lines = Encoding.UTF8.GetString(await world.ExportAsync(ExportFormat.Csv)).Split("\r\n");
        Assert.StartsWith("Bad agent,", lines[1], StringComparison.Ordinal);
        lines[1] = lines[1].Replace("Payments MCP", "Fax MCP", StringComparison.Ordinal);
        await using (var db = await kit.Services.DbAsync())
        {
            db.Agents.RemoveRange(db.Agents);
            await db.SaveChangesAsync();
        }
        var before = await kit.SnapshotAsync();

        var report = await kit.ImportTextAsync(string.Join("\r\n", lines), ExportPreset);

        Assert.False(report.Committed);
        Assert.Equal((2, 1), (report.Rows, report.Rejected));
        var rejected = Assert.Single(report.RowResults, r => r.Outcome == RowOutcome.Rejected);
        Assert.Equal("Bad agent", rejected.Name);
        Assert.Contains("There is no connector called \"Fax MCP\"", Assert.Single(rejected.Issues).Message);
        Assert.StartsWith("Nothing was imported: 1 of 2 rows has errors", report.Summary);
        Assert.Equal(0, await world.AgentCountAsync());
        Assert.Equal(before, await kit.SnapshotAsync());
    }

    [Fact]
    public async Task A_dry_run_checks_every_row_through_the_agent_save_and_writes_nothing()
    {
        await using var kit = await ImportTestKit.StartAsync();
        var world = await WorldAsync(kit);
        await world.SaveAsync(world.Form("Dry agent"));
        var file = await world.ExportAsync(ExportFormat.Csv);
        await using (var db = await kit.Services.DbAsync())
        {
            db.Agents.RemoveRange(db.Agents);
            await db.SaveChangesAsync();
        }
        var before = await kit.SnapshotAsync();

        var report = await kit.ImportAsync(file, "agents.csv", ExportPreset, dryRun: true);

        Assert.True(report.DryRun && !report.Committed, Problems(report));
        Assert.Equal(1, report.Created);
        Assert.Equal(0, await world.AgentCountAsync());
        Assert.Equal(before, await kit.SnapshotAsync());
    }

    [Fact]
    public async Task Adding_a_connector_or_a_permission_by_import_sends_an_approved_agent_back_for_approval()
    {
        await using var kit = await ImportTestKit.StartAsync();
        var world = await WorldAsync(kit);
        var connected = await world.ApprovedAsync("Connected agent");
        var empowered = await world.ApprovedAsync("Empowered agent");
        var untouched = await world.ApprovedAsync("Untouched agent");
        var csv = Encoding.UTF8.GetString(await world.ExportAsync(ExportFormat.Csv)).Split("\r\n");
        var header = csv[0];
        var rows = csv.Skip(1).Where(l => l.Length > 0).ToList();
        string Row(string name) => rows.Single(r => r.StartsWith($"\"{name}\"", StringComparison.Ordinal) || r.StartsWith(name, StringComparison.Ordinal));

        var changed = string.Join("\r\n", header,
            Row("Connected agent").Replace("Payments MCP", "Mail MCP; Payments MCP"),
            Row("Empowered agent").Replace("Read data; Spend money or commit the organisation", "Read data; Write or delete data; Spend money or commit the organisation"),
            Row("Untouched agent").Replace("Pays approved supplier invoices; says so by email.", "Pays approved supplier invoices and says so by email."));
        var report = await kit.ImportTextAsync(changed + "\r\n", ExportPreset);

        Assert.True(report.Committed, Problems(report));
        Assert.Equal(3, report.Updated);
        Assert.Equal(WorkflowStatus.Submitted, (await world.Agents.GetAsync(connected))!.Status);
        Assert.Equal(WorkflowStatus.Submitted, (await world.Agents.GetAsync(empowered))!.Status);
        Assert.Equal(WorkflowStatus.Approved, (await world.Agents.GetAsync(untouched))!.Status);
        Assert.Contains(report.RowResults, r => r.Name == "Connected agent" && r.Issues.Any(i => i.Message.Contains("a new connector (Mail MCP)", StringComparison.Ordinal)));
        Assert.Contains(report.RowResults, r => r.Name == "Empowered agent" && r.Issues.Any(i => i.Message.Contains("a new permission (Write or delete data)", StringComparison.Ordinal)));
        var history = await world.Agents.HistoryAsync(connected);
        Assert.Contains(history, e => e.UserId == ImportTestKitUsers.IdOf(kit.Officer) && e.ChangesJson.Contains("Mail MCP", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Agents_are_found_again_only_by_their_name_within_their_department()
    {
        await using var kit = await ImportTestKit.StartAsync();
        var world = await WorldAsync(kit);
        await world.SaveAsync(world.Form("Keyed agent"));
        var file = await world.ExportAsync(ExportFormat.Csv);

        var report = await kit.ImportAsync(file, "agents.csv", ExportPreset with { Match = ImportMatch.ExternalId });

        Assert.False(report.Committed);
        Assert.Equal("Agents are found again by their name within their department: choose that key (they keep no external id).", Assert.Single(report.FileErrors));
    }

    [Fact]
    public async Task A_manager_imports_agents_only_into_their_own_department_and_never_as_approved()
    {
        await using var kit = await ImportTestKit.StartAsync();
        var world = await WorldAsync(kit);
        await world.SaveAsync(world.Form("Elsewhere agent"));
        await world.SaveAsync(world.Form("Self-approved agent", WorkflowStatus.Submitted));
        var csv = Encoding.UTF8.GetString(await world.ExportAsync(ExportFormat.Csv)).Replace(",Submitted", ",Approved", StringComparison.Ordinal);
        await using (var db = await kit.Services.DbAsync())
        {
            db.Agents.RemoveRange(db.Agents);
            await db.SaveChangesAsync();
        }
        var outsider = await kit.Services.CreateUserAsync("Omar Other", Roles.Manager, await kit.Services.AddDepartmentAsync("Sales"));
        var insider = await kit.Services.CreateUserAsync("Maya Manager", Roles.Manager, world.Department);

        var byOutsider = await kit.ImportAsync(Encoding.UTF8.GetBytes(csv), "agents.csv", ExportPreset, as_: outsider);
        var byInsider = await kit.ImportAsync(Encoding.UTF8.GetBytes(csv), "agents.csv", ExportPreset, as_: insider);

        Assert.Equal((false, 2), (byOutsider.Committed, byOutsider.Rejected));
        Assert.All(byOutsider.RowResults, r => Assert.Contains(r.Issues, i => i.Message == "You can only record agents for your own department(s)."));
        Assert.Equal((false, 1), (byInsider.Committed, byInsider.Rejected));
        var refused = Assert.Single(byInsider.RowResults, r => r.Outcome == RowOutcome.Rejected);
        Assert.Equal("Self-approved agent", refused.Name);
        Assert.Contains(refused.Issues, i => i.Field == nameof(ImportFieldKey.Status) && i.Severity == IssueSeverity.Error);
        Assert.Equal(0, await world.AgentCountAsync());
    }
}

internal static class ImportTestKitUsers
{
    public static string IdOf(ClaimsPrincipal principal) => TestServices.UserId(principal);
}
