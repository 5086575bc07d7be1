using System.Globalization;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Risk;
using AiPolicyHub.Core.Rules;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Reports.Definitions;

/// <summary>
/// The AI risk register for the board and auditors: a summary (tiers, statuses, heat map, highest risks), every
/// workflow in use ordered by residual risk, open findings, exceptions in force, overdue reviews and paused workflows.
/// Risk comes from the values stored on each workflow (see <see cref="RiskIndex"/>), as on the dashboard.
/// </summary>
public static class RiskRegisterReport
{
    public const string RegisterHeading = "All workflows by residual risk";
    public const string FindingsHeading = "Open findings";
    public const string AgentsHeading = "AI agents by residual risk";
    public const int HighestCount = 10;

    /// <summary>Above this many pages the reports page warns and suggests a filter before building the register.</summary>
    public const int LargePages = 300;

    // Measured: 100,000 workflows built a 27,480-page register (the list, findings and exceptions grow with the workflows);
    // the summary, heat map and highest risks take about three pages whatever the size.
    private const double PagesPerWorkflow = 0.2748;
    private const int FixedPages = 3;

    /// <summary>About how many pages the register has for <paramref name="workflows"/> workflows.</summary>
    public static int EstimatedPages(int workflows) => FixedPages + (int)Math.Ceiling(workflows * PagesPerWorkflow);

    /// <summary>The workflows the register lists with these filters (retired ones never).</summary>
    public static IQueryable<Workflow> Filtered(AppDbContext db, ReportFilters filters)
    {
        var query = db.Workflows.AsNoTracking().Where(w => w.Status != WorkflowStatus.Retired);
        if (filters.DepartmentId is { } department)
        {
            query = query.Where(w => w.DepartmentId == department);
        }
        if (filters.Tier is { } tier)
        {
            query = query.Where(w => w.RiskTier == tier && w.RiskLikelihood > 0);
        }
        if (filters.Status is { } status)
        {
            query = query.Where(w => w.Status == status);
        }
        return query;
    }

    private sealed record Row(
        int Id, string Name, string Department, string? Owner, WorkflowStatus Status, RiskTier Tier, int Score, int Likelihood, int Impact,
        string Classification, HumanOversight Oversight, DateOnly? NextReview)
    {
        public bool Assessed => Likelihood > 0;
    }

    public static async Task<ReportDocument> BuildAsync(AppDbContext db, RuleSettings rules, ReportStamp stamp, ReportFilters filters,
        CancellationToken cancellationToken = default)
    {
        var query = Filtered(db, filters);
        var rows = await (from w in query
                          join owner in db.Users on w.OwnerId equals owner.Id into owners
                          from owner in owners.DefaultIfEmpty()
                          select new Row(w.Id, w.Name, w.Department!.Name, owner != null ? owner.DisplayName : null, w.Status, w.RiskTier,
                              w.RiskScore, w.RiskLikelihood, w.RiskImpact, w.DataClassification!.Name, w.Oversight, w.NextReviewDate))
            .ToListAsync(cancellationToken);
        // Ordered here: SQLite compares names by their bytes, and the register is read by people.
        rows = [.. rows.OrderByDescending(r => r.Score).ThenBy(r => r.Name, StringComparer.CurrentCultureIgnoreCase).ThenBy(r => r.Id)];

        var findings = await FindingsOfAsync(db, rules, query, stamp.Today, cancellationToken);
        var ids = query.Select(w => w.Id);
        var exceptions = await (from e in db.RuleExceptions.AsNoTracking()
                                where e.RevokedAt == null && e.ExpiresOn >= stamp.Today && ids.Contains(e.WorkflowId)
                                join w in db.Workflows on e.WorkflowId equals w.Id
                                select new { e.Id, e.WorkflowId, Workflow = w.Name, e.RuleId, e.Justification, e.ExpiresOn, e.GrantedByName })
            .ToListAsync(cancellationToken);
        var departmentName = filters.DepartmentId is { } d
            ? await db.Departments.Where(x => x.Id == d).Select(x => x.Name).FirstOrDefaultAsync(cancellationToken) ?? $"#{d}"
            : null;

        // The agents in scope, judged as on their own page (Agents.AgentRegister): same department, tier and status filters.
        var thresholds = await RiskSettings.ThresholdsAsync(db, cancellationToken);
        var engine = new RuleEngine(rules);
        var agents = (await Agents.AgentRegister.AssessAsync(db, engine, thresholds, stamp.Today, filters.DepartmentId, cancellationToken))
            .Where(a => (filters.Tier is null || a.Tier == filters.Tier) && (filters.Status is null || a.Status == filters.Status)).ToList();

        var acknowledgement = await Policies.PolicyAcknowledgements.RateAsync(db, cancellationToken);
        var acknowledgementByDepartment = acknowledgement is null ? []
            : await Policies.PolicyAcknowledgements.ByDepartmentAsync(db, acknowledgement.VersionNumber, cancellationToken);

        var fingerprint = new ReportFingerprint()
            .Add("filters", filters.DepartmentId, filters.Tier, filters.Status);
        if (acknowledgement is not null)
        {
            fingerprint.Add("policy-acknowledgement", acknowledgement.VersionNumber, acknowledgement.Acknowledged, acknowledgement.People);
            foreach (var rate in acknowledgementByDepartment)
            {
                fingerprint.Add("policy-acknowledgement-department", rate.Department, rate.Acknowledged, rate.People);
            }
        }
        foreach (var r in rows)
        {
            fingerprint.Add("workflow", r.Id, r.Name, r.Department, r.Owner, r.Status, r.Tier, r.Score, r.Likelihood, r.Impact,
                r.Classification, r.Oversight, r.NextReview);
        }
        foreach (var f in findings)
        {
            fingerprint.Add("finding", f.WorkflowId, f.Finding.RuleId, f.Finding.Severity, f.Finding.Text);
        }
        foreach (var e in exceptions)
        {
            fingerprint.Add("exception", e.Id, e.WorkflowId, e.RuleId, e.ExpiresOn, e.Justification);
        }
        foreach (var a in agents)
        {
            fingerprint.Add("agent", a.Id, a.Name, a.Department, a.Status, a.Tier, a.Risk.Likelihood, a.Risk.Impact);
            foreach (var f in a.Findings)
            {
                fingerprint.Add("agent-finding", a.Id, f.RuleId, f.Severity, f.Text);
            }
        }

        // Why each paused workflow is paused, and the incidents of the workflows in scope (open ones, and those of the last year).
        var pauseReasons = (await db.Pauses.AsNoTracking()
                .Where(p => p.State == Incidents.PauseState.Active && ids.Contains(p.WorkflowId!.Value))
                .Select(p => new { WorkflowId = p.WorkflowId!.Value, p.Id, p.Reason, p.TriggerId }).ToListAsync(cancellationToken))
            .OrderBy(p => p.Id).ToList();
        var since = stamp.Today.AddYears(-1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var incidents = (await (from i in db.Incidents.AsNoTracking()
                                where (i.WorkflowId != null && ids.Contains(i.WorkflowId.Value))
                                      || (i.ToolId != null && filters.DepartmentId == null && filters.Tier == null && filters.Status == null)
                                where i.Status == Incidents.IncidentStatus.Reported || i.Status == Incidents.IncidentStatus.Investigating || i.ReportedAt >= since
                                join w in db.Workflows on i.WorkflowId equals w.Id into ws
                                from w in ws.DefaultIfEmpty()
                                join t in db.Tools on i.ToolId equals t.Id into ts
                                from t in ts.DefaultIfEmpty()
                                select new { i.Id, i.Title, Subject = w != null ? w.Name : "Tool: " + t!.Name, i.Severity, i.Category, i.Status, i.OccurredAt })
                .ToListAsync(cancellationToken))
            .OrderByDescending(i => i.Severity).ThenByDescending(i => i.OccurredAt).ThenBy(i => i.Id).ToList();
        foreach (var p in pauseReasons)
        {
            fingerprint.Add("pause", p.Id, p.WorkflowId, p.Reason, p.TriggerId);
        }
        foreach (var i in incidents)
        {
            fingerprint.Add("incident", i.Id, i.Title, i.Subject, i.Severity, i.Category, i.Status, i.OccurredAt);
        }
        var reasonsByWorkflow = pauseReasons.GroupBy(p => p.WorkflowId).ToDictionary(g => g.Key, g => string.Join("; ", g.Select(p =>
            p.TriggerId is null ? p.Reason : $"{p.Reason} (risk trigger “{Incidents.RiskTriggerSettings.TitleOf(p.TriggerId)}”)")));

        var filtersText = FiltersText(filters, departmentName);
        var metadata = stamp.Metadata(ReportKinds.Title(ReportKind.RiskRegister), "Every AI workflow in use with its residual risk, findings and exceptions",
            filtersText, fingerprint);

        var assessed = rows.Where(r => r.Assessed).ToList();
        var overdue = rows.Where(r => r.NextReview is { } next && next < stamp.Today).OrderBy(r => r.NextReview).ThenBy(r => r.Name, StringComparer.CurrentCultureIgnoreCase).ToList();
        var paused = rows.Where(r => r.Status == WorkflowStatus.Paused).ToList();
        var heat = new int[RiskPoint.Maximum, RiskPoint.Maximum];
        foreach (var r in assessed)
        {
            heat[r.Likelihood - 1, r.Impact - 1]++;
        }

        var builder = new ReportBuilder(metadata)
            .Cover("Every AI workflow in use, ordered by residual risk",
                new KeyValueItem("Workflows", Count(rows.Count)),
                new KeyValueItem("High or critical", Count(assessed.Count(r => r.Tier >= RiskTier.High))),
                new KeyValueItem("Open findings", Count(findings.Count)),
                new KeyValueItem("AI agents", Count(agents.Count)))
            .TableOfContents()
            .Heading(1, "Executive summary")
            .Paragraph(
                TextSpan.Plain("The register covers "), TextSpan.Bold($"{Count(rows.Count)} workflows"),
                TextSpan.Plain($" that use AI and are not retired ({filtersText}). Risk is residual: after the workflow's own controls. "),
                TextSpan.Plain($"Open rule findings: {Count(findings.Count)}. Exceptions in force: {Count(exceptions.Count)}. "),
                TextSpan.Plain($"Overdue reviews: {Count(overdue.Count)}. Paused workflows: {Count(paused.Count)}. "),
                TextSpan.Plain($"AI agents in scope: {Count(agents.Count)}, of which {Count(agents.Count(a => a.Findings.Count > 0))} with findings and {Count(agents.Count(a => a.Status == WorkflowStatus.Paused))} paused."));
        if (assessed.Count(r => r.Tier == RiskTier.Critical) is > 0 and var critical)
        {
            builder.Callout(CalloutKind.Danger, "Critical risks",
                TextSpan.Plain($"Workflows with critical residual risk: {Count(critical)}. Each needs a decision by compliance before further use."));
        }
        builder
            .BarChart("Workflows by risk tier", [.. Enum.GetValues<RiskTier>().Select(t => new Bar(EnumText.Of(t), assessed.Count(r => r.Tier == t), ToneOf(t)))])
            .Table("Workflows by status", [new TableColumn("Status", 2), new TableColumn("Workflows", 1, ColumnAlignment.Right)],
                [.. Enum.GetValues<WorkflowStatus>().Where(s => s != WorkflowStatus.Retired)
                    .Select(s => new TableRow([EnumText.Of(s), Count(rows.Count(r => r.Status == s))]))])
            .HeatMap("Workflows by likelihood and impact (residual)", heat)
            .Heading(2, "Highest residual risks")
            .Table(null, [new TableColumn("Workflow", 3), new TableColumn("Department", 1.6), new TableColumn("Tier", 1), new TableColumn("Score", 0.9, ColumnAlignment.Right), new TableColumn("Status", 1.1)],
                [.. assessed.Take(HighestCount).Select(r => new TableRow([r.Name, r.Department, EnumText.Of(r.Tier), ScoreText(r), EnumText.Of(r.Status)]))])
            .Heading(1, RegisterHeading)
            .Paragraph("Every workflow in scope, highest residual risk first. Score is likelihood × impact on 1–5 scales (L×I); “Not assessed” means the risk has not been computed yet.")
            .Table(null,
                [new TableColumn("#", 0.8, ColumnAlignment.Right), new TableColumn("Workflow", 2.4), new TableColumn("Department", 1.55), new TableColumn("Status", 1.25),
                 new TableColumn("Tier", 1), new TableColumn("Score", 0.9, ColumnAlignment.Right), new TableColumn("Data", 1.4), new TableColumn("Oversight", 1.3)],
                [.. rows.Select((r, i) => new TableRow([Count(i + 1), r.Name, r.Department, EnumText.Of(r.Status), r.Assessed ? EnumText.Of(r.Tier) : "Not assessed",
                    ScoreText(r), r.Classification, EnumText.Of(r.Oversight)]))]);

        // Each list starts a page, so the register's last page holds only the register.
        builder.PageBreak().Heading(1, FindingsHeading);
        if (findings.Count == 0)
        {
            builder.Paragraph("No workflow in scope breaks an enabled rule (exceptions in force are taken into account).");
        }
        else
        {
            builder.Table(null, [new TableColumn("Severity", 0.9), new TableColumn("Workflow", 1.8), new TableColumn("Rule", 1.6), new TableColumn("Why, and what to change", 4)],
                [.. findings.Select(f => new TableRow([EnumText.Of(f.Finding.Severity), f.WorkflowName, f.Finding.Title, f.Finding.Text]))]);
        }

        builder.Heading(1, "Exceptions in force");
        if (exceptions.Count == 0)
        {
            builder.Paragraph("No exception to a rule is in force.");
        }
        else
        {
            builder.Table(null, [new TableColumn("Workflow", 1.8), new TableColumn("Rule", 1.6), new TableColumn("Justification", 3.5), new TableColumn("Until", 1), new TableColumn("Granted by", 1.2)],
                [.. exceptions.OrderBy(e => e.ExpiresOn).Select(e => new TableRow([e.Workflow, BuiltInRules.Find(e.RuleId)?.Title ?? e.RuleId, e.Justification, Date(e.ExpiresOn), e.GrantedByName]))]);
        }

        builder.Heading(1, "Policy acknowledgement");
        if (acknowledgement is null)
        {
            builder.Paragraph("No version of the AI usage policy is published yet, so nobody has been asked to acknowledge one.");
        }
        else
        {
            builder.Paragraph(
                    TextSpan.Bold($"{acknowledgement.Percent} %"),
                    TextSpan.Plain($" of the people with an account ({Count(acknowledgement.Acknowledged)} of {Count(acknowledgement.People)}) have acknowledged version {acknowledgement.VersionNumber} of the AI usage policy, part of the organisation's AI-literacy measures (EU AI Act Art. 4)."))
                .Table(null, [new TableColumn("Department", 3), new TableColumn("Acknowledged", 1.2, ColumnAlignment.Right), new TableColumn("People", 1, ColumnAlignment.Right), new TableColumn("Rate", 1, ColumnAlignment.Right)],
                    [.. acknowledgementByDepartment.Select(rate => new TableRow([rate.Department, Count(rate.Acknowledged), Count(rate.People), $"{rate.Percent} %"]))]);
        }

        builder.Heading(1, "Overdue reviews");
        if (overdue.Count == 0)
        {
            builder.Paragraph("Every workflow in scope has been reviewed on time.");
        }
        else
        {
            builder.Table(null, [new TableColumn("Workflow", 2.5), new TableColumn("Department", 1.5), new TableColumn("Owner", 1.5), new TableColumn("Review was due", 1.2), new TableColumn("Days overdue", 1, ColumnAlignment.Right)],
                [.. overdue.Select(r => new TableRow([r.Name, r.Department, r.Owner ?? "No owner", Date(r.NextReview!.Value), Count(stamp.Today.DayNumber - r.NextReview!.Value.DayNumber)]))]);
        }

        builder.Heading(1, "Paused workflows");
        if (paused.Count == 0)
        {
            builder.Paragraph("No workflow in scope is paused.");
        }
        else
        {
            builder.Callout(CalloutKind.Warning, "Do not use — paused", TextSpan.Plain(
                    "A paused workflow must not be used until its restart conditions are met and a compliance officer other than the person who paused it signs off."))
                .Table(null, [new TableColumn("Workflow", 2), new TableColumn("Department", 1.3), new TableColumn("Owner", 1.3), new TableColumn("Why it is paused", 3)],
                    [.. paused.Select(r => new TableRow([r.Name, r.Department, r.Owner ?? "No owner", reasonsByWorkflow.GetValueOrDefault(r.Id, "Paused")]))]);
        }
        builder.Heading(1, "Incidents");
        if (incidents.Count == 0)
        {
            builder.Paragraph("No incident is open, and none was reported in the last year, for the workflows in scope.");
        }
        else
        {
            builder.Paragraph($"Open incidents, and those reported in the last year: {Count(incidents.Count)}, most severe first.")
                .Table(null, [new TableColumn("#", 0.5, ColumnAlignment.Right), new TableColumn("Incident", 2.5), new TableColumn("Workflow or tool", 2),
                        new TableColumn("Severity", 1), new TableColumn("Status", 1.3), new TableColumn("When", 1.1)],
                    [.. incidents.Select(i => new TableRow([Count(i.Id), $"{i.Title}\n{EnumText.Of(i.Category)}", i.Subject, EnumText.Of(i.Severity),
                        EnumText.Of(i.Status), Date(DateOnly.FromDateTime(i.OccurredAt))]))]);
        }
        AgentSection(builder, agents, engine.Settings.Scale, thresholds);
        return builder.Build();
    }

    /// <summary>
    /// The agents in scope, highest residual risk first, each with the factors that put it there (autonomy × permissions × data,
    /// explained by <see cref="RiskAssessor"/> as on the agent page) and the rules it breaks.
    /// </summary>
    private static void AgentSection(ReportBuilder builder, IReadOnlyList<Agents.AssessedAgent> agents, ClassificationScale scale, RiskThresholds thresholds)
    {
        builder.PageBreak().Heading(1, AgentsHeading);
        if (agents.Count == 0)
        {
            builder.Paragraph("No AI agent in scope is recorded (retired agents are left out).");
            return;
        }
        builder.Paragraph("Every AI agent in scope, highest residual risk first, with the factors behind its score: how far it acts alone, "
                + "what it may do and the data it reaches, less the human checkpoints that hold it.")
            .Table(null,
                [new TableColumn("Agent", 1.9), new TableColumn("Department", 1.7), new TableColumn("Status", 1.3),
                 new TableColumn("Tier", 0.9), new TableColumn("Score", 0.8, ColumnAlignment.Right), new TableColumn("Risk factors", 3.6)],
                [.. agents.Select(a => new TableRow([a.Name, a.Department, EnumText.Of(a.Status), EnumText.Of(a.Tier),
                    $"{a.Risk.Score} ({a.Risk.Likelihood}×{a.Risk.Impact})", FactorsText(RiskAssessor.Assess(a.Subject, scale, thresholds))]))]);
        var findings = agents.SelectMany(a => a.Findings.Select(f => (Agent: a.Name, Finding: f)))
            .OrderByDescending(f => f.Finding.Severity).ThenBy(f => f.Agent, StringComparer.CurrentCultureIgnoreCase).ToList();
        builder.Heading(2, "Findings of the agents");
        if (findings.Count == 0)
        {
            builder.Paragraph("No agent in scope breaks an enabled rule.");
        }
        else
        {
            builder.Table(null, [new TableColumn("Severity", 0.9), new TableColumn("Agent", 1.8), new TableColumn("Rule", 1.6), new TableColumn("Why, and what to change", 4)],
                [.. findings.Select(f => new TableRow([EnumText.Of(f.Finding.Severity), f.Agent, f.Finding.Title, f.Finding.Text]))]);
        }
    }

    /// <summary>"+2 likelihood: acts alone; −1 likelihood: …", one factor or control a line.</summary>
    internal static string FactorsText(RiskAssessment risk) =>
        risk.Factors.Count + risk.Controls.Count == 0 ? "No risk factor" : string.Join("\n", risk.Factors.Concat(risk.Controls).Select(f => f.Describe()));

    /// <summary>Findings of the workflows in <paramref name="workflows"/>, less the exceptions in force, most severe first.</summary>
    internal static async Task<List<WorkflowFinding>> FindingsOfAsync(AppDbContext db, RuleSettings settings, IQueryable<Workflow> workflows, DateOnly today,
        CancellationToken cancellationToken)
    {
        var tools = await db.Tools.AsNoTracking().Include(t => t.MaxClassification).ToDictionaryAsync(t => t.Id, RuleTool.From, cancellationToken);
        var engine = new RuleEngine(settings);
        var exceptions = await Rules.Stored.RuleExceptions.UnrevokedAsync(db, workflows.Select(w => w.Id), cancellationToken);
        var expired = await Evidence.EvidenceExpiries.ExpiredByWorkflowAsync(db, today, workflows.Select(w => w.Id), cancellationToken);
        var findings = new List<WorkflowFinding>();
        await foreach (var w in workflows.Include(w => w.Tools).Include(w => w.DataClassification).Include(w => w.Department)
                           .AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var subject = RuleSubject.From(w, [.. w.Tools.Select(t => tools[t.ToolId])]) with { Evidence = [.. expired[w.Id]] };
            foreach (var finding in engine.Evaluate(subject, [.. exceptions[w.Id]], today))
            {
                findings.Add(new WorkflowFinding(w.Id, w.Name, w.Department!.Name, null, finding));
            }
        }
        return [.. findings.OrderByDescending(f => f.Finding.Severity).ThenBy(f => f.WorkflowName, StringComparer.CurrentCultureIgnoreCase).ThenBy(f => f.Finding.RuleId)];
    }

    public static string FiltersText(ReportFilters filters, string? departmentName)
    {
        if (filters.IsEmpty)
        {
            return "All departments, tiers and statuses";
        }
        var parts = new List<string>();
        if (departmentName is not null)
        {
            parts.Add($"Department: {departmentName}");
        }
        if (filters.Tier is { } tier)
        {
            parts.Add($"Tier: {EnumText.Of(tier)}");
        }
        if (filters.Status is { } status)
        {
            parts.Add($"Status: {EnumText.Of(status)}");
        }
        return string.Join("; ", parts);
    }

    public static Tone ToneOf(RiskTier tier) => tier switch
    {
        RiskTier.Low => Tone.Low,
        RiskTier.Medium => Tone.Medium,
        RiskTier.High => Tone.High,
        _ => Tone.Critical,
    };

    private static string ScoreText(Row r) => r.Assessed ? $"{r.Score} ({r.Likelihood}×{r.Impact})" : "–";

    internal static string Count(int n) => n.ToString("N0", CultureInfo.InvariantCulture);

    internal static string Date(DateOnly day) => day.ToString("d MMM yyyy", CultureInfo.InvariantCulture);
}
