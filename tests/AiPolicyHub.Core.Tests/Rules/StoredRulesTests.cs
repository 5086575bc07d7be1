using System.Security.Claims;
using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Rules;
using AiPolicyHub.Core.Rules.BuiltIn;
using AiPolicyHub.Core.Rules.Stored;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Tests.Rules;

/// <summary>Rule settings and exceptions as stored: who may change them, what is refused, and what the findings become.</summary>
public sealed class StoredRulesTests : IAsyncLifetime
{
    private readonly TestClock clock = new(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero));
    private TestServices test = null!;
    private ClaimsPrincipal admin = null!, compliance = null!, manager = null!;
    private int department, internalLevel, confidential, tool;

    public async Task InitializeAsync()
    {
        test = await new TestServices(clock).InitializeAsync();
        department = await test.AddDepartmentAsync("Support");
        admin = await test.CreateUserAsync("Ada Admin", Roles.Administrator);
        compliance = await test.CreateUserAsync("Cora Compliance", Roles.ComplianceOfficer);
        manager = await test.CreateUserAsync("Max Manager", Roles.Manager, department);
        internalLevel = await test.ClassificationIdAsync("Internal");
        confidential = await test.ClassificationIdAsync("Confidential");
        tool = (await test.Tools.SaveAsync(compliance, null, new ToolForm
        {
            Name = "Summarizer", Vendor = "Acme", MaxClassificationId = internalLevel, ApprovalStatus = ToolApprovalStatus.Approved,
        })).Id;
    }

    public async Task DisposeAsync() => await test.DisposeAsync();

    private async Task<int> AddWorkflowAsync(string name, int level, Autonomy autonomy = Autonomy.Draft, Audience audience = Audience.Internal,
        WorkflowStatus status = WorkflowStatus.Draft)
    {
        var saved = await test.Workflows.SaveAsync(compliance, null, new WorkflowForm
        {
            Name = name, Purpose = "Summaries.", DepartmentId = department, DataClassificationId = level, ToolIds = [tool],
            ApprovingRole = "Team lead", Autonomy = autonomy, Audience = audience,
            Status = status == WorkflowStatus.Approved ? WorkflowStatus.Submitted : status,
            Oversight = HumanOversight.ReviewBeforeUse,
        });
        Assert.Equal(SaveStatus.Saved, saved.Status);
        if (status == WorkflowStatus.Approved)
        {
            // Approved by someone other than its author (separation of duties).
            Assert.Equal(SaveStatus.Saved, (await test.Approvals.ApproveAsync(admin, saved.Id, saved.Version)).Status);
        }
        return saved.Id;
    }

    private async Task<IReadOnlyList<string>> RulesBrokenByAsync(string workflow) =>
        (await test.Findings.ListAsync(new FindingsQuery())).Where(f => f.WorkflowName == workflow).Select(f => f.Finding.RuleId).ToList();

    private static Dictionary<string, int> Values(params (string Key, int Value)[] values) => values.ToDictionary(v => v.Key, v => v.Value);

    [Fact]
    public async Task An_administrator_switching_a_rule_off_removes_its_findings_and_the_change_is_audited()
    {
        await AddWorkflowAsync("Board minutes", confidential);
        Assert.Contains(DataAboveToolLimitRule.RuleId, await RulesBrokenByAsync("Board minutes"));

        var result = await test.RuleSettings.SaveAsync(admin, DataAboveToolLimitRule.RuleId, enabled: false, Values(), version: 0);

        Assert.True(result.Succeeded, string.Join(" ", result.Errors));
        Assert.DoesNotContain(DataAboveToolLimitRule.RuleId, await RulesBrokenByAsync("Board minutes"));
        await using var db = await test.DbAsync();
        var entry = await db.AuditEntries.Where(e => e.EntityType == RuleSettingsStore.EntityType).SingleAsync();
        Assert.Equal("Ada Admin", entry.UserName);
        Assert.Equal(new FieldChange("Rule", "On", "Off"), Assert.Single(AuditTrail.ChangesOf(entry)));
        Assert.True((await test.Audit.VerifyAsync(db)).Intact);
    }

    [Fact]
    public async Task A_parameter_change_applies_to_the_findings_and_the_audit_names_the_levels()
    {
        await AddWorkflowAsync("Ticket triage bot", internalLevel, Autonomy.ActAutomatically);
        Assert.DoesNotContain(AutomationWithSensitiveDataRule.RuleId, await RulesBrokenByAsync("Ticket triage bot"));

        var result = await test.RuleSettings.SaveAsync(admin, AutomationWithSensitiveDataRule.RuleId, true,
            Values((AutomationWithSensitiveDataRule.MinimumRankKey, 2)), version: 0);

        Assert.True(result.Succeeded, string.Join(" ", result.Errors));
        Assert.Contains(AutomationWithSensitiveDataRule.RuleId, await RulesBrokenByAsync("Ticket triage bot"));
        var (rules, _) = await test.RuleSettings.ListAsync();
        var view = rules.Single(r => r.Rule.Id == AutomationWithSensitiveDataRule.RuleId);
        Assert.Equal(2, view.Values[AutomationWithSensitiveDataRule.MinimumRankKey]);
        Assert.Equal(1, view.Version);
        await using var db = await test.DbAsync();
        var entry = await db.AuditEntries.Where(e => e.EntityType == RuleSettingsStore.EntityType).SingleAsync();
        Assert.Equal(new FieldChange("Not with data from this level up", "Confidential", "Internal"), Assert.Single(AuditTrail.ChangesOf(entry)));
    }

    [Fact]
    public async Task Impossible_values_are_refused_with_the_reason_and_nothing_is_stored()
    {
        var tooHigh = await test.RuleSettings.SaveAsync(admin, SpotCheckRateRule.RuleId, true, Values((SpotCheckRateRule.MinimumPercentKey, 150)), 0);
        var noSuchLevel = await test.RuleSettings.SaveAsync(admin, AutomationWithSensitiveDataRule.RuleId, true,
            Values((AutomationWithSensitiveDataRule.MinimumRankKey, 9)), 0);
        var unknownKey = await test.RuleSettings.SaveAsync(admin, SpotCheckRateRule.RuleId, true, Values(("Colour", 1)), 0);
        var unknownRule = await test.RuleSettings.SaveAsync(admin, "no-such-rule", false, Values(), 0);

        Assert.StartsWith($"{new SpotCheckRateRule().Title}: ", Assert.Single(tooHigh.Errors));
        Assert.Single(noSuchLevel.Errors);
        Assert.Contains("there is no setting called “Colour”", Assert.Single(unknownKey.Errors));
        Assert.Equal("There is no such rule.", Assert.Single(unknownRule.Errors));
        await using var db = await test.DbAsync();
        Assert.Empty(await db.RuleSettings.ToListAsync());
        Assert.Empty(await db.AuditEntries.Where(e => e.EntityType == RuleSettingsStore.EntityType).ToListAsync());
    }

    [Fact]
    public async Task Only_an_administrator_changes_rules_and_a_stale_page_is_told_someone_else_changed_the_rule()
    {
        var byCompliance = await test.RuleSettings.SaveAsync(compliance, SpotCheckRateRule.RuleId, false, Values(), 0);
        Assert.Equal(RuleSettingsStore.NotAllowed, Assert.Single(byCompliance.Errors));

        Assert.True((await test.RuleSettings.SaveAsync(admin, SpotCheckRateRule.RuleId, false, Values(), 0)).Succeeded);
        var stale = await test.RuleSettings.SaveAsync(admin, SpotCheckRateRule.RuleId, true, Values(), 0);

        Assert.Contains("Someone else changed", Assert.Single(stale.Errors));
        var (rules, _) = await test.RuleSettings.ListAsync();
        Assert.False(rules.Single(r => r.Rule.Id == SpotCheckRateRule.RuleId).Enabled);
    }

    [Fact]
    public async Task An_exception_hides_the_finding_up_to_and_including_its_end_date_and_it_counts_again_the_day_after()
    {
        var workflow = await AddWorkflowAsync("Board minutes", confidential);
        var endsOn = DateOnly.FromDateTime(clock.Now.UtcDateTime).AddDays(30);

        var granted = await test.Exceptions.GrantAsync(compliance, workflow, DataAboveToolLimitRule.RuleId,
            "The vendor's agreement for Confidential data is being signed; minutes are redacted meanwhile.", endsOn);

        Assert.True(granted.Succeeded, string.Join(" ", granted.Errors));
        Assert.DoesNotContain(DataAboveToolLimitRule.RuleId, await RulesBrokenByAsync("Board minutes"));
        clock.AddDays(30);
        Assert.DoesNotContain(DataAboveToolLimitRule.RuleId, await RulesBrokenByAsync("Board minutes"));
        clock.AddDays(1);
        Assert.Contains(DataAboveToolLimitRule.RuleId, await RulesBrokenByAsync("Board minutes"));
        var listed = Assert.Single(await test.Exceptions.ForWorkflowAsync(workflow));
        Assert.False(listed.IsActive);
        var history = await test.Workflows.HistoryAsync(workflow);
        var change = Assert.Single(AuditTrail.ChangesOf(history[0]));
        Assert.Equal($"Exception to “{new DataAboveToolLimitRule().Title}”", change.Field);
        Assert.StartsWith($"Granted until {endsOn:yyyy-MM-dd}", change.After);
        Assert.Equal("Cora Compliance", history[0].UserName);
    }

    [Fact]
    public async Task Revoking_an_exception_brings_the_finding_back_and_is_recorded()
    {
        var workflow = await AddWorkflowAsync("Board minutes", confidential);
        await test.Exceptions.GrantAsync(compliance, workflow, DataAboveToolLimitRule.RuleId,
            "Redacted minutes only, until the vendor agreement is signed.", DateOnly.FromDateTime(clock.Now.UtcDateTime).AddDays(10));
        var exception = Assert.Single(await test.Exceptions.ForWorkflowAsync(workflow));

        var revoked = await test.Exceptions.RevokeAsync(compliance, exception.Id);
        var again = await test.Exceptions.RevokeAsync(compliance, exception.Id);

        Assert.True(revoked.Succeeded);
        Assert.Contains("revoked this exception already", Assert.Single(again.Errors));
        Assert.Contains(DataAboveToolLimitRule.RuleId, await RulesBrokenByAsync("Board minutes"));
        var history = await test.Workflows.HistoryAsync(workflow);
        Assert.Equal("Revoked", Assert.Single(AuditTrail.ChangesOf(history[0])).After);
        Assert.Equal("Cora Compliance", Assert.Single(await test.Exceptions.ForWorkflowAsync(workflow)).RevokedBy);
    }

    [Fact]
    public async Task A_grant_is_refused_with_reasons_for_managers_short_justifications_past_or_distant_dates_and_duplicates()
    {
        var workflow = await AddWorkflowAsync("Board minutes", confidential);
        var today = DateOnly.FromDateTime(clock.Now.UtcDateTime);
        const string why = "Redacted minutes only, until the vendor agreement is signed.";

        var byManager = await test.Exceptions.GrantAsync(manager, workflow, DataAboveToolLimitRule.RuleId, why, today.AddDays(5));
        var vague = await test.Exceptions.GrantAsync(compliance, workflow, DataAboveToolLimitRule.RuleId, "needed", today.AddDays(5));
        var past = await test.Exceptions.GrantAsync(compliance, workflow, DataAboveToolLimitRule.RuleId, why, today.AddDays(-1));
        var tooLong = await test.Exceptions.GrantAsync(compliance, workflow, DataAboveToolLimitRule.RuleId, why, today.AddDays(RuleExceptions.MaximumDays + 1));
        var empty = await test.Exceptions.GrantAsync(compliance, workflow, "", "", null);
        var endsToday = await test.Exceptions.GrantAsync(compliance, workflow, DataAboveToolLimitRule.RuleId, why, today);
        var duplicate = await test.Exceptions.GrantAsync(compliance, workflow, DataAboveToolLimitRule.RuleId, why, today.AddDays(5));

        Assert.Equal(RuleExceptions.NotAllowed, Assert.Single(byManager.Errors));
        Assert.Contains("at least 20 characters", Assert.Single(vague.Errors));
        Assert.Contains("in the past", Assert.Single(past.Errors));
        Assert.Contains("at most a year", Assert.Single(tooLong.Errors));
        Assert.Equal(3, empty.Errors.Count);
        Assert.True(endsToday.Succeeded);
        Assert.Contains("already has an exception", Assert.Single(duplicate.Errors));
        Assert.Single(await test.Exceptions.ForWorkflowAsync(workflow));
    }

    [Fact]
    public async Task The_checker_names_an_approved_workflow_about_the_task_that_already_covers_the_tool_data_and_audience()
    {
        var covering = await AddWorkflowAsync("Support reply drafts", internalLevel, audience: Audience.CustomerFacing, status: WorkflowStatus.Approved);
        await AddWorkflowAsync("Draft customer replies", internalLevel, audience: Audience.CustomerFacing, status: WorkflowStatus.Draft);
        await AddWorkflowAsync("Invoice summaries", internalLevel, audience: Audience.CustomerFacing, status: WorkflowStatus.Approved);

        var covered = await test.Advisor.AskAsync(new UsageQuestion(tool, UsageTask.AnsweringCustomers, internalLevel, DataCategories.None,
            Audience.CustomerFacing, false));
        var moreSensitive = await test.Advisor.AskAsync(new UsageQuestion(tool, UsageTask.AnsweringCustomers, confidential, DataCategories.None,
            Audience.CustomerFacing, false));
        var wider = await test.Advisor.AskAsync(new UsageQuestion(tool, UsageTask.CreatingMarketingContent, internalLevel, DataCategories.None,
            Audience.Public, false));

        var workflow = Assert.Single(covered.Value!.Covering);
        Assert.Equal((covering, "Support reply drafts", "Support"), (workflow.Id, workflow.Name, workflow.Department));
        Assert.Equal(["Summarizer"], workflow.Tools);
        Assert.Empty(moreSensitive.Value!.Covering);
        Assert.Empty(wider.Value!.Covering);
    }

    [Fact]
    public async Task A_task_described_in_free_text_is_answered_and_its_words_find_a_covering_workflow()
    {
        await AddWorkflowAsync("Supplier contract summaries", internalLevel, status: WorkflowStatus.Approved);
        var blank = await test.Advisor.AskAsync(new UsageQuestion(tool, UsageTask.Other, internalLevel, DataCategories.None, Audience.Internal, false, " "));
        var described = await test.Advisor.AskAsync(new UsageQuestion(tool, UsageTask.Other, internalLevel, DataCategories.None, Audience.Internal, false,
            "summarise supplier contracts"));

        Assert.Equal("Describe the task in a few words, or pick the closest one from the list.", Assert.Single(blank.Errors));
        Assert.True(described.Succeeded);
        Assert.Equal("Supplier contract summaries", Assert.Single(described.Value!.Covering).Name);
    }

    [Fact]
    public async Task The_checker_follows_the_rule_settings()
    {
        var question = new UsageQuestion(tool, UsageTask.Summarising, confidential, DataCategories.None, Audience.Internal, false);
        Assert.Equal(Verdict.NotAllowed, (await test.Advisor.AskAsync(question)).Value!.Answer.Verdict);

        await test.RuleSettings.SaveAsync(admin, DataAboveToolLimitRule.RuleId, false, Values(), 0);

        Assert.NotEqual(Verdict.NotAllowed, (await test.Advisor.AskAsync(question)).Value!.Answer.Verdict);
    }
}
