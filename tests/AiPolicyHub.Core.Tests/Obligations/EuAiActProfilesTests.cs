using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Obligations;
using AiPolicyHub.Core.Rules;
using AiPolicyHub.Core.Rules.BuiltIn;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Tests.Obligations;

public sealed class EuAiActProfilesTests
{
    [Fact]
    public async Task A_workflow_recorded_before_the_field_is_a_deployers_and_its_obligations_change_on_the_day_a_date_passes()
    {
        var clock = new TestClock(new DateTimeOffset(2027, 12, 1, 23, 0, 0, TimeSpan.Zero));
        await using var test = await new TestServices(clock).InitializeAsync();
        var s = await ObligationScenario.StartAsync(test, clock);
        var id = await s.AddWorkflowAsync();

        var view = (await s.Profiles.ViewAsync(s.Officer, id))!;
        Assert.Equal(OperatorRole.Deployer, view.Profile.Role);

        await s.SetProfileAsync(id, view.Profile with { Area = HighRiskArea.CreditScoring });
        var before = (await s.Profiles.ViewAsync(s.Staff, id))!;
        Assert.True(before.Fria.Required);
        Assert.DoesNotContain(before.Obligations.InForce, o => o.Obligation.Code == "D-FRIA");
        Assert.Contains(before.Obligations.Coming, o => o.Obligation.Code == "D-FRIA" && o.Obligation.AppliesFrom == new DateOnly(2027, 12, 2));

        clock.Now = clock.Now.AddHours(1); // midnight: 2 December 2027
        var after = (await s.Profiles.ViewAsync(s.Staff, id))!;
        Assert.Contains(after.Obligations.InForce, o => o.Obligation.Code == "D-FRIA");
        Assert.Contains(after.Obligations.InForce, o => o.Obligation.Code == "D-MONITOR");
        Assert.Empty(after.Obligations.Coming);
    }

    [Fact]
    public async Task The_department_manager_and_compliance_change_it_others_cannot_and_the_change_is_in_the_workflows_history()
    {
        var clock = new TestClock();
        await using var test = await new TestServices(clock).InitializeAsync();
        var s = await ObligationScenario.StartAsync(test, clock);
        var id = await s.AddWorkflowAsync();
        var loaded = (await s.Profiles.ViewAsync(s.Manager, id))!.Profile;
        var changed = loaded with { Role = OperatorRole.Provider, TransparencyMeasure = "Every letter says it was drafted with AI." };

        Assert.Equal(SaveStatus.Forbidden, (await s.Profiles.SaveAsync(s.OtherManager, id, changed, loaded)).Status);
        Assert.Equal(SaveStatus.Forbidden, (await s.Profiles.SaveAsync(s.Staff, id, changed, loaded)).Status);
        Assert.False((await s.Profiles.ViewAsync(s.Staff, id))!.CanEdit);

        Assert.Equal(SaveStatus.Saved, (await s.Profiles.SaveAsync(s.Manager, id, changed, loaded)).Status);
        Assert.Equal(changed, (await s.Profiles.ViewAsync(s.Manager, id))!.Profile);
        var entry = (await test.Workflows.HistoryAsync(id))[0];
        Assert.Equal("Max Manager", entry.UserName);
        Assert.Contains(AuditTrail.ChangesOf(entry), c => c.Field == "EU AI Act role" && c.Before!.StartsWith("Deployer") && c.After!.StartsWith("Provider"));
    }

    [Fact]
    public async Task A_second_person_saving_from_the_same_start_is_told_and_overwrites_nothing()
    {
        var clock = new TestClock();
        await using var test = await new TestServices(clock).InitializeAsync();
        var s = await ObligationScenario.StartAsync(test, clock);
        var id = await s.AddWorkflowAsync();
        var loaded = (await s.Profiles.ViewAsync(s.Officer, id))!.Profile;

        Assert.Equal(SaveStatus.Saved, (await s.Profiles.SaveAsync(s.Manager, id, loaded with { Area = HighRiskArea.CreditScoring }, loaded)).Status);
        var second = await s.Profiles.SaveAsync(s.Officer, id, loaded with { Role = OperatorRole.Importer }, loaded);

        Assert.Equal(SaveStatus.Conflict, second.Status);
        var stored = (await s.Profiles.ViewAsync(s.Officer, id))!.Profile;
        Assert.Equal((OperatorRole.Deployer, HighRiskArea.CreditScoring), (stored.Role, stored.Area));
    }

    [Fact]
    public async Task A_too_short_transparency_measure_is_refused_with_a_message()
    {
        var clock = new TestClock();
        await using var test = await new TestServices(clock).InitializeAsync();
        var s = await ObligationScenario.StartAsync(test, clock);
        var id = await s.AddWorkflowAsync();
        var loaded = (await s.Profiles.ViewAsync(s.Officer, id))!.Profile;

        var outcome = await s.Profiles.SaveAsync(s.Officer, id, loaded with { TransparencyMeasure = "label" }, loaded);

        Assert.Equal(SaveStatus.Invalid, outcome.Status);
        Assert.Contains("at least 10 characters", Assert.Single(outcome.Errors!.For(nameof(EuAiActProfileForm.TransparencyMeasure))));
    }

    [Fact]
    public async Task Customer_facing_output_without_a_transparency_measure_is_a_finding_until_the_measure_is_recorded()
    {
        var clock = new TestClock();
        await using var test = await new TestServices(clock).InitializeAsync();
        var s = await ObligationScenario.StartAsync(test, clock);
        var id = await s.AddWorkflowAsync("Reply drafts", Audience.CustomerFacing);
        async Task<bool> FlaggedAsync() => (await test.Findings.PageAsync(new FindingsPageQuery(RuleId: TransparencyMeasureRule.RuleId)))
            .Items.Any(f => f.WorkflowId == id);

        Assert.True(await FlaggedAsync());
        // The list evaluates the same rule the same way as the page-wide evaluation.
        Assert.Contains(await test.Findings.ListAsync(new FindingsQuery(RuleId: TransparencyMeasureRule.RuleId)), f => f.WorkflowId == id);

        var loaded = (await s.Profiles.ViewAsync(s.Officer, id))!.Profile;
        await s.SetProfileAsync(id, loaded with { TransparencyMeasure = "Each reply ends with “Drafted with AI, checked by our staff”." });

        Assert.False(await FlaggedAsync());
    }
}
