using AiPolicyHub.Core.Compliance;

namespace AiPolicyHub.Core.Tests.Compliance;

public sealed class SoaCoverageTests
{
    private static readonly DateOnly Today = new(2026, 12, 1);
    private static readonly LinkedRule Quiet = new("tool-not-approved", "Unapproved tools", true, 0);
    private static readonly LinkedRule Breaking = new("data-above-tool-limit", "Data above a tool's clearance", true, 3);
    private static ControlEvidence Evidence(DateOnly? expires, DateOnly? produced = null) => new(1, "Supplier review", produced ?? Today.AddDays(-30), expires);

    [Fact]
    public void An_applicable_control_with_current_evidence_and_quiet_rules_is_evidenced()
    {
        var coverage = SoaCoverage.Of(true, [Quiet], [Evidence(Today.AddDays(90))], Today);

        Assert.Equal(CoverageState.Evidenced, coverage.State);
        Assert.Equal(1, coverage.CurrentEvidence);
    }

    [Fact]
    public void Open_findings_under_a_citing_rule_win_over_current_evidence()
    {
        var coverage = SoaCoverage.Of(true, [Quiet, Breaking], [Evidence(null)], Today);

        Assert.Equal(CoverageState.FindingsOpen, coverage.State);
        Assert.Equal(3, coverage.OpenFindings);
        Assert.Contains("Data above a tool's clearance", coverage.Explanation);
    }

    [Fact]
    public void A_rule_switched_off_does_not_count_its_findings()
    {
        var coverage = SoaCoverage.Of(true, [Breaking with { Enabled = false }], [Evidence(null)], Today);

        Assert.Equal(CoverageState.Evidenced, coverage.State);
    }

    [Fact]
    public void Evidence_counts_on_its_expiry_day_and_not_the_day_after()
    {
        Assert.Equal(CoverageState.Evidenced, SoaCoverage.Of(true, [], [Evidence(Today)], Today).State);
        Assert.Equal(CoverageState.EvidenceExpired, SoaCoverage.Of(true, [], [Evidence(Today.AddDays(-1))], Today).State);
    }

    [Fact]
    public void Evidence_produced_after_today_is_not_current_yet()
    {
        Assert.Equal(CoverageState.NoEvidence, SoaCoverage.Of(true, [Quiet], [Evidence(null, Today.AddDays(1))], Today).State);
    }

    [Fact]
    public void Without_evidence_an_applicable_control_is_not_covered_even_when_its_rules_find_nothing()
    {
        Assert.Equal(CoverageState.NoEvidence, SoaCoverage.Of(true, [Quiet], [], Today).State);
    }

    [Fact]
    public void An_excluded_control_is_not_applicable_and_left_out_of_the_percentage()
    {
        var excluded = SoaCoverage.Of(false, [Breaking], [], Today);
        var summary = SoaCoverage.Summarise([excluded, SoaCoverage.Of(true, [], [Evidence(null)], Today), SoaCoverage.Of(true, [], [], Today)]);

        Assert.Equal(CoverageState.NotApplicable, excluded.State);
        Assert.Equal((3, 2, 1, 1, 50), (summary.Controls, summary.Applicable, summary.Excluded, summary.Evidenced, summary.Percent));
    }
}
