namespace AiPolicyHub.Core.Reports;

/// <summary>
/// A report as data: what it says, not how it looks. Composed by a report's own code (usually with
/// <see cref="ReportBuilder"/>) and turned into a PDF or HTML by a renderer, so a report's content can be
/// tested without parsing a PDF and the same document can be previewed in the browser.
/// </summary>
public sealed record ReportDocument(ReportMetadata Metadata, IReadOnlyList<ReportBlock> Blocks);

/// <summary>
/// Who made the report, when, from what: printed on the cover and in the footer, and written to the
/// PDF's document information.
/// </summary>
/// <param name="Title">e.g. "AI risk register".</param>
/// <param name="Subject">One line on what the report covers; the PDF's subject.</param>
/// <param name="Author">The PDF's author, usually the organisation or the generating user.</param>
/// <param name="OrganisationName">Printed in every page header.</param>
/// <param name="ReportId">Identifies this generation of the report (e.g. "RPT-2026-000123").</param>
/// <param name="GeneratedAt">When the data was read.</param>
/// <param name="GeneratedBy">The user who asked for the report.</param>
/// <param name="FiltersText">The filters in words, e.g. "Department: Sales; Tier: high, critical"; "None" when unfiltered.</param>
/// <param name="Fingerprint">From <see cref="ReportFingerprint"/>: proof of the data the report was built from.</param>
public sealed record ReportMetadata(
    string Title,
    string Subject,
    string Author,
    string OrganisationName,
    string ReportId,
    DateTimeOffset GeneratedAt,
    string GeneratedBy,
    string FiltersText,
    string Fingerprint);
