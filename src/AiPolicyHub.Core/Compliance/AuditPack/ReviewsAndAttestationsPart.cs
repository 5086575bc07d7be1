using AiPolicyHub.Core.Reports;
using AiPolicyHub.Core.Reviews;

namespace AiPolicyHub.Core.Compliance.AuditPack;

/// <summary>
/// The reviews recorded in the period (with those read from the history before reviews were records) and the owner
/// attestation campaigns open at any time in it, each with every record asked about and its answer, as JSON.
/// </summary>
public sealed class ReviewsAndAttestationsPart(ReviewRegister reviews, AttestationCampaigns campaigns) : IAuditPackPart
{
    public int Order => 50;
    public string Title => "Reviews and attestations in the period";

    public async Task WriteAsync(AuditPackContext context, AuditPackSink sink, CancellationToken cancellationToken)
    {
        var period = context.Period;
        var reviewed = (await reviews.InPeriodAsync(period.From, period.To, cancellationToken: cancellationToken))
            .OrderBy(r => r.ReviewedAt).ThenBy(r => r.Id).ToList();
        var asked = await campaigns.InPeriodAsync(period.From, period.To, cancellationToken);

        var fingerprint = new ReportFingerprint().Add("period", period.From, period.To);
        foreach (var r in reviewed)
        {
            fingerprint.Add("review", r.Id, r.FromHistory, r.WorkflowId, r.WorkflowName, r.Department, r.ReviewedBy, r.ReviewedAt, r.Tier, r.Outcome,
                r.Notes, r.NextReviewDate, r.Yes, r.No, r.NotApplicable, r.Evidence);
        }
        foreach (var (c, items) in asked)
        {
            fingerprint.Add("campaign", c.Id, c.Title, c.Scope, c.DueOn, c.StartedAt, c.StartedBy, c.ClosedAt, c.ClosedBy);
            foreach (var i in items)
            {
                fingerprint.Add("attestation", c.Id, i.Id, i.Kind, i.Name, i.Department, i.Owner, i.Answer, i.AnsweredAt, i.Note);
            }
        }

        var json = AuditPackJson.Write(context, "reviews-and-attestations", fingerprint, w =>
        {
            w.WriteStartArray("reviews");
            foreach (var r in reviewed)
            {
                w.WriteStartObject();
                if (r.FromHistory) w.WriteBoolean("fromHistoryWithoutChecklist", true); else w.WriteNumber("id", r.Id);
                w.WriteNumber("workflowId", r.WorkflowId);
                w.WriteString("workflow", r.WorkflowName);
                w.WriteString("department", r.Department);
                w.WriteString("reviewedBy", r.ReviewedBy);
                w.WriteString("reviewedAt", DateTime.SpecifyKind(r.ReviewedAt, DateTimeKind.Utc));
                if (r.Tier is { } tier) w.WriteString("riskTier", tier.ToString());
                if (r.Outcome is { } outcome) w.WriteString("outcome", outcome.ToString());
                if (r.Notes is { } notes) w.WriteString("notes", notes);
                if (r.NextReviewDate is { } next) w.WriteString("nextReview", next.ToString("yyyy-MM-dd"));
                w.WriteStartObject("checklist");
                w.WriteNumber("yes", r.Yes);
                w.WriteNumber("no", r.No);
                w.WriteNumber("notApplicable", r.NotApplicable);
                w.WriteEndObject();
                w.WriteNumber("evidence", r.Evidence);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("attestationCampaigns");
            foreach (var (c, items) in asked)
            {
                w.WriteStartObject();
                w.WriteNumber("id", c.Id);
                w.WriteString("title", c.Title);
                w.WriteString("scope", c.Scope);
                w.WriteString("dueOn", c.DueOn.ToString("yyyy-MM-dd"));
                w.WriteString("startedAt", DateTime.SpecifyKind(c.StartedAt, DateTimeKind.Utc));
                w.WriteString("startedBy", c.StartedBy);
                if (c.ClosedAt is { } closed) w.WriteString("closedAt", DateTime.SpecifyKind(closed, DateTimeKind.Utc));
                if (c.ClosedBy is { } closer) w.WriteString("closedBy", closer);
                w.WriteStartArray("attestations");
                foreach (var i in items)
                {
                    w.WriteStartObject();
                    w.WriteString("kind", i.Kind.ToString());
                    w.WriteString("record", i.Name);
                    w.WriteString("department", i.Department);
                    w.WriteString("owner", i.Owner);
                    w.WriteString("answer", i.Answer.ToString());
                    if (i.AnsweredAt is { } at) w.WriteString("answeredAt", DateTime.SpecifyKind(at, DateTimeKind.Utc));
                    if (i.Note is { } note) w.WriteString("note", note);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
        });
        await sink.AddAsync("reviews-and-attestations.json", "application/json", json.Content, json.Fingerprint,
            $"{reviewed.Count} reviews recorded and {asked.Count} attestation campaigns open from {period}.", cancellationToken);
    }
}
