using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Risk;
using AiPolicyHub.Core.Rules;
using static AiPolicyHub.Core.Tests.Rules.RuleTestData;

namespace AiPolicyHub.Core.Tests.Risk;

public class RiskAssessorTests
{
    private static RiskAssessment Assess(RuleSubject subject, RiskThresholds? thresholds = null) =>
        RiskAssessor.Assess(subject, ClassificationScale.Default, thresholds);

    /// <summary>Internal data drafted for the team, no controls: the baseline each factor is compared with.</summary>
    private static RuleSubject Bare() => Compliant() with { Oversight = HumanOversight.None, Controls = VerificationControls.None };

    public static TheoryData<string, Func<RuleSubject, RuleSubject>, int, int> Factors => new()
    {
        { "Confidential data", s => s.WithRank(3), 0, 1 },
        { "Restricted data", s => s.WithRank(4), 0, 2 },
        { "special-category personal data", s => s with { DataCategories = DataCategories.SpecialCategoryData }, 0, 1 },
        { "credentials", s => s with { DataCategories = DataCategories.Credentials }, 0, 1 },
        { "output reaches customers", s => s with { Audience = Audience.CustomerFacing }, 0, 1 },
        { "output is published", s => s with { Audience = Audience.Public }, 0, 2 },
        { "decides about people", s => s with { AffectsPeople = PeopleImpact.Hiring }, 0, 2 },
        { "recommends decisions", s => s with { Autonomy = Autonomy.RecommendDecision }, 1, 0 },
        { "acts automatically", s => s with { Autonomy = Autonomy.ActAutomatically }, 2, 0 },
        { "1,000 uses a month", s => s with { MonthlyVolume = 1_000 }, 1, 0 },
        { "10,000 uses a month", s => s with { MonthlyVolume = 10_000 }, 2, 0 },
        { "unapproved tool", s => s with { Tools = [Assistant() with { ApprovalStatus = ToolApprovalStatus.Proposed }] }, 1, 0 },
        { "vendor trains", s => s with { Tools = [Assistant() with { TrainsOnOurData = VendorTraining.Yes }] }, 1, 0 },
        { "personal data without agreement", s => s with { DataCategories = DataCategories.PersonalData, Tools = [Assistant() with { HasDataProcessingAgreement = false }] }, 1, 0 },
        { "AI writes code", s => s with { DataCategories = DataCategories.SourceCode, Tools = [Assistant() with { Capabilities = ToolCapabilities.Code }] }, 1, 0 },
    };

    [Theory]
    [MemberData(nameof(Factors))]
    public void Each_risk_factor_raises_likelihood_or_impact_by_its_documented_steps_and_says_why(string factor, Func<RuleSubject, RuleSubject> add,
        int likelihood, int impact)
    {
        var before = Assess(Bare());
        var after = Assess(add(Bare()));

        Assert.Equal(before.Inherent.Likelihood + likelihood, after.Inherent.Likelihood);
        Assert.Equal(before.Inherent.Impact + impact, after.Inherent.Impact);
        Assert.True(after.Residual.Score > before.Residual.Score, factor);
        Assert.Contains(after.Factors, f => !before.Factors.Contains(f));
    }

    public static TheoryData<string, Func<RuleSubject, RuleSubject>, int, int> Controls => new()
    {
        { "spot-check", s => s with { Oversight = HumanOversight.SpotCheck, SpotCheckPercent = 10 }, -1, 0 },
        { "review before use", s => s with { Oversight = HumanOversight.ReviewBeforeUse }, -2, 0 },
        { "approval before release", s => s with { Oversight = HumanOversight.ApprovalBeforeRelease }, -2, 0 },
        { "two-person approval", s => s with { Oversight = HumanOversight.TwoPersonApproval }, -2, -1 },
        { "fact-check", s => s with { Controls = VerificationControls.FactCheck }, -1, 0 },
        { "independent validation", s => s with { Controls = VerificationControls.IndependentValidation }, -1, 0 },
        { "code review", s => s with { Controls = VerificationControls.CodeReview }, -1, 0 },
        { "bias testing", s => s with { Controls = VerificationControls.BiasTesting }, 0, -1 },
        { "provenance logging", s => s with { Controls = VerificationControls.ProvenanceLogging }, 0, -1 },
    };

    [Theory]
    [MemberData(nameof(Controls))]
    public void Each_control_lowers_the_residual_risk_by_its_documented_steps_and_never_the_inherent(string control, Func<RuleSubject, RuleSubject> add,
        int likelihood, int impact)
    {
        // A risky workflow, so every control has something to lower: automated hiring advice with source code, published.
        var risky = Bare() with
        {
            Autonomy = Autonomy.ActAutomatically, AffectsPeople = PeopleImpact.Hiring, Audience = Audience.CustomerFacing, MonthlyVolume = 1_000,
            DataCategories = DataCategories.SourceCode,
        };
        var before = Assess(risky);
        var after = Assess(add(risky));

        Assert.Equal(before.Inherent, after.Inherent);
        Assert.Equal(before.Residual.Likelihood + likelihood, after.Residual.Likelihood);
        Assert.Equal(before.Residual.Impact + impact, after.Residual.Impact);
        Assert.True(after.Residual.Score < before.Residual.Score, control);
    }

    [Fact]
    public void The_breakdown_reads_as_steps_with_their_reasons()
    {
        var assessment = Assess(Bare() with { Audience = Audience.CustomerFacing, Oversight = HumanOversight.ApprovalBeforeRelease });

        Assert.Contains("+1 impact: output reaches customers", assessment.Factors.Select(f => f.Describe()));
        Assert.Contains("−2 likelihood: a person approves the output before release", assessment.Controls.Select(f => f.Describe()));
    }

    [Theory]
    [InlineData(4, RiskTier.Low)]
    [InlineData(5, RiskTier.Medium)]
    [InlineData(9, RiskTier.Medium)]
    [InlineData(10, RiskTier.High)]
    [InlineData(16, RiskTier.High)]
    [InlineData(17, RiskTier.Critical)]
    [InlineData(25, RiskTier.Critical)]
    public void Tiers_change_exactly_at_their_thresholds(int score, RiskTier tier) => Assert.Equal(tier, RiskThresholds.Default.TierOf(score));

    [Fact]
    public void Thresholds_set_by_the_administrator_decide_the_tier_and_impossible_ones_are_refused()
    {
        var workflow = Bare().WithRank(3) with { Audience = Audience.CustomerFacing }; // 1 × 4

        Assert.Equal(RiskTier.Low, Assess(workflow).Tier);
        Assert.Equal(RiskTier.Medium, Assess(workflow, new RiskThresholds(Medium: 4)).Tier);
        Assert.NotEmpty(new RiskThresholds(Medium: 10, High: 10, Critical: 20).Validate());
        Assert.NotEmpty(new RiskThresholds(Medium: 1).Validate());
        Assert.NotEmpty(new RiskThresholds(Critical: 30).Validate());
        Assert.Empty(RiskThresholds.Default.Validate());
    }

    [Fact]
    public void Scores_stay_on_the_five_by_five_grid_however_many_factors_stack_up()
    {
        var worst = Bare().WithRank(4) with
        {
            Autonomy = Autonomy.ActAutomatically, Audience = Audience.Public, AffectsPeople = PeopleImpact.Lending, MonthlyVolume = 50_000,
            DataCategories = DataCategories.SpecialCategoryData | DataCategories.Credentials | DataCategories.SourceCode,
            Tools = [new RuleTool("Shady", ToolApprovalStatus.Prohibited, 1, "Public", VendorTraining.Yes, false, ToolCapabilities.Code)],
        };

        var assessment = Assess(worst);

        Assert.Equal(new RiskPoint(5, 5), assessment.Inherent);
        Assert.Equal(RiskTier.Critical, assessment.Tier);
    }

    [Fact]
    public void What_would_lower_the_risk_is_computed_and_the_biggest_reduction_comes_first()
    {
        // Internal data (impact 2) reaching customers (3), acting automatically (likelihood 3): score 9.
        var assessment = Assess(Bare() with { Autonomy = Autonomy.ActAutomatically, Audience = Audience.CustomerFacing });

        Assert.Equal(9, assessment.Residual.Score);
        Assert.Contains("Have a person review every output before it is used: score 9 → 3 (low).", assessment.WouldLower);
        Assert.Equal("Require two people to approve each output: score 9 → 2 (low).", assessment.WouldLower[0]);
        var scores = assessment.WouldLower.Select(s => int.Parse(System.Text.RegularExpressions.Regex.Match(s, @"→ (\d+)").Groups[1].Value)).ToList();
        Assert.Equal(scores.Order(), scores);
        Assert.All(scores, score => Assert.True(score < 9));
    }

    [Fact]
    public void Categories_show_where_the_risk_comes_from()
    {
        var assessment = Assess(Bare() with { AffectsPeople = PeopleImpact.Hiring, Controls = VerificationControls.BiasTesting });

        var bias = assessment.Categories.Single(c => c.Category == RiskCategory.Bias);
        Assert.Equal((2, 1, 1), (bias.Raised, bias.Lowered, bias.Net));
    }
}
