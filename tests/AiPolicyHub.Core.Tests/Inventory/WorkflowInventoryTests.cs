using System.Security.Claims;
using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Tests.Inventory;

/// <summary>The workflow use cases against a real SQLite database, as the edit and list pages call them.</summary>
public class WorkflowInventoryTests : IAsyncLifetime
{
    private TestServices test = null!;
    private WorkflowInventory inventory = null!;
    private int marketing, finance, publicLevel, internalLevel, confidential, restricted, chatbot;
    private ClaimsPrincipal mia = null!, fred = null!, cora = null!, sam = null!;

    public async Task InitializeAsync()
    {
        test = await new TestServices().InitializeAsync();
        inventory = test.Workflows;
        marketing = await test.AddDepartmentAsync("Marketing");
        finance = await test.AddDepartmentAsync("Finance");
        publicLevel = await test.ClassificationIdAsync("Public");
        internalLevel = await test.ClassificationIdAsync("Internal");
        confidential = await test.ClassificationIdAsync("Confidential");
        restricted = await test.ClassificationIdAsync("Restricted");
        mia = await test.CreateUserAsync("Mia Manager", Roles.Manager, marketing);
        fred = await test.CreateUserAsync("Fred Finance", Roles.Manager, finance);
        cora = await test.CreateUserAsync("Cora Compliance", Roles.ComplianceOfficer);
        sam = await test.CreateUserAsync("Sam Staff", Roles.Staff);
        await using var db = await test.DbAsync();
        var tool = db.Tools.Add(new AiTool
        {
            Name = "ChatGPT Enterprise", Vendor = "OpenAI", MaxClassificationId = confidential,
            ApprovalStatus = ToolApprovalStatus.Approved, Version = 1,
        }).Entity;
        await db.SaveChangesAsync();
        chatbot = tool.Id;
    }

    public async Task DisposeAsync() => await test.DisposeAsync();

    private WorkflowForm NewForm(string name = "Draft replies to customer emails", int? department = null) => new()
    {
        Name = name,
        DepartmentId = department ?? marketing,
        OwnerId = TestServices.UserId(mia),
        Purpose = "Suggest a first reply to routine customer questions; an agent edits it before sending.",
        ToolIds = [chatbot],
        Stage = LifecycleStage.Pilot,
        Autonomy = Autonomy.Draft,
        Audience = Audience.CustomerFacing,
        DataClassificationId = internalLevel,
        Oversight = HumanOversight.ReviewBeforeUse,
        ApprovingRole = "Team lead",
        NextReviewDate = new DateOnly(2027, 3, 1),
    };

    private async Task<int> CreateAsync(ClaimsPrincipal who, WorkflowForm form)
    {
        var outcome = await inventory.SaveAsync(who, null, form);
        Assert.True(outcome.Status == SaveStatus.Saved, $"{outcome.Status}: {outcome.Message} {string.Join(" | ", outcome.Errors?.All ?? [])}");
        return outcome.Id;
    }

    private async Task<(int Workflows, int Audit)> CountAsync()
    {
        await using var db = await test.DbAsync();
        return (await db.Workflows.CountAsync(), await db.AuditEntries.CountAsync());
    }

    private static Workflow Row(string name, int department, int classification,
        WorkflowStatus status = WorkflowStatus.Draft, LifecycleStage stage = LifecycleStage.Idea, string purpose = "Some purpose") => new()
    {
        Name = name, DepartmentId = department, Purpose = purpose, DataClassificationId = classification,
        Status = status, Stage = stage, Oversight = HumanOversight.ReviewBeforeUse, ApprovingRole = "Team lead", Version = 1,
    };

    private static List<string> Names(Page<WorkflowListItem> page) => page.Items.Select(i => i.Name).ToList();

    // Creating

    [Fact]
    public async Task A_manager_records_a_workflow_for_their_department_and_finds_it_in_the_list()
    {
        var outcome = await inventory.SaveAsync(mia, null, NewForm("  Draft replies to customer emails "));

        Assert.Equal(SaveStatus.Saved, outcome.Status);
        Assert.Equal(1, outcome.Version);
        var item = Assert.Single((await inventory.ListAsync(new WorkflowListQuery())).Items);
        Assert.Equal(outcome.Id, item.Id);
        Assert.Equal("Draft replies to customer emails", item.Name);
        Assert.Equal("Marketing", item.Department);
        Assert.Equal("Internal", item.Classification);
        Assert.Equal("Mia Manager", item.Owner);
        Assert.Equal(WorkflowStatus.Draft, item.Status);
    }

    [Fact]
    public async Task A_saved_workflow_reads_back_as_it_was_entered()
    {
        var form = NewForm();
        form.Oversight = HumanOversight.SpotCheck;
        form.SpotCheckPercent = 15;
        form.DataCategories = DataCategories.PersonalData | DataCategories.CustomerData;
        form.Controls = VerificationControls.FactCheck;
        form.MonthlyVolume = 1200;

        var id = await CreateAsync(mia, form);

        var stored = (await inventory.GetAsync(id))!;
        Assert.Equal([chatbot], stored.ToolIds);
        Assert.Equal(HumanOversight.SpotCheck, stored.Oversight);
        Assert.Equal(15, stored.SpotCheckPercent);
        Assert.Equal(DataCategories.PersonalData | DataCategories.CustomerData, stored.DataCategories);
        Assert.Equal(VerificationControls.FactCheck, stored.Controls);
        Assert.Equal(1200, stored.MonthlyVolume);
        Assert.Equal(new DateOnly(2027, 3, 1), stored.NextReviewDate);
        Assert.Equal(1, stored.Version);
    }

    [Fact]
    public async Task Creating_a_workflow_records_who_created_it_and_every_field_it_was_given()
    {
        var id = await CreateAsync(mia, NewForm());

        var entry = Assert.Single(await inventory.HistoryAsync(id));
        Assert.Equal(AuditAction.Created, entry.Action);
        Assert.Equal("Mia Manager", entry.UserName);
        Assert.Equal("Draft replies to customer emails", entry.EntityName);
        var changes = AuditTrail.ChangesOf(entry);
        Assert.Contains(new FieldChange("Name", null, "Draft replies to customer emails"), changes);
        Assert.Contains(new FieldChange(nameof(WorkflowForm.DepartmentId), null, "Marketing"), changes);
        Assert.Contains(new FieldChange(nameof(WorkflowForm.ToolIds), null, "ChatGPT Enterprise"), changes);
        Assert.Contains(new FieldChange(nameof(WorkflowForm.Oversight), null, "Review before use"), changes);
    }

    [Fact]
    public async Task A_compliance_officer_records_workflows_for_any_department()
    {
        await CreateAsync(cora, NewForm("Marketing copy", marketing));
        await CreateAsync(cora, NewForm("Invoice triage", finance));

        Assert.Equal(2, (await inventory.ListAsync(new WorkflowListQuery())).Total);
    }

    // Refusing

    [Fact]
    public async Task A_staff_member_cannot_record_a_workflow_and_nothing_is_stored()
    {
        var outcome = await inventory.SaveAsync(sam, null, NewForm());

        Assert.Equal(SaveStatus.Forbidden, outcome.Status);
        Assert.Equal("Your role can read the inventory but not change it.", outcome.Message);
        Assert.Equal((0, 0), await CountAsync());
    }

    [Fact]
    public async Task A_user_who_is_not_signed_in_or_was_disabled_is_refused()
    {
        var anonymous = new ClaimsPrincipal(new ClaimsIdentity());
        Assert.Equal(SaveStatus.Forbidden, (await inventory.SaveAsync(anonymous, null, NewForm())).Status);

        await using (var db = await test.DbAsync())
        {
            var id = TestServices.UserId(mia);
            await db.Users.Where(u => u.Id == id).ExecuteUpdateAsync(u => u.SetProperty(x => x.IsDisabled, true));
        }
        Assert.Equal(SaveStatus.Forbidden, (await inventory.SaveAsync(mia, null, NewForm())).Status);
        Assert.Equal((0, 0), await CountAsync());
    }

    [Fact]
    public async Task A_manager_of_another_department_cannot_change_a_workflow_and_it_stays_as_it_was()
    {
        var id = await CreateAsync(mia, NewForm());
        var form = (await inventory.GetAsync(id))!;
        form.Name = "Hijacked";

        var outcome = await inventory.SaveAsync(fred, id, form);

        Assert.Equal(SaveStatus.Forbidden, outcome.Status);
        Assert.Equal("You can only change workflows of your own department(s).", outcome.Message);
        var stored = (await inventory.GetAsync(id))!;
        Assert.Equal("Draft replies to customer emails", stored.Name);
        Assert.Equal(1, stored.Version);
        Assert.Single(await inventory.HistoryAsync(id));
    }

    [Fact]
    public async Task A_manager_whose_department_was_taken_away_can_no_longer_change_its_workflows()
    {
        var id = await CreateAsync(mia, NewForm());
        await using (var db = await test.DbAsync())
        {
            await db.DepartmentManagers.Where(m => m.DepartmentId == marketing).ExecuteDeleteAsync();
        }
        var form = (await inventory.GetAsync(id))!;
        form.Purpose = "Changed after losing the department";

        Assert.Equal(SaveStatus.Forbidden, (await inventory.SaveAsync(mia, id, form)).Status);
    }

    [Fact]
    public async Task A_manager_cannot_move_a_workflow_into_a_department_they_do_not_manage()
    {
        var id = await CreateAsync(mia, NewForm());
        var form = (await inventory.GetAsync(id))!;
        form.DepartmentId = finance;

        var outcome = await inventory.SaveAsync(mia, id, form);

        Assert.Equal(SaveStatus.Invalid, outcome.Status);
        Assert.Equal(["You can only record workflows for your own department(s)."], outcome.Errors!.For(nameof(WorkflowForm.DepartmentId)));
        Assert.Equal(marketing, (await inventory.GetAsync(id))!.DepartmentId);
    }

    [Fact]
    public async Task Invalid_input_is_refused_with_messages_per_field_and_nothing_is_stored()
    {
        var form = NewForm(name: "   ");
        form.Oversight = HumanOversight.SpotCheck;
        form.SpotCheckPercent = 0;

        var outcome = await inventory.SaveAsync(mia, null, form);

        Assert.Equal(SaveStatus.Invalid, outcome.Status);
        Assert.Equal(["Enter a name."], outcome.Errors!.For(nameof(WorkflowForm.Name)));
        Assert.Equal(["A spot-check needs a sample rate between 1 and 100 %."], outcome.Errors.For(nameof(WorkflowForm.SpotCheckPercent)));
        Assert.Equal((0, 0), await CountAsync());
        await using var db = await test.DbAsync();
        Assert.Equal(0, await db.WorkflowTools.CountAsync());
    }

    [Fact]
    public async Task An_invalid_edit_leaves_the_stored_workflow_and_its_history_unchanged()
    {
        var id = await CreateAsync(mia, NewForm());
        var form = (await inventory.GetAsync(id))!;
        form.Name = "Renamed";
        form.ReviewCadenceMonths = 61;

        Assert.Equal(SaveStatus.Invalid, (await inventory.SaveAsync(mia, id, form)).Status);

        var stored = (await inventory.GetAsync(id))!;
        Assert.Equal("Draft replies to customer emails", stored.Name);
        Assert.Equal(1, stored.Version);
        Assert.Single(await inventory.HistoryAsync(id));
    }

    [Fact]
    public async Task A_manager_cannot_approve_their_own_workflow()
    {
        var form = NewForm();
        form.Status = WorkflowStatus.Approved;

        var outcome = await inventory.SaveAsync(mia, null, form);

        Assert.Equal(SaveStatus.Invalid, outcome.Status);
        Assert.Equal(["Only a compliance officer can approve or reject a workflow."], outcome.Errors!.For(nameof(WorkflowForm.Status)));
        Assert.Equal((0, 0), await CountAsync());
    }

    [Fact]
    public async Task A_managers_change_to_an_approved_workflow_sends_it_back_for_approval()
    {
        var id = (await inventory.SaveAsync(mia, null, NewForm())).Id;
        var approved = (await inventory.GetAsync(id))!;
        approved.Status = WorkflowStatus.Approved;
        Assert.Equal(SaveStatus.Saved, (await inventory.SaveAsync(cora, id, approved)).Status);

        var edited = (await inventory.GetAsync(id))!;
        edited.Autonomy = Autonomy.ActAutomatically;
        var outcome = await inventory.SaveAsync(mia, id, edited);

        Assert.Equal(SaveStatus.Saved, outcome.Status);
        Assert.Contains("approval again", outcome.Message);
        Assert.Equal(WorkflowStatus.Submitted, (await inventory.GetAsync(id))!.Status);
    }

    [Fact]
    public async Task Saving_without_changes_keeps_the_version_and_adds_no_history()
    {
        var id = (await inventory.SaveAsync(mia, null, NewForm())).Id;
        var unchanged = (await inventory.GetAsync(id))!;

        var outcome = await inventory.SaveAsync(mia, id, unchanged);

        Assert.Equal(SaveStatus.Saved, outcome.Status);
        Assert.Equal(unchanged.Version, (await inventory.GetAsync(id))!.Version);
        Assert.Single(await inventory.HistoryAsync(id));
    }

    [Fact]
    public async Task Saving_a_workflow_that_does_not_exist_says_so()
    {
        var outcome = await inventory.SaveAsync(cora, 4242, NewForm());

        Assert.Equal(SaveStatus.NotFound, outcome.Status);
        Assert.Equal("This record no longer exists.", outcome.Message);
    }

    // Editing

    [Fact]
    public async Task An_edit_is_recorded_with_the_changed_fields_before_and_after()
    {
        var id = await CreateAsync(mia, NewForm());
        var form = (await inventory.GetAsync(id))!;
        form.Oversight = HumanOversight.SpotCheck;
        form.SpotCheckPercent = 20;

        var outcome = await inventory.SaveAsync(mia, id, form);

        Assert.Equal(SaveStatus.Saved, outcome.Status);
        Assert.Equal(2, outcome.Version);
        var history = await inventory.HistoryAsync(id);
        Assert.Equal([AuditAction.Changed, AuditAction.Created], history.Select(e => e.Action));
        var changes = AuditTrail.ChangesOf(history[0]);
        Assert.Equal(
            [new FieldChange(nameof(WorkflowForm.Oversight), "Review before use", "Spot-check a sample"), new FieldChange(nameof(WorkflowForm.SpotCheckPercent), "", "20 %")],
            changes.OrderBy(c => c.Field));
        Assert.Equal("Mia Manager", history[0].UserName);
    }

    [Fact]
    public async Task The_history_names_departments_and_tools_rather_than_their_numbers()
    {
        var id = await CreateAsync(cora, NewForm());
        var form = (await inventory.GetAsync(id))!;
        form.DepartmentId = finance;
        form.ToolIds = [];
        form.DataClassificationId = confidential;

        Assert.Equal(SaveStatus.Saved, (await inventory.SaveAsync(cora, id, form)).Status);

        var changes = AuditTrail.ChangesOf((await inventory.HistoryAsync(id))[0]);
        Assert.Contains(new FieldChange(nameof(WorkflowForm.DepartmentId), "Marketing", "Finance"), changes);
        Assert.Contains(new FieldChange(nameof(WorkflowForm.ToolIds), "ChatGPT Enterprise", ""), changes);
        Assert.Contains(new FieldChange(nameof(WorkflowForm.DataClassificationId), "Internal", "Confidential"), changes);
        Assert.Equal(3, changes.Count);
    }

    [Fact]
    public async Task Two_people_editing_the_same_version_the_second_is_told_what_the_first_changed_and_nothing_of_theirs_is_saved()
    {
        var id = await CreateAsync(mia, NewForm());
        var loadedByMia = (await inventory.GetAsync(id))!;
        var loadedByCora = (await inventory.GetAsync(id))!;
        var coraOriginal = loadedByCora.Copy();

        loadedByMia.Oversight = HumanOversight.SpotCheck;
        loadedByMia.SpotCheckPercent = 20;
        Assert.Equal(SaveStatus.Saved, (await inventory.SaveAsync(mia, id, loadedByMia)).Status);

        loadedByCora.Name = "Cora's name for it";
        loadedByCora.ApprovingRole = "Head of support";
        var outcome = await inventory.SaveAsync(cora, id, loadedByCora, coraOriginal);

        Assert.Equal(SaveStatus.Conflict, outcome.Status);
        Assert.Equal("Mia Manager saved this workflow while you were editing it. Nothing of yours was saved yet.", outcome.Message);
        var conflict = outcome.Conflict!;
        Assert.Equal("Mia Manager", conflict.ChangedBy);
        Assert.NotNull(conflict.ChangedAt);
        Assert.Equal(2, conflict.CurrentVersion);
        Assert.Equal(
            [new FieldChange(nameof(WorkflowForm.Oversight), "Review before use", "Spot-check a sample"), new FieldChange(nameof(WorkflowForm.SpotCheckPercent), "", "20 %")],
            conflict.TheirChanges.OrderBy(c => c.Field));

        var stored = (await inventory.GetAsync(id))!;
        Assert.Equal("Draft replies to customer emails", stored.Name);
        Assert.Equal("Team lead", stored.ApprovingRole);
        Assert.Equal(HumanOversight.SpotCheck, stored.Oversight);
        Assert.Equal(2, stored.Version);
        Assert.Equal(2, (await inventory.HistoryAsync(id)).Count);
    }

    [Fact]
    public async Task After_a_conflict_the_second_person_reloads_and_saves_on_top_of_the_first_persons_changes()
    {
        var id = await CreateAsync(mia, NewForm());
        var loadedByMia = (await inventory.GetAsync(id))!;
        var loadedByCora = (await inventory.GetAsync(id))!;
        loadedByMia.MonthlyVolume = 500;
        await inventory.SaveAsync(mia, id, loadedByMia);
        loadedByCora.Name = "Renamed by Cora";
        Assert.Equal(SaveStatus.Conflict, (await inventory.SaveAsync(cora, id, loadedByCora)).Status);

        var reloaded = (await inventory.GetAsync(id))!;
        reloaded.Name = "Renamed by Cora";
        var outcome = await inventory.SaveAsync(cora, id, reloaded);

        Assert.Equal(SaveStatus.Saved, outcome.Status);
        Assert.Equal(3, outcome.Version);
        var stored = (await inventory.GetAsync(id))!;
        Assert.Equal(("Renamed by Cora", 500), (stored.Name, stored.MonthlyVolume));
    }

    // Retiring

    [Fact]
    public async Task A_retired_workflow_leaves_the_list_but_stays_on_record()
    {
        var id = await CreateAsync(mia, NewForm("Old chatbot"));
        await CreateAsync(mia, NewForm("Current chatbot"));

        var outcome = await inventory.RetireAsync(mia, id, version: 1);

        Assert.Equal(SaveStatus.Saved, outcome.Status);
        Assert.Equal(["Current chatbot"], Names(await inventory.ListAsync(new WorkflowListQuery())));
        Assert.Equal(1, (await inventory.ListAsync(new WorkflowListQuery())).Total);
        Assert.Equal(["Current chatbot", "Old chatbot"], Names(await inventory.ListAsync(new WorkflowListQuery(IncludeRetired: true))));
        Assert.Equal(["Old chatbot"], Names(await inventory.ListAsync(new WorkflowListQuery(Status: WorkflowStatus.Retired))));
        Assert.Equal(WorkflowStatus.Retired, (await inventory.GetAsync(id))!.Status);
    }

    [Fact]
    public async Task Retiring_is_recorded_as_retired_in_the_history()
    {
        var id = await CreateAsync(mia, NewForm());

        await inventory.RetireAsync(mia, id, version: 1);

        var entry = (await inventory.HistoryAsync(id))[0];
        Assert.Equal(AuditAction.Retired, entry.Action);
        Assert.Equal([new FieldChange("Status", "Draft", "Retired")], AuditTrail.ChangesOf(entry));
    }

    [Fact]
    public async Task Retiring_from_an_outdated_version_is_a_conflict_and_the_workflow_stays_active()
    {
        var id = await CreateAsync(mia, NewForm());
        var form = (await inventory.GetAsync(id))!;
        form.MonthlyVolume = 10;
        await inventory.SaveAsync(mia, id, form);

        var outcome = await inventory.RetireAsync(mia, id, version: 1);

        Assert.Equal(SaveStatus.Conflict, outcome.Status);
        Assert.Equal(WorkflowStatus.Draft, (await inventory.GetAsync(id))!.Status);
    }

    [Fact]
    public async Task A_manager_of_another_department_cannot_retire_a_workflow()
    {
        var id = await CreateAsync(mia, NewForm());

        Assert.Equal(SaveStatus.Forbidden, (await inventory.RetireAsync(fred, id, version: 1)).Status);
        Assert.Equal(WorkflowStatus.Draft, (await inventory.GetAsync(id))!.Status);
    }

    [Fact]
    public async Task A_workflow_whose_owner_has_left_can_still_be_retired()
    {
        var id = await CreateAsync(mia, NewForm());
        await using (var db = await test.DbAsync())
        {
            var owner = TestServices.UserId(mia);
            await db.Users.Where(u => u.Id == owner).ExecuteUpdateAsync(u => u.SetProperty(x => x.IsDisabled, true));
        }

        var outcome = await inventory.RetireAsync(cora, id, version: 1);

        Assert.True(outcome.Status == SaveStatus.Saved, string.Join(" | ", outcome.Errors?.All ?? []));
    }

    // Listing

    [Fact]
    public async Task Search_finds_names_containing_the_words_whatever_their_case()
    {
        await test.AddWorkflowsAsync([
            Row("Invoice triage", finance, internalLevel),
            Row("Summarise INVOICES for the board", finance, internalLevel),
            Row("Contract review", finance, internalLevel),
        ]);

        var page = await inventory.ListAsync(new WorkflowListQuery(Search: "  invoice "));

        Assert.Equal(["Invoice triage", "Summarise INVOICES for the board"], Names(page));
        Assert.Equal(2, page.Total);
    }

    [Fact]
    public async Task Search_also_finds_words_in_the_purpose()
    {
        await test.AddWorkflowsAsync([
            Row("Ticket routing", marketing, internalLevel, purpose: "Sorts incoming e-mails by topic"),
            Row("Copywriting", marketing, internalLevel, purpose: "Drafts ad copy"),
        ]);

        Assert.Equal(["Ticket routing"], Names(await inventory.ListAsync(new WorkflowListQuery(Search: "E-MAILS"))));
    }

    [Fact]
    public async Task Search_takes_percent_and_underscore_literally()
    {
        await test.AddWorkflowsAsync([
            Row("50% off banner", marketing, publicLevel),
            Row("500 offers", marketing, publicLevel),
            Row("file_name cleanup", marketing, publicLevel),
            Row("filename cleanup", marketing, publicLevel),
        ]);

        Assert.Equal(["50% off banner"], Names(await inventory.ListAsync(new WorkflowListQuery(Search: "50%"))));
        Assert.Equal(["file_name cleanup"], Names(await inventory.ListAsync(new WorkflowListQuery(Search: "e_n"))));
    }

    [Fact]
    public async Task Search_ignores_case_in_names_with_accented_letters()
    {
        await test.AddWorkflowsAsync([Row("Übersetzung der Verträge", marketing, internalLevel)]);

        Assert.Equal(["Übersetzung der Verträge"], Names(await inventory.ListAsync(new WorkflowListQuery(Search: "Übersetzung"))));
        Assert.Equal(["Übersetzung der Verträge"], Names(await inventory.ListAsync(new WorkflowListQuery(Search: "übersetzung"))));
    }

    [Fact]
    public async Task The_list_filters_by_department_status_stage_and_classification()
    {
        await test.AddWorkflowsAsync([
            Row("A", marketing, internalLevel, WorkflowStatus.Draft, LifecycleStage.Idea),
            Row("B", marketing, confidential, WorkflowStatus.Submitted, LifecycleStage.Pilot),
            Row("C", finance, confidential, WorkflowStatus.Approved, LifecycleStage.Production),
            Row("D", finance, internalLevel, WorkflowStatus.Submitted, LifecycleStage.Pilot),
        ]);

        Assert.Equal(["A", "B"], Names(await inventory.ListAsync(new WorkflowListQuery(DepartmentId: marketing))));
        Assert.Equal(["B", "D"], Names(await inventory.ListAsync(new WorkflowListQuery(Status: WorkflowStatus.Submitted))));
        Assert.Equal(["C"], Names(await inventory.ListAsync(new WorkflowListQuery(Stage: LifecycleStage.Production))));
        Assert.Equal(["B", "C"], Names(await inventory.ListAsync(new WorkflowListQuery(ClassificationId: confidential))));
        var combined = await inventory.ListAsync(new WorkflowListQuery(DepartmentId: finance, Status: WorkflowStatus.Submitted));
        Assert.Equal(["D"], Names(combined));
        Assert.Equal(1, combined.Total);
    }

    [Fact]
    public async Task The_list_sorts_by_name_either_way()
    {
        await test.AddWorkflowsAsync([Row("Beta", marketing, internalLevel), Row("Alpha", marketing, internalLevel), Row("Gamma", finance, internalLevel)]);

        Assert.Equal(["Alpha", "Beta", "Gamma"], Names(await inventory.ListAsync(new WorkflowListQuery(Sort: WorkflowSort.Name))));
        Assert.Equal(["Gamma", "Beta", "Alpha"], Names(await inventory.ListAsync(new WorkflowListQuery(Sort: WorkflowSort.Name, Descending: true))));
    }

    [Fact]
    public async Task Sorting_by_name_ignores_upper_and_lower_case()
    {
        await test.AddWorkflowsAsync([Row("beta", marketing, internalLevel), Row("Alpha", marketing, internalLevel), Row("Gamma", finance, internalLevel)]);

        Assert.Equal(["Alpha", "beta", "Gamma"], Names(await inventory.ListAsync(new WorkflowListQuery(Sort: WorkflowSort.Name))));
    }

    [Fact]
    public async Task Sorting_by_classification_follows_sensitivity_not_the_alphabet_and_then_the_name()
    {
        await test.AddWorkflowsAsync([
            Row("Press release", marketing, publicLevel),
            Row("Merger memo", finance, restricted),
            Row("Contracts", finance, confidential),
            Row("Announcements", marketing, internalLevel),
            Row("Board pack", finance, restricted),
        ]);

        var ascending = (await inventory.ListAsync(new WorkflowListQuery(Sort: WorkflowSort.Classification))).Items;
        var descending = (await inventory.ListAsync(new WorkflowListQuery(Sort: WorkflowSort.Classification, Descending: true))).Items;

        Assert.Equal(["Public", "Internal", "Confidential", "Restricted", "Restricted"], ascending.Select(i => i.Classification));
        Assert.Equal(["Press release", "Announcements", "Contracts", "Board pack", "Merger memo"], ascending.Select(i => i.Name));
        Assert.Equal([4, 4, 3, 2, 1], descending.Select(i => i.ClassificationRank));
        Assert.Equal(["Board pack", "Merger memo", "Contracts", "Announcements", "Press release"], descending.Select(i => i.Name));
    }

    [Fact]
    public async Task Paging_through_60_workflows_shows_each_once_with_the_full_total()
    {
        await test.AddWorkflowsAsync(Enumerable.Range(1, 60).Select(i => Row($"Workflow {i:00}", i % 2 == 0 ? marketing : finance, internalLevel)));

        var first = await inventory.ListAsync(new WorkflowListQuery(Skip: 0, Take: 25));
        var second = await inventory.ListAsync(new WorkflowListQuery(Skip: 25, Take: 25));
        var last = await inventory.ListAsync(new WorkflowListQuery(Skip: 50, Take: 25));

        Assert.Equal([60, 60, 60], new[] { first.Total, second.Total, last.Total });
        Assert.Equal([25, 25, 10], new[] { first.Items.Count, second.Items.Count, last.Items.Count });
        Assert.Equal("Workflow 01", first.Items[0].Name);
        Assert.Equal("Workflow 26", second.Items[0].Name);
        Assert.Equal("Workflow 60", last.Items[^1].Name);
        Assert.Equal(Enumerable.Range(1, 60).Select(i => $"Workflow {i:00}"), first.Items.Concat(second.Items).Concat(last.Items).Select(i => i.Name));
    }

    [Fact]
    public async Task Paging_a_filtered_list_counts_only_the_matching_workflows()
    {
        await test.AddWorkflowsAsync(Enumerable.Range(1, 60).Select(i => Row($"Workflow {i:00}", i % 3 == 0 ? marketing : finance, internalLevel)));

        var page = await inventory.ListAsync(new WorkflowListQuery(DepartmentId: marketing, Skip: 15, Take: 10));

        Assert.Equal(20, page.Total);
        Assert.Equal(["Workflow 48", "Workflow 51", "Workflow 54", "Workflow 57", "Workflow 60"], Names(page));
    }

    [Fact]
    public async Task Paging_past_the_end_shows_an_empty_page_with_the_total()
    {
        await test.AddWorkflowsAsync(Enumerable.Range(1, 60).Select(i => Row($"Workflow {i:00}", marketing, internalLevel)));

        var page = await inventory.ListAsync(new WorkflowListQuery(Skip: 60, Take: 25));

        Assert.Empty(page.Items);
        Assert.Equal(60, page.Total);
    }

    [Fact]
    public async Task Workflows_with_equal_names_page_in_a_stable_order()
    {
        await test.AddWorkflowsAsync(Enumerable.Range(1, 60).Select(_ => Row("Same name", marketing, internalLevel)));

        var pages = new List<int>();
        for (var skip = 0; skip < 60; skip += 7)
        {
            pages.AddRange((await inventory.ListAsync(new WorkflowListQuery(Sort: WorkflowSort.Department, Skip: skip, Take: 7))).Items.Select(i => i.Id));
        }

        Assert.Equal(60, pages.Distinct().Count());
    }
}
