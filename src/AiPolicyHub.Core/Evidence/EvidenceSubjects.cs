using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Incidents;
using AiPolicyHub.Core.Inventory;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Evidence;

/// <summary>
/// A subject as evidence sees it: what it is called, where it is shown, and who may read and change its evidence.
/// <see cref="ChangeRefusal"/> is null when the actor may attach, replace and delete.
/// </summary>
public sealed record SubjectAccess(EvidenceSubject Subject, string Name, string Link, bool CanSee, string? ChangeRefusal)
{
    public bool CanChange => CanSee && ChangeRefusal is null;

    /// <summary>"Workflow “Support reply drafts”", for the audit trail and notices.</summary>
    public string Described => $"{EnumText.Of(Subject.Kind)} “{Name}”";
}

/// <summary>
/// The subjects evidence attaches to, and the rules for each — the same as for editing the subject itself: a workflow's
/// evidence is changed by the managers of its department and compliance, and so is an agent's; a tool's by compliance (and by managers while the
/// tool is only proposed, as they edit proposed tools); an exception's by compliance (who grant them); a pause's by those
/// who may tick its restart conditions; an incident's by those who triage it; an ISO/IEC 42001 control's by compliance. Everyone signed in reads what they can see:
/// every workflow, agent, tool, exception and pause, and the incidents the incident list shows them. A retired workflow, agent or tool
/// keeps its evidence as it is.
/// </summary>
public static class EvidenceSubjects
{
    public const string NotFoundMessage = "That record no longer exists, or you cannot see it.";

    public static async Task<SubjectAccess?> AccessAsync(AppDbContext db, Actor actor, EvidenceSubject subject, CancellationToken cancellationToken)
    {
        switch (subject.Kind)
        {
            case EvidenceSubjectKind.Workflow:
            {
                var w = await db.Workflows.AsNoTracking().Where(x => x.Id == subject.Id)
                    .Select(x => new { x.Name, x.DepartmentId, x.Status }).SingleOrDefaultAsync(cancellationToken);
                return w is null ? null : new SubjectAccess(subject, w.Name, $"/workflows/{subject.Id}", true,
                    w.Status == WorkflowStatus.Retired ? "This workflow is retired; its evidence is kept as it is."
                    : actor.CanEditWorkflowsOf(w.DepartmentId) ? null
                    : "Only managers of the workflow's department and compliance officers can change its evidence.");
            }
            case EvidenceSubjectKind.Agent:
            {
                // As for a workflow: changed by those who may edit the agent (managers of its department, compliance), read by all.
                var a = await db.Agents.AsNoTracking().Where(x => x.Id == subject.Id)
                    .Select(x => new { x.Name, x.DepartmentId, x.Status }).SingleOrDefaultAsync(cancellationToken);
                return a is null ? null : new SubjectAccess(subject, a.Name, $"/agents/{subject.Id}", true,
                    a.Status == WorkflowStatus.Retired ? "This agent is retired; its evidence is kept as it is."
                    : actor.CanEditWorkflowsOf(a.DepartmentId) ? null
                    : "Only managers of the agent's department and compliance officers can change its evidence.");
            }
            case EvidenceSubjectKind.Tool:
            {
                var t = await db.Tools.AsNoTracking().Where(x => x.Id == subject.Id)
                    .Select(x => new { x.Name, x.ApprovalStatus }).SingleOrDefaultAsync(cancellationToken);
                return t is null ? null : new SubjectAccess(subject, t.Name, $"/tools/{subject.Id}", true,
                    t.ApprovalStatus == ToolApprovalStatus.Retired ? "This tool is retired; its evidence is kept as it is."
                    : actor.IsComplianceOrAdmin || (actor.IsManager && t.ApprovalStatus == ToolApprovalStatus.Proposed) ? null
                    : "Only compliance officers can change the evidence of a tool compliance has decided on (managers, of tools still proposed).");
            }
            case EvidenceSubjectKind.RuleException:
            {
                var e = await db.RuleExceptions.AsNoTracking().Where(x => x.Id == subject.Id)
                    .Select(x => new { x.RuleId, x.WorkflowId, Workflow = db.Workflows.Where(w => w.Id == x.WorkflowId).Select(w => w.Name).First() })
                    .SingleOrDefaultAsync(cancellationToken);
                var rule = e is null ? null : Rules.BuiltInRules.Find(e.RuleId)?.Title ?? e.RuleId;
                return e is null ? null : new SubjectAccess(subject, $"{rule} — {e.Workflow}", $"/workflows/{e.WorkflowId}#exceptions", true,
                    actor.IsComplianceOrAdmin ? null : "Only compliance officers, who grant exceptions, can change their evidence.");
            }
            case EvidenceSubjectKind.Pause:
            {
                var p = await db.Pauses.AsNoTracking().Where(x => x.Id == subject.Id)
                    .Select(x => new
                    {
                        x.WorkflowId, x.ToolId,
                        Workflow = db.Workflows.Where(w => w.Id == x.WorkflowId).Select(w => new { w.Name, w.DepartmentId }).FirstOrDefault(),
                        Tool = db.Tools.Where(t => t.Id == x.ToolId).Select(t => t.Name).FirstOrDefault(),
                    }).SingleOrDefaultAsync(cancellationToken);
                if (p is null)
                {
                    return null;
                }
                var mayChange = actor.IsComplianceOrAdmin || (p.Workflow is { } pw && actor.IsManager && actor.DepartmentIds.Contains(pw.DepartmentId));
                return new SubjectAccess(subject, $"pause of {p.Workflow?.Name ?? p.Tool}",
                    p.WorkflowId is { } wid ? $"/workflows/{wid}" : $"/tools/{p.ToolId}", true,
                    mayChange ? null : "Only compliance officers, and managers of the workflow's department, can change a pause's evidence.");
            }
            case EvidenceSubjectKind.Incident:
            {
                var i = await db.Incidents.AsNoTracking().Where(x => x.Id == subject.Id)
                    .Select(x => new { x.Title, DepartmentId = db.Workflows.Where(w => w.Id == x.WorkflowId).Select(w => (int?)w.DepartmentId).FirstOrDefault() })
                    .SingleOrDefaultAsync(cancellationToken);
                if (i is null)
                {
                    return null;
                }
                var canSee = await IncidentLog.Visible(db, actor).AnyAsync(x => x.Id == subject.Id, cancellationToken);
                var mayChange = actor.IsComplianceOrAdmin || (i.DepartmentId is { } d && actor.IsManager && actor.DepartmentIds.Contains(d));
                return new SubjectAccess(subject, i.Title, $"/incidents/{subject.Id}", canSee,
                    mayChange ? null : "Only those who triage the incident (managers of its workflow's department, compliance) can change its evidence.");
            }
            case EvidenceSubjectKind.Control:
            {
                // The Statement of Applicability is compliance's: they read and change a control's evidence.
                return Compliance.AnnexAControls.BySubjectId(subject.Id) is not { } control ? null
                    : new SubjectAccess(subject, $"{control.Code} {control.Title}", Compliance.StatementOfApplicability.LinkOf(control.Code),
                        actor.IsComplianceOrAdmin, actor.IsComplianceOrAdmin ? null : Compliance.StatementOfApplicability.NotAllowed);
            }
            case EvidenceSubjectKind.Review:
            {
                // A review's evidence: changed by whoever recorded it, the managers of the workflow's department and compliance.
                var r = await db.WorkflowReviews.AsNoTracking().Where(x => x.Id == subject.Id)
                    .Select(x => new { x.WorkflowName, x.ReviewedAt, x.ReviewedById, x.DepartmentId }).SingleOrDefaultAsync(cancellationToken);
                return r is null ? null : new SubjectAccess(subject, $"{r.WorkflowName}, {r.ReviewedAt:d MMMM yyyy}", $"/reviews/{subject.Id}", true,
                    actor.CanEditWorkflowsOf(r.DepartmentId) || actor.UserId == r.ReviewedById ? null
                    : "Only the reviewer, managers of the workflow's department and compliance officers can change a review's evidence.");
            }
            default:
                return null;
        }
    }
}
