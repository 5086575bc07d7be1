using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Evidence;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Rules;
using AiPolicyHub.Core.Rules.Stored;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Compliance;

/// <summary>One control of the statement: the reference, the organisation's decision, and what the inventory shows.</summary>
public sealed record SoaControlRow(string Code, string Title, string GroupCode, string GroupTitle, bool Applicable, string Justification,
    ImplementationStatus Status, string? OwnerId, string? OwnerName, int Version, DateTime? UpdatedAt, string? UpdatedBy,
    IReadOnlyList<LinkedRule> Rules, IReadOnlyList<ControlEvidence> Evidence, IReadOnlyList<LinkedRecord> Records, int RecordsTotal,
    ControlCoverage Coverage)
{
    /// <summary>Said to be implemented while the inventory does not show it: worth a second look.</summary>
    [JsonIgnore]
    public bool ClaimsMoreThanShown => Applicable && Status == ImplementationStatus.Implemented && Coverage.State != CoverageState.Evidenced;
}

/// <summary>The whole statement as of <paramref name="AsOf"/> (UTC; <paramref name="Today"/> is the day coverage was computed for).</summary>
public sealed record SoaStatement(DateTime AsOf, DateOnly Today, IReadOnlyList<SoaControlRow> Controls)
{
    [JsonIgnore]
    public CoverageSummary Summary => SoaCoverage.Summarise(Controls.Select(c => c.Coverage));
}

public sealed record SoaVersionInfo(int Number, DateTime PublishedAt, string PublishedBy, string ChangeSummary, string ContentHash);

/// <summary>A statement to print: a published version (frozen) or, with <see cref="Version"/> null, the working statement as it is now.</summary>
public sealed record SoaEdition(SoaStatement Statement, SoaVersionInfo? Version);

/// <summary>What an officer sets for a control; <see cref="Version"/> is the one they read (0 for a control never saved).</summary>
public sealed class SoaControlForm
{
    public bool Applicable { get; set; } = true;
    public string Justification { get; set; } = "";
    public ImplementationStatus Status { get; set; }
    public string? OwnerId { get; set; }
}

/// <summary>
/// The ISO/IEC 42001 Statement of Applicability (clause 6.1.3): for each Annex A control, whether it applies and why, how far
/// it is implemented, who owns it, the rules that cite it, its evidence, the workflows its rules find something wrong with,
/// and its coverage computed from the inventory (<see cref="SoaCoverage"/>). Compliance officers and administrators read and
/// change it, through <see cref="SaveAsync"/> only (audited in the same transaction), and publish numbered versions that are
/// frozen whole (<see cref="PublishAsync"/>), like the policy.
/// </summary>
public sealed class StatementOfApplicability(IDbContextFactory<AppDbContext> contexts, RuleSettingsStore ruleSettings, AuditTrail audit, TimeProvider clock)
{
    public const string ControlEntityType = "SoaControl";
    public const string VersionEntityType = "SoaVersion";
    public const string NotAllowed = "Only compliance officers and administrators can read and change the Statement of Applicability.";
    public const string Path = "/compliance/soa";
    /// <summary>How many of a control's records are kept by name (all are counted).</summary>
    public const int RecordsKept = 25;

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static string LinkOf(string code) => $"{Path}/{code}";

    public async Task<Result<SoaStatement>> CurrentAsync(ClaimsPrincipal principal, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await Actor.FindAsync(db, principal, cancellationToken) is not { IsComplianceOrAdmin: true })
        {
            return Result<SoaStatement>.Failure(NotAllowed);
        }
        return Result.Success(await BuildAsync(db, cancellationToken));
    }

    /// <summary>The working statement now, computed in <paramref name="db"/> (the caller checked the reader).</summary>
    public async Task<SoaStatement> BuildAsync(AppDbContext db, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var entries = await db.SoaControlEntries.AsNoTracking().ToDictionaryAsync(e => e.ControlCode, StringComparer.Ordinal, cancellationToken);
        var ownerIds = entries.Values.Where(e => e.OwnerId is not null).Select(e => e.OwnerId!).Distinct().ToList();
        var owners = await db.Users.AsNoTracking().Where(u => ownerIds.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => string.IsNullOrWhiteSpace(u.DisplayName) ? u.Email ?? u.Id : u.DisplayName, cancellationToken);
        var evidence = (await db.Evidence.AsNoTracking().Where(e => e.SubjectKind == EvidenceSubjectKind.Control)
                .OrderBy(e => e.Id).Select(e => new { e.SubjectId, e.Id, e.Description, e.ProducedOn, e.ExpiresOn }).ToListAsync(cancellationToken))
            .ToLookup(e => e.SubjectId, e => new ControlEvidence(e.Id, e.Description, e.ProducedOn, e.ExpiresOn));

        var engine = new RuleEngine(await ruleSettings.LoadAsync(db, cancellationToken));
        var enabled = engine.EnabledRules.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var citing = BuiltInRules.All.SelectMany(r => AnnexAControls.CitedBy(r.References).Select(code => (code, rule: r))).ToLookup(x => x.code, x => x.rule);
        var counted = citing.SelectMany(g => g).Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var open = new Dictionary<string, int>(StringComparer.Ordinal);
        var records = new Dictionary<string, List<LinkedRecord>>(StringComparer.Ordinal);
        await EvaluatedFindings.EvaluateAsync(db, engine, today, (workflowId, name, _, _, findings) =>
        {
            foreach (var finding in findings)
            {
                if (!counted.Contains(finding.RuleId))
                {
                    continue;
                }
                open[finding.RuleId] = open.GetValueOrDefault(finding.RuleId) + 1;
                var kept = records.TryGetValue(finding.RuleId, out var list) ? list : records[finding.RuleId] = [];
                if (kept.Count < RecordsKept)
                {
                    kept.Add(new LinkedRecord(workflowId, name, finding.RuleId));
                }
            }
        }, cancellationToken);

        var rows = new List<SoaControlRow>(AnnexAControls.All.Count);
        foreach (var control in AnnexAControls.All)
        {
            var entry = entries.GetValueOrDefault(control.Code);
            var rules = citing[control.Code].Select(r => new LinkedRule(r.Id, r.Title, enabled.Contains(r.Id), enabled.Contains(r.Id) ? open.GetValueOrDefault(r.Id) : 0)).ToList();
            var attached = evidence[control.SubjectId].ToList();
            var applicable = entry?.Applicable ?? true;
            var linked = rules.Where(r => r.Enabled).SelectMany(r => records.GetValueOrDefault(r.RuleId) ?? []).ToList();
            rows.Add(new SoaControlRow(control.Code, control.Title, control.GroupCode, control.GroupTitle, applicable, entry?.Justification ?? "",
                entry?.Status ?? ImplementationStatus.NotStarted, entry?.OwnerId, entry?.OwnerId is { } o ? owners.GetValueOrDefault(o) : null,
                entry?.Version ?? 0, entry?.UpdatedAt, entry?.UpdatedByName, rules, attached,
                [.. linked.Take(RecordsKept)], rules.Sum(r => r.OpenFindings), SoaCoverage.Of(applicable, rules, attached, today)));
        }
        return new SoaStatement(Truncate(now), today, rows);
    }

    /// <summary>
    /// The one step that changes a control's entry, whatever calls it: compliance officers and administrators only; a
    /// justification is required to exclude a control; the owner must be an active user; refused when someone saved the
    /// control after <paramref name="version"/>; audited in the same transaction.
    /// </summary>
    public async Task<SaveOutcome> SaveAsync(ClaimsPrincipal principal, string code, SoaControlForm form, int version, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var actor = await Actor.FindAsync(db, principal, cancellationToken);
        if (actor is not { IsComplianceOrAdmin: true })
        {
            return SaveOutcome.Forbidden(NotAllowed);
        }
        if (AnnexAControls.Find(code) is not { } control)
        {
            return SaveOutcome.NotFound;
        }
        var justification = (form.Justification ?? "").Replace("\r\n", "\n").Trim();
        var errors = new ValidationErrors();
        if (!form.Applicable && justification.Length < 10)
        {
            errors.Add(nameof(SoaControlForm.Justification), "Say why the control is excluded (10 characters or more): an auditor asks for the reason.");
        }
        errors.MaxLength(nameof(SoaControlForm.Justification), justification, "the justification", SoaControlEntry.JustificationMaxLength);
        if (!Enum.IsDefined(form.Status))
        {
            errors.Add(nameof(SoaControlForm.Status), "Choose an implementation status.");
        }
        string? ownerName = null;
        if (!string.IsNullOrEmpty(form.OwnerId))
        {
            ownerName = await db.Users.AsNoTracking().Where(u => u.Id == form.OwnerId && !u.IsDisabled)
                .Select(u => string.IsNullOrWhiteSpace(u.DisplayName) ? u.Email : u.DisplayName).SingleOrDefaultAsync(cancellationToken);
            if (ownerName is null)
            {
                errors.Add(nameof(SoaControlForm.OwnerId), "Choose an owner among the active users.");
            }
        }
        if (!errors.IsEmpty)
        {
            return new SaveOutcome(SaveStatus.Invalid, Errors: errors);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var stored = await db.SoaControlEntries.SingleOrDefaultAsync(e => e.ControlCode == control.Code, cancellationToken);
        var storedOwner = stored?.OwnerId is { } so
            ? await db.Users.AsNoTracking().Where(u => u.Id == so).Select(u => string.IsNullOrWhiteSpace(u.DisplayName) ? u.Email : u.DisplayName).SingleOrDefaultAsync(cancellationToken)
            : null;
        var before = Describe(stored?.Applicable ?? true, stored?.Justification ?? "", stored?.Status ?? ImplementationStatus.NotStarted, storedOwner);
        var storedVersion = stored?.Version ?? 0;
        if (storedVersion != version)
        {
            var conflict = await AuditTrail.ConflictAsync(db, ControlEntityType, control.Code, storedVersion, null, before, cancellationToken);
            return new SaveOutcome(SaveStatus.Conflict, 0, storedVersion, Conflict: conflict,
                Message: $"{conflict.ChangedBy} changed {control.Code} while you were editing it. Nothing of yours was saved yet: reload it.");
        }
        var changes = AuditTrail.Diff(before, Describe(form.Applicable, justification, form.Status, ownerName));
        if (changes.Count == 0)
        {
            return new SaveOutcome(SaveStatus.Saved, 0, storedVersion, Message: "Nothing changed.");
        }
        if (stored is null)
        {
            stored = db.SoaControlEntries.Add(new SoaControlEntry { ControlCode = control.Code }).Entity;
        }
        else
        {
            db.Entry(stored).Property(e => e.Version).OriginalValue = version;
        }
        stored.Applicable = form.Applicable;
        stored.Justification = justification;
        stored.Status = form.Status;
        stored.OwnerId = string.IsNullOrEmpty(form.OwnerId) ? null : form.OwnerId;
        stored.Version = version + 1;
        stored.UpdatedAt = Truncate(clock.GetUtcNow().UtcDateTime);
        stored.UpdatedByName = actor.Name;
        await audit.AppendAsync(db, actor, ControlEntityType, control.Code, $"{control.Code} {control.Title}",
            version == 0 ? AuditAction.Created : AuditAction.Changed, changes, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return new SaveOutcome(SaveStatus.Conflict, 0, version, Conflict: new EditConflict("Someone", null, [], version + 1),
                Message: $"Someone else saved {control.Code} at the same moment. Nothing of yours was saved yet: reload it.");
        }
        await transaction.CommitAsync(cancellationToken);
        return new SaveOutcome(SaveStatus.Saved, 0, stored.Version, Message: $"{control.Code} is saved.");
    }

    /// <summary>
    /// Freezes the statement as it is now (every control with its decision, owner, rules, evidence, records and coverage)
    /// as the next numbered version, with who, when and a required summary of what changed; audited with its content hash.
    /// </summary>
    public async Task<SaveOutcome> PublishAsync(ClaimsPrincipal principal, string changeSummary, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var actor = await Actor.FindAsync(db, principal, cancellationToken);
        if (actor is not { IsComplianceOrAdmin: true })
        {
            return SaveOutcome.Forbidden(NotAllowed);
        }
        changeSummary = (changeSummary ?? "").Trim();
        var errors = new ValidationErrors();
        if (changeSummary.Length < 10)
        {
            errors.Add("ChangeSummary", "Say in a sentence (10 characters or more) what this version changes.");
        }
        errors.MaxLength("ChangeSummary", changeSummary, "the change summary", 2000);
        if (!errors.IsEmpty)
        {
            return new SaveOutcome(SaveStatus.Invalid, Errors: errors);
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var statement = await BuildAsync(db, cancellationToken);
        var json = JsonSerializer.Serialize(statement, Json);
        var number = (await db.SoaVersions.MaxAsync(v => (int?)v.Number, cancellationToken) ?? 0) + 1;
        var version = new SoaVersion
        {
            Number = number,
            PublishedAt = statement.AsOf,
            PublishedById = actor.UserId,
            PublishedByName = actor.Name,
            ChangeSummary = changeSummary,
            ContentJson = json,
            ContentHash = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json))),
        };
        db.SoaVersions.Add(version);
        var summary = statement.Summary;
        await audit.AppendAsync(db, actor, VersionEntityType, number.ToString(CultureInfo.InvariantCulture), $"Statement of Applicability version {number}",
            AuditAction.Approved,
            [
                new FieldChange("Version", null, number.ToString(CultureInfo.InvariantCulture)),
                new FieldChange("Change summary", null, changeSummary),
                new FieldChange("Coverage", null, $"{summary.Evidenced} of {summary.Applicable} applicable controls evidenced ({summary.Percent} %); {summary.Excluded} excluded"),
                new FieldChange("Content hash", null, version.ContentHash),
            ], cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            await transaction.RollbackAsync(cancellationToken);
            return new SaveOutcome(SaveStatus.Conflict, Message: "Someone else published a version at the same moment. Reload and publish again.");
        }
        await transaction.CommitAsync(cancellationToken);
        return new SaveOutcome(SaveStatus.Saved, number, Message: $"Version {number} of the Statement of Applicability is published.");
    }

    public async Task<Result<IReadOnlyList<SoaVersionInfo>>> VersionsAsync(ClaimsPrincipal principal, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await Actor.FindAsync(db, principal, cancellationToken) is not { IsComplianceOrAdmin: true })
        {
            return Result<IReadOnlyList<SoaVersionInfo>>.Failure(NotAllowed);
        }
        return Result.Success<IReadOnlyList<SoaVersionInfo>>(await db.SoaVersions.AsNoTracking().OrderByDescending(v => v.Number)
            .Select(v => new SoaVersionInfo(v.Number, v.PublishedAt, v.PublishedByName, v.ChangeSummary, v.ContentHash)).ToListAsync(cancellationToken));
    }

    /// <summary>
    /// Version <paramref name="number"/> as frozen; with no number, the latest published version when
    /// <paramref name="preferPublished"/>, else the working statement now. Null for a number that does not exist.
    /// </summary>
    public async Task<SoaEdition?> EditionAsync(AppDbContext db, int? number, bool preferPublished, CancellationToken cancellationToken = default)
    {
        if (number is not null || preferPublished)
        {
            var query = db.SoaVersions.AsNoTracking();
            var stored = number is { } n ? await query.SingleOrDefaultAsync(v => v.Number == n, cancellationToken)
                : await query.OrderByDescending(v => v.Number).FirstOrDefaultAsync(cancellationToken);
            if (stored is not null)
            {
                var statement = JsonSerializer.Deserialize<SoaStatement>(stored.ContentJson, Json)
                    ?? throw new InvalidOperationException($"Version {stored.Number} of the Statement of Applicability cannot be read.");
                return new SoaEdition(statement, new SoaVersionInfo(stored.Number, stored.PublishedAt, stored.PublishedByName, stored.ChangeSummary, stored.ContentHash));
            }
            if (number is not null)
            {
                return null;
            }
        }
        return new SoaEdition(await BuildAsync(db, cancellationToken), null);
    }

    private static Dictionary<string, string> Describe(bool applicable, string justification, ImplementationStatus status, string? owner) => new()
    {
        ["Applicability"] = applicable ? "Applicable" : "Not applicable",
        ["Justification"] = justification,
        ["Implementation status"] = EnumText.Of(status),
        ["Owner"] = owner ?? "",
    };

    private static DateTime Truncate(DateTime at) => new(at.Ticks - at.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
}
