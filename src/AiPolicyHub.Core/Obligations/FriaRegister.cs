using System.Security.Claims;
using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Obligations;

/// <summary>What a person writes in a fundamental rights impact assessment: the six elements of Art. 27(1) and the DPIA it reuses.</summary>
public sealed class FriaForm
{
    public string ProcessDescription { get; set; } = "";
    public string PeriodAndFrequency { get; set; } = "";
    public string AffectedGroups { get; set; } = "";
    public string RisksOfHarm { get; set; } = "";
    public string OversightMeasures { get; set; } = "";
    public string MitigationAndComplaints { get; set; } = "";
    public string DpiaReference { get; set; } = "";
    public string DpiaNote { get; set; } = "";

    /// <summary>One of the six elements by its field name (see <see cref="FriaElements"/>), for pages that list them in order.</summary>
    public string this[string field]
    {
        get => field switch
        {
            nameof(ProcessDescription) => ProcessDescription,
            nameof(PeriodAndFrequency) => PeriodAndFrequency,
            nameof(AffectedGroups) => AffectedGroups,
            nameof(RisksOfHarm) => RisksOfHarm,
            nameof(OversightMeasures) => OversightMeasures,
            nameof(MitigationAndComplaints) => MitigationAndComplaints,
            _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Not an element of the assessment."),
        };
        set
        {
            switch (field)
            {
                case nameof(ProcessDescription): ProcessDescription = value; break;
                case nameof(PeriodAndFrequency): PeriodAndFrequency = value; break;
                case nameof(AffectedGroups): AffectedGroups = value; break;
                case nameof(RisksOfHarm): RisksOfHarm = value; break;
                case nameof(OversightMeasures): OversightMeasures = value; break;
                case nameof(MitigationAndComplaints): MitigationAndComplaints = value; break;
                default: throw new ArgumentOutOfRangeException(nameof(field), field, "Not an element of the assessment.");
            }
        }
    }

    public static FriaForm From(FriaAssessment a) => new()
    {
        ProcessDescription = a.ProcessDescription, PeriodAndFrequency = a.PeriodAndFrequency, AffectedGroups = a.AffectedGroups,
        RisksOfHarm = a.RisksOfHarm, OversightMeasures = a.OversightMeasures, MitigationAndComplaints = a.MitigationAndComplaints,
        DpiaReference = a.DpiaReference, DpiaNote = a.DpiaNote,
    };
}

/// <summary>The six elements with their labels, in the order of Art. 27(1); the page and the history use the same words.</summary>
public static class FriaElements
{
    public static IReadOnlyList<(string Field, string Letter, string Label, string Help)> All { get; } =
    [
        (nameof(FriaForm.ProcessDescription), "a", "How our processes use the system", "The process it is part of, for the purpose it is meant for."),
        (nameof(FriaForm.PeriodAndFrequency), "b", "When and how often it is used", "The period over which it will be used, and how often."),
        (nameof(FriaForm.AffectedGroups), "c", "Who it is likely to affect", "The kinds of people and groups its use may affect here."),
        (nameof(FriaForm.RisksOfHarm), "d", "The risks of harm to them", "The specific harms those people and groups may suffer, using what the provider tells us."),
        (nameof(FriaForm.OversightMeasures), "e", "How people oversee it", "The human oversight in place, as the instructions for use describe it."),
        (nameof(FriaForm.MitigationAndComplaints), "f", "What we do if the risks materialise", "What happens then, including internal governance and how complaints are handled."),
    ];
}

public sealed record FriaView(int WorkflowId, string WorkflowName, bool CanEdit, FriaVerdict Verdict, IReadOnlyList<FriaAssessment> Versions)
{
    public FriaAssessment? Latest => Versions.Count > 0 ? Versions[0] : null;
}

/// <summary>
/// A workflow's fundamental rights impact assessment (Art. 27). Each save is a new version, the earlier ones kept; the
/// notice to the market surveillance authority is recorded on the version it reported. The managers of the workflow's
/// department and compliance write it; everything is audited on the workflow's history.
/// </summary>
public sealed class FriaRegister(IDbContextFactory<AppDbContext> contexts, AuditTrail audit, EuAiActProfiles profiles)
{
    public const int ElementMaxLength = 4000;
    public const string NotAllowed = "Only managers of the workflow's department and compliance officers can record its impact assessment.";

    public async Task<FriaView?> ViewAsync(ClaimsPrincipal principal, int workflowId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var actor = await Actor.FindAsync(db, principal, cancellationToken);
        var workflow = await db.Workflows.AsNoTracking().SingleOrDefaultAsync(w => w.Id == workflowId, cancellationToken);
        if (actor is null || workflow is null)
        {
            return null;
        }
        var versions = await db.FriaAssessments.AsNoTracking().Where(f => f.WorkflowId == workflowId).OrderByDescending(f => f.Version).ToListAsync(cancellationToken);
        var verdict = FriaRequirement.Of(workflow.OperatorRole, workflow.HighRiskArea, workflow.EuAiActCategory,
            await profiles.OrganisationIsPublicBodyAsync(db, cancellationToken), workflow.ProvidesPublicService);
        return new FriaView(workflowId, workflow.Name, actor.CanEditWorkflowsOf(workflow.DepartmentId), verdict, versions);
    }

    /// <summary>
    /// Saves <paramref name="form"/> as the next version. <paramref name="basedOnVersion"/> is the version the person
    /// started from (0 for the first): if someone saved another meanwhile, nothing is saved and they are told.
    /// </summary>
    public async Task<SaveOutcome> SaveAsync(ClaimsPrincipal principal, int workflowId, FriaForm form, int basedOnVersion,
        CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var actor = await Actor.FindAsync(db, principal, cancellationToken);
        if (actor is null)
        {
            return SaveOutcome.Forbidden("Sign in again to record the assessment.");
        }
        var errors = new ValidationErrors();
        var values = Values(form);
        foreach (var (field, letter, label, _) in FriaElements.All)
        {
            var length = values[field].Length;
            if (length < 10)
            {
                errors.Add(field, $"({letter}) {label}: write at least 10 characters.");
            }
            else if (length > ElementMaxLength)
            {
                errors.Add(field, $"({letter}) {label}: keep it to {ElementMaxLength:N0} characters.");
            }
        }
        var dpia = (form.DpiaReference ?? "").Trim();
        var dpiaNote = (form.DpiaNote ?? "").Trim();
        if (dpia.Length > 500) errors.Add(nameof(form.DpiaReference), "Keep the reference to 500 characters.");
        if (dpia.StartsWith("http", StringComparison.OrdinalIgnoreCase)
            && !(Uri.TryCreate(dpia, UriKind.Absolute, out var link) && (link.Scheme == Uri.UriSchemeHttps || link.Scheme == Uri.UriSchemeHttp)))
        {
            errors.Add(nameof(form.DpiaReference), "That link is not a valid web address.");
        }
        if (dpiaNote.Length > 2000) errors.Add(nameof(form.DpiaNote), "Keep the note to 2,000 characters.");
        if (dpiaNote.Length > 0 && dpia.Length == 0) errors.Add(nameof(form.DpiaReference), "Name the data-protection impact assessment the note is about.");
        if (!errors.IsEmpty)
        {
            return new SaveOutcome(SaveStatus.Invalid, workflowId, Errors: errors);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var workflow = await db.Workflows.AsNoTracking().SingleOrDefaultAsync(w => w.Id == workflowId, cancellationToken);
        if (workflow is null)
        {
            return SaveOutcome.NotFound;
        }
        if (!actor.CanEditWorkflowsOf(workflow.DepartmentId))
        {
            return SaveOutcome.Forbidden(NotAllowed);
        }
        var next = basedOnVersion + 1;
        // The version moves only from the one the person read: a second save from the same start finds it moved.
        var moved = await db.Workflows.Where(w => w.Id == workflowId && w.FriaVersion == basedOnVersion)
            .ExecuteUpdateAsync(s => s.SetProperty(w => w.FriaVersion, next), cancellationToken);
        if (moved == 0)
        {
            return new SaveOutcome(SaveStatus.Conflict, workflowId,
                Message: "Someone saved another version of this assessment meanwhile; the page now shows it. Make your changes again on it.");
        }
        var previous = await db.FriaAssessments.AsNoTracking().SingleOrDefaultAsync(f => f.WorkflowId == workflowId && f.Version == basedOnVersion, cancellationToken);
        db.FriaAssessments.Add(new FriaAssessment
        {
            WorkflowId = workflowId,
            Version = next,
            ProcessDescription = values[nameof(FriaForm.ProcessDescription)],
            PeriodAndFrequency = values[nameof(FriaForm.PeriodAndFrequency)],
            AffectedGroups = values[nameof(FriaForm.AffectedGroups)],
            RisksOfHarm = values[nameof(FriaForm.RisksOfHarm)],
            OversightMeasures = values[nameof(FriaForm.OversightMeasures)],
            MitigationAndComplaints = values[nameof(FriaForm.MitigationAndComplaints)],
            DpiaReference = dpia,
            DpiaNote = dpiaNote,
            SavedById = actor.UserId,
            SavedByName = actor.Name,
            SavedAt = audit.Clock.GetUtcNow().UtcDateTime,
        });
        var before = previous is null ? [] : Describe(FriaForm.From(previous));
        var after = Describe(new FriaForm { DpiaReference = dpia, DpiaNote = dpiaNote }, values);
        var changes = AuditTrail.Diff(before, after);
        changes.Insert(0, new FieldChange("Fundamental rights impact assessment", previous is null ? null : $"Version {basedOnVersion}", $"Version {next}"));
        await audit.AppendAsync(db, actor, WorkflowInventory.EntityType, workflowId.ToString(), workflow.Name, AuditAction.Changed, changes, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new SaveOutcome(SaveStatus.Saved, workflowId, next);
    }

    /// <summary>Records that version <paramref name="version"/> was notified to the market surveillance authority (Art. 27(3)).</summary>
    public async Task<SaveOutcome> RecordAuthorityNoticeAsync(ClaimsPrincipal principal, int workflowId, int version, DateOnly? notifiedOn, string reference,
        CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var actor = await Actor.FindAsync(db, principal, cancellationToken);
        if (actor is null)
        {
            return SaveOutcome.Forbidden("Sign in again to record the notice.");
        }
        var today = DateOnly.FromDateTime(audit.Clock.GetUtcNow().UtcDateTime);
        var errors = new ValidationErrors();
        if (notifiedOn is null) errors.Add("NotifiedOn", "Give the date the authority was notified.");
        else if (notifiedOn > today) errors.Add("NotifiedOn", "That date is in the future.");
        reference = (reference ?? "").Trim();
        if (reference.Length is < 3 or > 200) errors.Add("Reference", "Give the authority's reference or how it was sent (3 to 200 characters).");
        if (!errors.IsEmpty)
        {
            return new SaveOutcome(SaveStatus.Invalid, workflowId, Errors: errors);
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var workflow = await db.Workflows.AsNoTracking().SingleOrDefaultAsync(w => w.Id == workflowId, cancellationToken);
        var assessment = await db.FriaAssessments.SingleOrDefaultAsync(f => f.WorkflowId == workflowId && f.Version == version, cancellationToken);
        if (workflow is null || assessment is null)
        {
            return SaveOutcome.NotFound;
        }
        if (!actor.CanEditWorkflowsOf(workflow.DepartmentId))
        {
            return SaveOutcome.Forbidden(NotAllowed);
        }
        var before = assessment.AuthorityNotifiedOn is { } on ? $"{on:yyyy-MM-dd}, {assessment.AuthorityReference}" : null;
        assessment.AuthorityNotifiedOn = notifiedOn;
        assessment.AuthorityReference = reference;
        assessment.AuthorityRecordedByName = actor.Name;
        await audit.AppendAsync(db, actor, WorkflowInventory.EntityType, workflowId.ToString(), workflow.Name, AuditAction.Changed,
            [new FieldChange($"Impact assessment version {version} notified to the authority", before, $"{notifiedOn:yyyy-MM-dd}, {reference}")], cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new SaveOutcome(SaveStatus.Saved, workflowId, version);
    }

    private static Dictionary<string, string> Values(FriaForm form) => FriaElements.All.ToDictionary(e => e.Field, e => (form[e.Field] ?? "").Trim());

    private static Dictionary<string, string> Describe(FriaForm form, Dictionary<string, string>? values = null)
    {
        values ??= Values(form);
        var described = FriaElements.All.ToDictionary(e => $"FRIA ({e.Letter}) {e.Label}", e => values[e.Field]);
        described["FRIA: data-protection impact assessment reused"] = form.DpiaReference;
        described["FRIA: note on the reuse"] = form.DpiaNote;
        return described;
    }
}
