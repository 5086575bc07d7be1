using System.Security.Claims;
using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiPolicyHub.Core.Tests.Inventory;

/// <summary>The tool use cases against a real SQLite database.</summary>
public class ToolCatalogTests : IAsyncLifetime
{
    private TestServices test = null!;
    private ToolCatalog catalog = null!;
    private int marketing, internalLevel, confidential;
    private ClaimsPrincipal mia = null!, cora = null!, sam = null!;

    public async Task InitializeAsync()
    {
        test = await new TestServices().InitializeAsync();
        catalog = test.Tools;
        marketing = await test.AddDepartmentAsync("Marketing");
        internalLevel = await test.ClassificationIdAsync("Internal");
        confidential = await test.ClassificationIdAsync("Confidential");
        mia = await test.CreateUserAsync("Mia Manager", Roles.Manager, marketing);
        cora = await test.CreateUserAsync("Cora Compliance", Roles.ComplianceOfficer);
        sam = await test.CreateUserAsync("Sam Staff", Roles.Staff);
    }

    public async Task DisposeAsync() => await test.DisposeAsync();

    private ToolForm NewForm(string name = "ChatGPT Enterprise") => new()
    {
        Name = name,
        Vendor = "OpenAI",
        ModelVersion = "GPT-4o",
        RetentionDays = 30,
        DataResidency = "EU",
        MaxClassificationId = internalLevel,
        OwnerId = TestServices.UserId(mia),
    };

    private async Task<int> CreateAsync(ClaimsPrincipal who, ToolForm form)
    {
        var outcome = await catalog.SaveAsync(who, null, form);
        Assert.True(outcome.Status == SaveStatus.Saved, $"{outcome.Status}: {outcome.Message} {string.Join(" | ", outcome.Errors?.All ?? [])}");
        return outcome.Id;
    }

    private async Task<(int Tools, int Audit)> CountAsync()
    {
        await using var db = await test.DbAsync();
        return (await db.Tools.CountAsync(), await db.AuditEntries.CountAsync());
    }

    [Fact]
    public async Task A_manager_proposes_a_tool_and_finds_it_in_the_catalog()
    {
        var outcome = await catalog.SaveAsync(mia, null, NewForm(" ChatGPT Enterprise "));

        Assert.Equal(SaveStatus.Saved, outcome.Status);
        var item = Assert.Single(await catalog.ListAsync());
        Assert.Equal((outcome.Id, "ChatGPT Enterprise", "OpenAI", "Internal", ToolApprovalStatus.Proposed),
            (item.Id, item.Name, item.Vendor, item.MaxClassification, item.ApprovalStatus));
        var entry = Assert.Single(await catalog.HistoryAsync(outcome.Id));
        Assert.Equal((AuditAction.Created, "Mia Manager"), (entry.Action, entry.UserName));
        Assert.Contains(new FieldChange(nameof(ToolForm.ApprovalStatus), null, "Proposed"), AuditTrail.ChangesOf(entry));
    }

    [Fact]
    public async Task A_staff_member_cannot_add_a_tool_and_nothing_is_stored()
    {
        var outcome = await catalog.SaveAsync(sam, null, NewForm());

        Assert.Equal(SaveStatus.Forbidden, outcome.Status);
        Assert.Equal((0, 0), await CountAsync());
    }

    [Fact]
    public async Task A_staff_member_cannot_retire_a_tool()
    {
        var id = await CreateAsync(mia, NewForm());

        Assert.Equal(SaveStatus.Forbidden, (await catalog.RetireAsync(sam, id, version: 1)).Status);
        Assert.Single(await catalog.ListAsync());
    }

    [Fact]
    public async Task A_manager_cannot_approve_a_tool_but_a_compliance_officer_can()
    {
        var id = await CreateAsync(mia, NewForm());
        var form = (await catalog.GetAsync(id))!;
        form.ApprovalStatus = ToolApprovalStatus.Approved;

        var refused = await catalog.SaveAsync(mia, id, form);
        var approved = await catalog.SaveAsync(cora, id, form);

        Assert.Equal(SaveStatus.Invalid, refused.Status);
        Assert.Single(refused.Errors!.For(nameof(ToolForm.ApprovalStatus)));
        Assert.Equal(SaveStatus.Saved, approved.Status);
        var entry = (await catalog.HistoryAsync(id))[0];
        Assert.Equal("Cora Compliance", entry.UserName);
        Assert.Equal([new FieldChange(nameof(ToolForm.ApprovalStatus), "Proposed", "Approved")], AuditTrail.ChangesOf(entry));
    }

    [Fact]
    public async Task A_second_tool_with_the_same_name_in_other_letters_case_is_refused()
    {
        await CreateAsync(mia, NewForm("ChatGPT Enterprise"));

        var outcome = await catalog.SaveAsync(cora, null, NewForm("  chatgpt ENTERPRISE "));

        Assert.Equal(SaveStatus.Invalid, outcome.Status);
        Assert.Equal(["A tool called \"chatgpt ENTERPRISE\" exists already."], outcome.Errors!.For(nameof(ToolForm.Name)));
        Assert.Equal((1, 1), await CountAsync());
    }

    [Fact]
    public async Task A_second_tool_whose_name_differs_only_in_the_case_of_an_accented_letter_is_refused()
    {
        await CreateAsync(mia, NewForm("Ärzte-KI"));

        Assert.Equal(SaveStatus.Invalid, (await catalog.SaveAsync(cora, null, NewForm("ärzte-ki"))).Status);
    }

    [Fact]
    public async Task Editing_a_tool_under_its_own_name_is_not_a_duplicate()
    {
        var id = await CreateAsync(mia, NewForm());
        var form = (await catalog.GetAsync(id))!;
        form.Notes = "Enterprise workspace only.";

        Assert.Equal(SaveStatus.Saved, (await catalog.SaveAsync(mia, id, form)).Status);
    }

    [Fact]
    public async Task An_edit_is_recorded_with_the_changed_fields_before_and_after()
    {
        var id = await CreateAsync(mia, NewForm());
        var form = (await catalog.GetAsync(id))!;
        form.RetentionDays = null;
        form.MaxClassificationId = confidential;

        var outcome = await catalog.SaveAsync(mia, id, form);

        Assert.Equal((SaveStatus.Saved, 2), (outcome.Status, outcome.Version));
        var entry = (await catalog.HistoryAsync(id))[0];
        Assert.Equal(AuditAction.Changed, entry.Action);
        Assert.Equal(
            [new FieldChange(nameof(ToolForm.MaxClassificationId), "Internal", "Confidential"), new FieldChange(nameof(ToolForm.RetentionDays), "30 days", "unknown")],
            AuditTrail.ChangesOf(entry).OrderBy(c => c.Field));
    }

    [Fact]
    public async Task Two_people_editing_the_same_version_the_second_gets_a_conflict_and_the_first_persons_values_stay()
    {
        var id = await CreateAsync(mia, NewForm());
        var loadedByMia = (await catalog.GetAsync(id))!;
        var loadedByCora = (await catalog.GetAsync(id))!;
        var coraOriginal = loadedByCora.Copy();
        loadedByMia.DataResidency = "US";
        Assert.Equal(SaveStatus.Saved, (await catalog.SaveAsync(mia, id, loadedByMia)).Status);

        loadedByCora.ApprovalStatus = ToolApprovalStatus.Approved;
        var outcome = await catalog.SaveAsync(cora, id, loadedByCora, coraOriginal);

        Assert.Equal(SaveStatus.Conflict, outcome.Status);
        Assert.Equal("Mia Manager saved this tool while you were editing it. Nothing of yours was saved yet.", outcome.Message);
        Assert.Equal([new FieldChange(nameof(ToolForm.DataResidency), "EU", "US")], outcome.Conflict!.TheirChanges);
        Assert.Equal(2, outcome.Conflict.CurrentVersion);
        var stored = (await catalog.GetAsync(id))!;
        Assert.Equal(("US", ToolApprovalStatus.Proposed, 2), (stored.DataResidency, stored.ApprovalStatus, stored.Version));
    }

    [Fact]
    public async Task A_retired_tool_leaves_the_catalog_but_stays_on_record()
    {
        var id = await CreateAsync(mia, NewForm("Old tool"));
        await CreateAsync(mia, NewForm("Current tool"));

        var outcome = await catalog.RetireAsync(mia, id, version: 1);

        Assert.Equal(SaveStatus.Saved, outcome.Status);
        Assert.Equal(["Current tool"], (await catalog.ListAsync()).Select(t => t.Name));
        Assert.Equal(["Current tool", "Old tool"], (await catalog.ListAsync(includeRetired: true)).Select(t => t.Name));
        var entry = (await catalog.HistoryAsync(id))[0];
        Assert.Equal(AuditAction.Retired, entry.Action);
        Assert.Equal([new FieldChange(nameof(ToolForm.ApprovalStatus), "Proposed", "Retired")], AuditTrail.ChangesOf(entry));
    }

    [Fact]
    public async Task Retiring_from_an_outdated_version_is_a_conflict()
    {
        var id = await CreateAsync(mia, NewForm());
        var form = (await catalog.GetAsync(id))!;
        form.Notes = "Changed";
        await catalog.SaveAsync(mia, id, form);

        Assert.Equal(SaveStatus.Conflict, (await catalog.RetireAsync(mia, id, version: 1)).Status);
        Assert.Equal(ToolApprovalStatus.Proposed, (await catalog.GetAsync(id))!.ApprovalStatus);
    }

    [Fact]
    public async Task A_tool_whose_owner_has_left_can_still_be_retired()
    {
        var id = await CreateAsync(mia, NewForm());
        await using (var db = await test.DbAsync())
        {
            var owner = TestServices.UserId(mia);
            await db.Users.Where(u => u.Id == owner).ExecuteUpdateAsync(u => u.SetProperty(x => x.IsDisabled, true));
        }

        var outcome = await catalog.RetireAsync(cora, id, version: 1);

        Assert.True(outcome.Status == SaveStatus.Saved, string.Join(" | ", outcome.Errors?.All ?? []));
    }

    [Fact]
    public async Task The_catalog_counts_the_active_workflows_that_use_each_tool()
    {
        var id = await CreateAsync(cora, NewForm());
        await test.AddWorkflowsAsync(new[] { WorkflowStatus.Draft, WorkflowStatus.Approved, WorkflowStatus.Retired }.Select(status => new Workflow
        {
            Name = $"Uses it ({status})", DepartmentId = marketing, Purpose = "p", DataClassificationId = internalLevel,
            Status = status, Version = 1, Tools = [new WorkflowTool { ToolId = id }],
        }));

        Assert.Equal(2, Assert.Single(await catalog.ListAsync()).WorkflowCount);
        // A form's choice of tools offers the same tool without counting its workflows.
        var choice = Assert.Single((await test.Provider.GetRequiredService<InventoryLookups>().LoadAsync()).Tools);
        Assert.Equal((id, (int?)null), (choice.Id, choice.WorkflowCount));
    }

    [Fact]
    public async Task Saving_a_tool_that_does_not_exist_says_so() =>
        Assert.Equal(SaveStatus.NotFound, (await catalog.SaveAsync(cora, 4242, NewForm())).Status);
}
