using System.Globalization;
using AiPolicyHub.Core.ImportExport.Export;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Reports;
using AiPolicyHub.Core.Reports.Definitions;

namespace AiPolicyHub.Core.Compliance;

/// <summary>The Statement of Applicability as a report (PDF through the report pipeline) and as a workbook, with its data fingerprint.</summary>
public static class SoaReport
{
    public const string Title = "Statement of Applicability";
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>
    /// The fingerprint of what the statement shows: for a published version, its number, who, when, summary and content
    /// hash besides each control, so it never changes; for the working statement, the controls as they are now.
    /// </summary>
    public static ReportFingerprint Fingerprint(SoaEdition edition)
    {
        var fingerprint = new ReportFingerprint();
        if (edition.Version is { } v)
        {
            fingerprint.Add("soa-version", v.Number, v.PublishedAt, v.PublishedBy, v.ChangeSummary, v.ContentHash);
        }
        fingerprint.Add("soa-as-of", edition.Statement.AsOf, edition.Statement.Today);
        foreach (var c in edition.Statement.Controls)
        {
            fingerprint.Add("control", c.Code, c.Title, c.Applicable, c.Justification, c.Status, c.OwnerName, c.Coverage.State,
                c.Coverage.CurrentEvidence, c.Coverage.ExpiredEvidence, c.Coverage.OpenFindings);
            foreach (var r in c.Rules)
            {
                fingerprint.Add("control-rule", c.Code, r.RuleId, r.Enabled, r.OpenFindings);
            }
            foreach (var e in c.Evidence)
            {
                fingerprint.Add("control-evidence", c.Code, e.Id, e.Description, e.ProducedOn, e.ExpiresOn);
            }
        }
        return fingerprint;
    }

    public static string EditionText(SoaVersionInfo? version) =>
        version is { } v ? $"Version {v.Number}, published {v.PublishedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC by {v.PublishedBy}"
            : "Working statement (not published)";

    public static ReportDocument Build(ReportStamp stamp, SoaEdition edition)
    {
        var statement = edition.Statement;
        var summary = statement.Summary;
        var metadata = stamp.Metadata(Title, "ISO/IEC 42001 Annex A controls: applicability, implementation, owners and coverage",
            EditionText(edition.Version), Fingerprint(edition));
        var builder = new ReportBuilder(metadata)
            .Cover("ISO/IEC 42001:2023, clause 6.1.3 — the Annex A controls",
                new KeyValueItem("Edition", EditionText(edition.Version)),
                new KeyValueItem("Coverage as of", statement.Today.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)),
                new KeyValueItem("Applicable controls", $"{summary.Applicable} of {summary.Controls} ({summary.Excluded} excluded)"),
                new KeyValueItem("Evidenced", $"{summary.Evidenced} of {summary.Applicable} applicable controls ({summary.Percent} %)"))
            .TableOfContents()
            .Heading(1, "Summary");
        if (edition.Version is { } v)
        {
            builder.Facts(new KeyValueItem("What this version changed", v.ChangeSummary), new KeyValueItem("Content hash", v.ContentHash));
        }
        builder
            .BarChart("Controls by coverage",
                new Bar("Evidenced", summary.Evidenced, Tone.Low), new Bar("Open findings", summary.FindingsOpen, Tone.High),
                new Bar("Evidence expired", summary.EvidenceExpired, Tone.Medium), new Bar("No evidence", summary.NoEvidence, Tone.Medium),
                new Bar("Not applicable", summary.Excluded, Tone.Neutral))
            .Heading(2, "How coverage is computed")
            .Paragraph(SoaCoverage.HowComputed)
            .Heading(1, "All controls")
            .Table(null,
                [new TableColumn("Control", 0.8), new TableColumn("Title", 2.0), new TableColumn("Applies", 0.7), new TableColumn("Implementation", 1.5),
                 new TableColumn("Owner", 1.2), new TableColumn("Coverage", 1.2)],
                [.. statement.Controls.Select(c => new TableRow([c.Code, c.Title, c.Applicable ? "Yes" : "No", EnumText.Of(c.Status), c.OwnerName ?? "—",
                    EnumText.Of(c.Coverage.State)]))]);
        foreach (var group in statement.Controls.GroupBy(c => (c.GroupCode, c.GroupTitle)))
        {
            builder.Heading(1, $"{group.Key.GroupCode} {group.Key.GroupTitle}");
            foreach (var c in group)
            {
                builder.Heading(2, $"{c.Code} {c.Title}").Facts(
                    new KeyValueItem("Applicability", c.Applicable ? "Applicable" : "Not applicable"),
                    new KeyValueItem(c.Applicable ? "Why it is included" : "Why it is excluded", string.IsNullOrWhiteSpace(c.Justification) ? "Not recorded" : c.Justification),
                    new KeyValueItem("Implementation", EnumText.Of(c.Status) + (c.ClaimsMoreThanShown ? " — the inventory does not show it yet" : "")),
                    new KeyValueItem("Owner", c.OwnerName ?? "Not assigned"),
                    new KeyValueItem("Coverage", $"{EnumText.Of(c.Coverage.State)}: {c.Coverage.Explanation}"),
                    new KeyValueItem("Rules citing it", c.Rules.Count == 0 ? "None" : string.Join("\n", c.Rules.Select(RuleText))),
                    new KeyValueItem("Evidence", c.Evidence.Count == 0 ? "None attached" : string.Join("\n", c.Evidence.Select(e => EvidenceText(e, statement.Today)))),
                    new KeyValueItem("Records with open findings", RecordsText(c)));
            }
        }
        return builder.Build();
    }

    /// <summary>The statement as one worksheet (a row per control), then the report id, edition and data fingerprint below it.</summary>
    public static void WriteXlsx(Stream output, SoaEdition edition, ReportMetadata metadata)
    {
        string[] headers = ["Control", "Group", "Title", "Applicable", "Justification", "Implementation status", "Owner", "Coverage", "Coverage detail",
            "Rules citing it", "Open findings", "Current evidence", "Expired evidence", "Records with open findings"];
        using var writer = new XlsxTableWriter(output, headers, new HashSet<int> { 10, 11, 12 }, "Statement of Applicability");
        foreach (var c in edition.Statement.Controls)
        {
            writer.WriteRow([c.Code, $"{c.GroupCode} {c.GroupTitle}", c.Title, c.Applicable ? "Yes" : "No", c.Justification, EnumText.Of(c.Status),
                c.OwnerName ?? "", EnumText.Of(c.Coverage.State), c.Coverage.Explanation, string.Join("; ", c.Rules.Select(RuleText)),
                c.Coverage.OpenFindings.ToString(CultureInfo.InvariantCulture), c.Coverage.CurrentEvidence.ToString(CultureInfo.InvariantCulture),
                c.Coverage.ExpiredEvidence.ToString(CultureInfo.InvariantCulture), RecordsText(c)]);
        }
        var blank = new string[headers.Length];
        Array.Fill(blank, "");
        writer.WriteRow(blank);
        foreach (var (key, value) in new[]
                 {
                     ("Report ID", metadata.ReportId), ("Edition", metadata.FiltersText),
                     ("Generated", metadata.GeneratedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) + " by " + metadata.GeneratedBy),
                     ("Data fingerprint", metadata.Fingerprint), ("How coverage is computed", SoaCoverage.HowComputed),
                 })
        {
            var row = (string[])blank.Clone();
            row[0] = key;
            row[1] = value;
            writer.WriteRow(row);
        }
    }

    private static string RuleText(LinkedRule r) =>
        $"{r.Title}: " + (!r.Enabled ? "switched off" : r.OpenFindings == 0 ? "no open findings" : r.OpenFindings == 1 ? "1 open finding" : $"{r.OpenFindings:N0} open findings");

    private static string EvidenceText(ControlEvidence e, DateOnly today) =>
        $"{e.Description} (produced {e.ProducedOn:yyyy-MM-dd}; " + (e.ExpiresOn is not { } end ? "no expiry" : end < today ? $"expired {end:yyyy-MM-dd}" : $"valid until {end:yyyy-MM-dd}") + ")";

    private static string RecordsText(SoaControlRow c) =>
        c.RecordsTotal == 0 ? "None"
            : string.Join("\n", c.Records.Select(r => r.Name).Distinct()) + (c.RecordsTotal > c.Records.Count ? $"\n… {c.RecordsTotal:N0} findings in all" : "");
}
