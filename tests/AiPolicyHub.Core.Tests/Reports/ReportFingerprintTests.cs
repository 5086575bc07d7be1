using AiPolicyHub.Core.Reports;

namespace AiPolicyHub.Core.Tests.Reports;

public class ReportFingerprintTests
{
    [Fact]
    public void The_same_data_in_any_order_gives_the_same_fingerprint()
    {
        var a = new ReportFingerprint().Add("workflow", 1, "Triage", 12.5).Add("workflow", 2, "Drafts", true).Compute();
        var b = new ReportFingerprint().Add("workflow", 2, "Drafts", true).Add("workflow", 1, "Triage", 12.5).Compute();

        Assert.Equal(a, b);
        Assert.Matches("^sha256:[0-9a-f]{64}$", a);
    }

    [Fact]
    public void A_changed_value_changes_the_fingerprint() =>
        Assert.NotEqual(new ReportFingerprint().Add("workflow", 1, "Triage").Compute(), new ReportFingerprint().Add("workflow", 1, "Triage ").Compute());

    [Fact]
    public void Null_an_escaped_backslash_N_and_separators_inside_values_stay_distinct()
    {
        Assert.NotEqual(new ReportFingerprint().Add((object?)null).Compute(), new ReportFingerprint().Add(@"\N").Compute());
        Assert.NotEqual(new ReportFingerprint().Add("a\tb").Compute(), new ReportFingerprint().Add("a", "b").Compute());
    }

    [Fact]
    public void The_canonical_text_is_versioned_and_culture_free() =>
        Assert.Equal("aipolicyhub-report-fingerprint-v1\nx\t1.5\t2026-11-22\t2026-11-22T08:00:00.0000000+00:00\tMedium\n",
            new ReportFingerprint().Add("x", 1.5m, new DateOnly(2026, 11, 22), new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.FromHours(1)), Tone.Medium).CanonicalText());
}
