using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Obligations;
using AiPolicyHub.Core.Rules;
using AiPolicyHub.Core.Rules.BuiltIn;

namespace AiPolicyHub.Core.Tests.Obligations;

public sealed class FriaRegisterTests
{
    [Fact]
    public async Task Each_save_is_a_new_version_with_who_and_when_and_the_earlier_one_is_kept()
    {
        var clock = new TestClock();
        await using var test = await new TestServices(clock).InitializeAsync();
        var s = await ObligationScenario.StartAsync(test, clock);
        var id = await s.AddWorkflowAsync();

        Assert.Equal(1, (await s.Frias.SaveAsync(s.Manager, id, ObligationScenario.CompleteFria(), basedOnVersion: 0)).Version);
        clock.AddDays(3);
        Assert.Equal(2, (await s.Frias.SaveAsync(s.Officer, id, ObligationScenario.CompleteFria("Pre-screens applications; officers decide every case."), 1)).Version);

        var view = (await s.Frias.ViewAsync(s.Staff, id))!;
        Assert.Equal([2, 1], view.Versions.Select(v => v.Version));
        Assert.Equal(("Cora Compliance", clock.Now.UtcDateTime), (view.Latest!.SavedByName, view.Latest.SavedAt));
        Assert.Equal("Max Manager", view.Versions[1].SavedByName);
        Assert.StartsWith("Pre-screens every consumer loan", view.Versions[1].ProcessDescription);
        Assert.Equal("https://intranet.example.org/dpia/loan-scoring", view.Latest.DpiaReference);
        var change = AuditTrail.ChangesOf((await test.Workflows.HistoryAsync(id))[0]);
        Assert.Contains(change, c => c.Field == "Fundamental rights impact assessment" && c.Before == "Version 1" && c.After == "Version 2");
        Assert.Contains(change, c => c.Field == "FRIA (a) How our processes use the system");
    }

    [Fact]
    public async Task An_incomplete_assessment_a_stale_version_and_someone_outside_the_department_are_refused()
    {
        var clock = new TestClock();
        await using var test = await new TestServices(clock).InitializeAsync();
        var s = await ObligationScenario.StartAsync(test, clock);
        var id = await s.AddWorkflowAsync();
        var incomplete = ObligationScenario.CompleteFria();
        incomplete.RisksOfHarm = "";

        var invalid = await s.Frias.SaveAsync(s.Officer, id, incomplete, 0);
        Assert.Equal(SaveStatus.Invalid, invalid.Status);
        Assert.Equal("(d) The risks of harm to them: write at least 10 characters.", Assert.Single(invalid.Errors!.All));
        Assert.Equal(SaveStatus.Forbidden, (await s.Frias.SaveAsync(s.OtherManager, id, ObligationScenario.CompleteFria(), 0)).Status);

        Assert.Equal(SaveStatus.Saved, (await s.Frias.SaveAsync(s.Manager, id, ObligationScenario.CompleteFria(), 0)).Status);
        Assert.Equal(SaveStatus.Conflict, (await s.Frias.SaveAsync(s.Officer, id, ObligationScenario.CompleteFria(), 0)).Status);
        Assert.Single((await s.Frias.ViewAsync(s.Officer, id))!.Versions);
    }

    [Fact]
    public async Task The_notice_to_the_authority_is_recorded_on_the_version_it_reported()
    {
        var clock = new TestClock();
        await using var test = await new TestServices(clock).InitializeAsync();
        var s = await ObligationScenario.StartAsync(test, clock);
        var id = await s.AddWorkflowAsync();
        await s.Frias.SaveAsync(s.Officer, id, ObligationScenario.CompleteFria(), 0);

        var future = await s.Frias.RecordAuthorityNoticeAsync(s.Officer, id, 1, new DateOnly(2026, 12, 24), "MSA-2026-118");
        Assert.Equal("That date is in the future.", Assert.Single(future.Errors!.All));
        Assert.Equal(SaveStatus.Saved, (await s.Frias.RecordAuthorityNoticeAsync(s.Officer, id, 1, new DateOnly(2026, 11, 30), "MSA-2026-118")).Status);

        var latest = (await s.Frias.ViewAsync(s.Officer, id))!.Latest!;
        Assert.Equal((new DateOnly(2026, 11, 30), "MSA-2026-118", "Cora Compliance"), (latest.AuthorityNotifiedOn, latest.AuthorityReference, latest.AuthorityRecordedByName));
    }

    [Fact]
    public async Task A_credit_scoring_deployer_without_an_assessment_has_a_finding_that_the_first_version_clears()
    {
        var clock = new TestClock();
        await using var test = await new TestServices(clock).InitializeAsync();
        var s = await ObligationScenario.StartAsync(test, clock);
        var id = await s.AddWorkflowAsync();
        async Task<RuleFinding?> FindingAsync() => (await test.Findings.ListAsync(new FindingsQuery(RuleId: FriaMissingRule.RuleId)))
            .SingleOrDefault(f => f.WorkflowId == id)?.Finding;

        Assert.Null(await FindingAsync()); // no high-risk area recorded yet
        var profile = (await s.Profiles.ViewAsync(s.Officer, id))!.Profile;
        await s.SetProfileAsync(id, profile with { Area = HighRiskArea.CreditScoring });
        Assert.Contains("credit", (await FindingAsync())!.Explanation);
        Assert.Contains((await test.Findings.PageAsync(new FindingsPageQuery(RuleId: FriaMissingRule.RuleId))).Items, f => f.WorkflowId == id);

        await s.Frias.SaveAsync(s.Manager, id, ObligationScenario.CompleteFria(), 0);

        Assert.Null(await FindingAsync());
        Assert.DoesNotContain((await test.Findings.PageAsync(new FindingsPageQuery(RuleId: FriaMissingRule.RuleId))).Items, f => f.WorkflowId == id);
    }

    [Fact]
    public async Task An_employment_workflow_needs_one_once_the_organisation_is_set_as_a_public_body()
    {
        var clock = new TestClock();
        await using var test = await new TestServices(clock).InitializeAsync();
        var s = await ObligationScenario.StartAsync(test, clock);
        var id = await s.AddWorkflowAsync("CV ranking");
        var profile = (await s.Profiles.ViewAsync(s.Officer, id))!.Profile;
        await s.SetProfileAsync(id, profile with { Area = HighRiskArea.Employment });
        Assert.False((await s.Profiles.ViewAsync(s.Officer, id))!.Fria.Required);

        var rule = (await test.RuleSettings.ListAsync()).Rules.Single(r => r.Rule.Id == FriaMissingRule.RuleId);
        Assert.True((await test.RuleSettings.SaveAsync(s.Admin, FriaMissingRule.RuleId, true,
            new Dictionary<string, int> { [FriaMissingRule.PublicBodyKey] = 1 }, rule.Version)).Succeeded);

        var view = (await s.Profiles.ViewAsync(s.Officer, id))!;
        Assert.True(view.OrganisationIsPublicBody);
        Assert.True(view.Fria.Required);
        Assert.Contains(await test.Findings.ListAsync(new FindingsQuery(RuleId: FriaMissingRule.RuleId)), f => f.WorkflowId == id);
    }
}
