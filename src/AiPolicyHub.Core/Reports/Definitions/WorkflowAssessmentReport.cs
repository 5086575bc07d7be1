using System.Globalization;
using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Risk;
using AiPolicyHub.Core.Rules;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Reports.Definitions;

/// <summary>
/// One workflow on paper: every field, its tools and their terms, the risk explained factor by factor, the rule
/// results, the suggested EU AI Act category and its history from the audit trail.
/// </summary>
public static class WorkflowAssessmentReport
{
    /// <summary>The sheet, or null when the workflow does not exist.</summary>
    public static async Task<ReportDocument?> BuildAsync(AppDbContext db, RuleSettings settings, ReportStamp stamp, int workflowId,
        CancellationToken cancellationToken = default)
    {
        var workflow = await db.Workflows.AsNoTracking()
            .Include(w => w.Department).Include(w => w.DataClassification).Include(w => w.Tools).ThenInclude(t => t.Tool!).ThenInclude(t => t.MaxClassification)
            .FirstOrDefaultAsync(w => w.Id == workflowId, cancellationToken);
        if (workflow is null)
        {
            return null;
        }
        var owner = workflow.OwnerId is null ? null
            : await db.Users.Where(u => u.Id == workflow.OwnerId).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken);
        var tools = workflow.Tools.Select(t => t.Tool!).OrderBy(t => t.Name, StringComparer.CurrentCultureIgnoreCase).ToList();
        var subject = RuleSubject.From(workflow, [.. tools.Select(RuleTool.From)]);
        var assessment = RiskAssessor.Assess(subject, settings.Scale);
        var exceptions = await db.RuleExceptions.AsNoTracking().Where(e => e.WorkflowId == workflowId && e.RevokedAt == null).ToListAsync(cancellationToken);
        var engine = new RuleEngine(settings);
        var expired = await Evidence.EvidenceExpiries.ExpiredByWorkflowAsync(db, stamp.Today, db.Workflows.Where(w => w.Id == workflowId).Select(w => w.Id), cancellationToken);
        var findings = engine.Evaluate(subject with { Evidence = [.. expired[workflowId]] }, [.. exceptions.Select(e => e.ToGranted())], stamp.Today);
        var euAiAct = EuAiActClassifier.Suggest(subject);
        var history = await AuditTrail.HistoryAsync(db, WorkflowInventory.EntityType, workflowId.ToString(CultureInfo.InvariantCulture), cancellationToken);

        var fingerprint = new ReportFingerprint()
            .Add("workflow", workflow.Id, workflow.Name, workflow.Department!.Name, owner, workflow.Purpose, workflow.Stage, workflow.Status,
                workflow.Autonomy, workflow.Audience, workflow.AffectsPeople, workflow.DataClassification!.Name, workflow.DataCategories,
                workflow.Oversight, workflow.SpotCheckPercent, workflow.ApprovingRole, workflow.Controls, workflow.MonthlyVolume,
                workflow.ReviewCadenceMonths, workflow.NextReviewDate, workflow.Version);
        foreach (var t in tools)
        {
            fingerprint.Add("tool", t.Id, t.Name, t.Vendor, t.ApprovalStatus, t.MaxClassification!.Name, t.TrainsOnOurData, t.RetentionDays, t.HasDataProcessingAgreement, t.PausedReason);
        }
        foreach (var e in exceptions)
        {
            fingerprint.Add("exception", e.Id, e.RuleId, e.ExpiresOn);
        }
        foreach (var h in history)
        {
            fingerprint.Add("audit", h.Id, h.Hash);
        }
        var pauses = await db.Pauses.AsNoTracking().Where(p => p.WorkflowId == workflowId && p.State == Incidents.PauseState.Active)
            .OrderBy(p => p.Id).Select(p => new { p.Reason, p.TriggerId, p.PausedByName, p.PausedAt }).ToListAsync(cancellationToken);

        var metadata = stamp.Metadata(ReportKinds.Title(ReportKind.WorkflowAssessment), $"Assessment of the workflow “{workflow.Name}”",
            $"Workflow #{workflow.Id}", fingerprint);
        var builder = new ReportBuilder(metadata)
            .Heading(1, workflow.Name)
            .Facts(
                new KeyValueItem("Risk tier (residual)", $"{EnumText.Of(assessment.Tier)} — score {assessment.Residual.Score} (likelihood {assessment.Residual.Likelihood} × impact {assessment.Residual.Impact})"),
                new KeyValueItem("Status", EnumText.Of(workflow.Status)),
                new KeyValueItem("Open findings", findings.Count.ToString(CultureInfo.InvariantCulture)),
                new KeyValueItem("EU AI Act (suggested)", EnumText.Of(euAiAct.Category)))
            .Add(metadata.GenerationFacts());
        if (workflow.Status == WorkflowStatus.Paused)
        {
            var why = pauses.Count == 0 ? "" : " " + string.Join(" ", pauses.Select(p =>
                $"{p.Reason.Trim().TrimEnd('.')} (paused by {p.PausedByName} on {p.PausedAt:yyyy-MM-dd}{(p.TriggerId is null ? "" : $", risk trigger “{Incidents.RiskTriggerSettings.TitleOf(p.TriggerId)}”")})."));
            builder.Callout(CalloutKind.Danger, "Do not use — paused", TextSpan.Plain(
                "This workflow is paused: it must not be used until its restart conditions are met and a compliance officer signs off its restart." + why));
        }
        builder.Heading(2, "The workflow")
            .Facts(
                new KeyValueItem("Department", workflow.Department.Name),
                new KeyValueItem("Owner", owner ?? "No owner"),
                new KeyValueItem("Purpose", Or(workflow.Purpose, "Not described")),
                new KeyValueItem("Lifecycle stage", EnumText.Of(workflow.Stage)),
                new KeyValueItem("Autonomy", EnumText.Of(workflow.Autonomy)),
                new KeyValueItem("Audience of the output", EnumText.Of(workflow.Audience)),
                new KeyValueItem("Affects people's rights", workflow.AffectsPeople == PeopleImpact.None ? "No" : EnumText.Of(workflow.AffectsPeople)),
                new KeyValueItem("Data classification", workflow.DataClassification.Name),
                new KeyValueItem("Data categories", workflow.DataCategories == DataCategories.None ? "None recorded" : EnumText.Of(workflow.DataCategories)),
                new KeyValueItem("Human oversight", EnumText.Of(workflow.Oversight) + (workflow.SpotCheckPercent is { } p ? $" ({p} % of outputs)" : "")),
                new KeyValueItem("Approving role", Or(workflow.ApprovingRole, "None named")),
                new KeyValueItem("Verification controls", workflow.Controls == VerificationControls.None ? "None" : EnumText.Of(workflow.Controls)),
                new KeyValueItem("Monthly volume", workflow.MonthlyVolume?.ToString("N0", CultureInfo.InvariantCulture) ?? "Unknown"),
                new KeyValueItem("Review", $"Every {workflow.ReviewCadenceMonths} months; next {(workflow.NextReviewDate is { } d ? RiskRegisterReport.Date(d) : "not scheduled")}"))
            .Heading(2, "Tools and their terms");
        if (tools.Count == 0)
        {
            builder.Paragraph("No AI tool is recorded for this workflow.");
        }
        else
        {
            builder.Table(null, [new TableColumn("Tool", 1.6), new TableColumn("Status", 1.3), new TableColumn("Highest data", 1.1), new TableColumn("Vendor terms", 3.5)],
                [.. tools.Select(t => new TableRow([$"{t.Name}\n{t.Vendor}", EnumText.Of(t.ApprovalStatus) + (t.PausedReason is null ? "" : " (paused)"), t.MaxClassification!.Name, ToolRegisterReport.Terms(t)]))]);
        }
        builder.Heading(2, "Risk, explained")
            .Paragraph($"Before its controls the workflow sits at likelihood {assessment.Inherent.Likelihood} × impact {assessment.Inherent.Impact} (score {assessment.Inherent.Score}); after them at {assessment.Residual.Likelihood} × {assessment.Residual.Impact} (score {assessment.Residual.Score}), which is tier {EnumText.Of(assessment.Tier)}.")
            .Heading(3, "What raises the risk")
            .Bullets(assessment.Factors.Count == 0 ? ["Nothing beyond the baseline."] : assessment.Factors.Select(f => f.Describe()))
            .Heading(3, "Controls that lower it")
            .Bullets(assessment.Controls.Count == 0 ? ["No control is recorded."] : assessment.Controls.Select(f => f.Describe()));
        var categories = assessment.Categories.Where(c => c.Net > 0).OrderByDescending(c => c.Net).ToList();
        if (categories.Count > 0)
        {
            builder.Paragraph("Risk categories concerned: " + string.Join(", ", categories.Select(c => EnumText.Of(c.Category))) + ".");
        }
        if (assessment.WouldLower.Count > 0)
        {
            builder.Heading(3, "What would lower it").Bullets(assessment.WouldLower);
        }
        builder.Heading(2, "Rule results");
        if (findings.Count == 0)
        {
            builder.Paragraph($"The workflow keeps all {engine.WorkflowRules.Count} rules in force.");
        }
        else
        {
            builder.Table(null, [new TableColumn("Severity", 0.9), new TableColumn("Rule", 1.6), new TableColumn("Why, and what to change", 5)],
                [.. findings.Select(f => new TableRow([EnumText.Of(f.Severity), f.Title, f.Text]))]);
        }
        var active = exceptions.Where(e => e.IsActiveOn(stamp.Today)).ToList();
        if (active.Count > 0)
        {
            builder.Heading(3, "Exceptions in force")
                .Bullets(active.Select(e => $"{BuiltInRules.Find(e.RuleId)?.Title ?? e.RuleId}, until {RiskRegisterReport.Date(e.ExpiresOn)} (granted by {e.GrantedByName}): {e.Justification}"));
        }
        builder.Heading(2, "EU AI Act")
            .Facts(new KeyValueItem("Suggested category", EnumText.Of(euAiAct.Category)), new KeyValueItem("Reason", euAiAct.Reason),
                new KeyValueItem("Articles", euAiAct.Articles.Count == 0 ? "None" : string.Join(", ", euAiAct.Articles)))
            .Paragraph(TextSpan.Italic("A suggestion to start the assessment from, not legal advice; a compliance officer confirms or overrides it."))
            .Heading(2, "Approval and review history");
        if (history.Count == 0)
        {
            builder.Paragraph("The audit trail has no entries for this workflow.");
        }
        else
        {
            builder.Table(null, [new TableColumn("When (UTC)", 1.3), new TableColumn("Who", 1.3), new TableColumn("What", 1), new TableColumn("Changes", 4.5)],
                [.. history.Select(h => new TableRow([h.At.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), h.UserName, h.Action.ToString(),
                    string.Join("\n", AuditTrail.ChangesOf(h).Select(c => $"{AuditFields.Label(c.Field)}: {c.Before ?? "–"} → {c.After ?? "–"}"))]))]);
        }
        return builder.Build();
    }

    private static string Or(string text, string otherwise) => string.IsNullOrWhiteSpace(text) ? otherwise : text;
}
