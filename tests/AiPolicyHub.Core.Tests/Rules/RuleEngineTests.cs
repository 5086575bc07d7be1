using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Rules;
using AiPolicyHub.Core.Rules.BuiltIn;
using static AiPolicyHub.Core.Tests.Rules.RuleTestData;

namespace AiPolicyHub.Core.Tests.Rules;

public class RuleEngineTests
{
    /// <summary>Breaks the data limit (rank 4 to a Confidential tool) and nothing else.</summary>
    private static RuleSubject OverTheLimit() => Compliant().WithRank(4);

    private static bool Flagged(RuleSubject subject, params GrantedException[] exceptions) =>
        Evaluate(subject, exceptions: exceptions).Any(f => f.RuleId == DataAboveToolLimitRule.RuleId);

    [Fact]
    public void An_exception_expiring_today_is_still_valid() =>
        Assert.False(Flagged(OverTheLimit(), new GrantedException(DataAboveToolLimitRule.RuleId, Today)));

    [Fact]
    public void An_exception_that_expired_yesterday_no_longer_suppresses_the_finding() =>
        Assert.True(Flagged(OverTheLimit(), new GrantedException(DataAboveToolLimitRule.RuleId, Today.AddDays(-1))));

    [Fact]
    public void An_exception_for_another_rule_does_not_suppress_the_finding() =>
        Assert.True(Flagged(OverTheLimit(), new GrantedException(ToolNotApprovedRule.RuleId, Today.AddYears(1))));

    [Fact]
    public void An_exception_suppresses_only_its_own_rule()
    {
        var subject = OverTheLimit() with { HasOwner = false };

        var findings = Evaluate(subject, exceptions: [new GrantedException(DataAboveToolLimitRule.RuleId, Today)]);

        Assert.Equal([ProductionOwnershipRule.RuleId], findings.Select(f => f.RuleId));
    }

    [Fact]
    public void A_disabled_rule_finds_nothing() =>
        Assert.Empty(Evaluate(OverTheLimit(), RuleSettings.Default.Disable(DataAboveToolLimitRule.RuleId)));

    [Fact]
    public void A_disabled_rule_can_be_enabled_again_with_its_parameters_kept()
    {
        var settings = RuleSettings.Default
            .WithParameter(ProductionOwnershipRule.RuleId, ProductionOwnershipRule.GraceDaysKey, 5)
            .Disable(ProductionOwnershipRule.RuleId)
            .Enable(ProductionOwnershipRule.RuleId);

        Assert.Equal(5, settings.ParametersFor(BuiltInRules.Find(ProductionOwnershipRule.RuleId)!)[ProductionOwnershipRule.GraceDaysKey]);
        Assert.Contains(new RuleEngine(settings).EnabledRules, r => r.Id == ProductionOwnershipRule.RuleId);
    }

    [Theory]
    [InlineData(WorkflowStatus.Retired, LifecycleStage.Production)]
    [InlineData(WorkflowStatus.Approved, LifecycleStage.Retired)]
    public void A_retired_workflow_is_no_longer_in_use_so_no_rule_applies(WorkflowStatus status, LifecycleStage stage) =>
        Assert.Empty(Evaluate(OverTheLimit() with { Status = status, Stage = stage, IsPaused = true }));

    [Fact]
    public void Findings_come_in_registry_order_and_carry_the_rules_title_severity_and_references()
    {
        var subject = OverTheLimit() with
        {
            HasOwner = false,
            Tools = [Assistant() with { ApprovalStatus = ToolApprovalStatus.Prohibited, IsPaused = true }],
        };

        var findings = Evaluate(subject);

        Assert.Equal([DataAboveToolLimitRule.RuleId, ToolNotApprovedRule.RuleId, ProductionOwnershipRule.RuleId, PausedInUseRule.RuleId],
            findings.Select(f => f.RuleId));
        var rule = BuiltInRules.Find(PausedInUseRule.RuleId)!;
        Assert.Equal((rule.Title, rule.Severity, rule.References), (findings[^1].Title, findings[^1].Severity, findings[^1].References));
    }

    [Fact]
    public void The_same_input_gives_the_same_findings() =>
        Assert.Equal(Evaluate(OverTheLimit() with { HasOwner = false }), Evaluate(OverTheLimit() with { HasOwner = false }));

    [Fact]
    public void Findings_can_be_collected_into_one_reused_list()
    {
        var findings = new List<RuleFinding>();

        var first = RuleEngine.Default.EvaluateInto(OverTheLimit(), [], Today, findings);
        var second = RuleEngine.Default.EvaluateInto(OverTheLimit() with { HasOwner = false }, [], Today, findings);

        Assert.Equal((1, 2, 3), (first, second, findings.Count));
    }

    [Fact]
    public void Impossible_settings_are_refused_with_every_message_naming_its_rule()
    {
        var settings = RuleSettings.Default
            .WithParameter(ProductionOwnershipRule.RuleId, ProductionOwnershipRule.GraceDaysKey, -3)
            .WithParameter(SpotCheckRateRule.RuleId, SpotCheckRateRule.MinimumPercentKey, 0);

        var result = RuleEngine.Create(settings);

        Assert.False(result.Succeeded);
        Assert.Equal(
        [
            "Production workflow without an owner or a current review: The grace period must be between 0 and 365.",
            "Too few outputs spot-checked: The minimum sample must be between 1 and 100.",
        ], result.Errors);
        Assert.Throws<ArgumentException>(() => new RuleEngine(settings));
    }

    [Fact]
    public void A_setting_the_rule_does_not_have_is_refused() =>
        Assert.Equal(["Tool not approved: there is no setting called “Strictness”."],
            RuleSettings.Default.WithParameter(ToolNotApprovedRule.RuleId, "Strictness", 3).Validate());

    [Fact]
    public void Settings_left_behind_by_a_removed_rule_are_ignored() =>
        Assert.True(RuleEngine.Create(RuleSettings.Default.WithParameter("a-rule-that-was-removed", "Level", 1)).Succeeded);

    [Fact]
    public void A_threshold_level_must_exist_in_the_organisations_own_scale()
    {
        var twoLevels = RuleSettings.Default with
        {
            Scale = new ClassificationScale([new(1, "Open"), new(2, "Closed")]),
        };

        Assert.Equal(["Full automation with sensitive data: The level must be one of the classification levels (Open to Closed).",
                "Agent acting alone on sensitive data: The level must be one of the classification levels (Open to Closed)."],
            twoLevels.Validate());
        Assert.Empty(twoLevels.WithParameter(AutomationWithSensitiveDataRule.RuleId, AutomationWithSensitiveDataRule.MinimumRankKey, 2)
            .WithParameter(Core.Rules.BuiltIn.AgentActsAloneOnSensitiveDataRule.RuleId, Core.Rules.BuiltIn.AgentActsAloneOnSensitiveDataRule.MinimumRankKey, 2)
            .Validate());
    }

    [Fact]
    public void Two_rules_with_the_same_id_are_refused() =>
        Assert.Throws<ArgumentException>(() => new RuleEngine(RuleSettings.Default, [new PausedInUseRule(), new PausedInUseRule()]));

    [Fact]
    public void An_engine_can_run_a_chosen_list_of_rules()
    {
        var engine = new RuleEngine(RuleSettings.Default, [new PausedInUseRule()]);

        Assert.Empty(engine.Evaluate(OverTheLimit(), Today));
        Assert.Single(engine.Evaluate(OverTheLimit() with { IsPaused = true }, Today));
    }
}
