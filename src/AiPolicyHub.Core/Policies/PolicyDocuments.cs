using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Reports;
using AiPolicyHub.Core.Reports.Definitions;
using AiPolicyHub.Core.Rules;
using AiPolicyHub.Core.Rules.Stored;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Policies;

/// <summary>A published version's facts, without its content.</summary>
public sealed record PolicyVersionInfo(int Number, DateTime PublishedAt, string ApprovedBy, string ChangeSummary, string ContentHash);

/// <summary>A published version with its frozen content.</summary>
public sealed record PublishedPolicy(PolicyVersionInfo Info, PolicyContent Content);

/// <summary>The draft for the editor: its sections, the version token to save against, and who saved it last.</summary>
public sealed record PolicyDraftView(IReadOnlyList<DraftSection> Sections, int Version, DateTime? UpdatedAt, string? UpdatedBy, int NextNumber);

/// <summary>Two versions compared; <paramref name="From"/> is null when <paramref name="To"/> is the first version.</summary>
public sealed record PolicyComparison(PolicyVersionInfo? From, PolicyVersionInfo To, IReadOnlyList<SectionDiff> Sections);

/// <summary>
/// The AI usage policy as a versioned document. Compliance officers and administrators edit the draft (authored Markdown
/// sections mixed with sections generated from live data) and publish it, which freezes an immutable version: number,
/// date, approver, change summary, and the whole content with the generated sections as they were at that moment.
/// Everyone signed in reads the published versions and their differences. Every role is checked on the server.
/// </summary>
public sealed class PolicyDocuments(
    IDbContextFactory<AppDbContext> contexts, ToolDirectory toolDirectory, RuleSettingsStore ruleSettings, AuditTrail audit, TimeProvider clock,
    ReportOptions options)
{
    public const string DraftEntityType = "PolicyDraft";
    public const string VersionEntityType = "PolicyVersion";
    public const string NotAllowed = "Only compliance officers and administrators can edit and publish the policy.";
    public const int MaxSections = 40;
    public const int MaxTitleLength = 200;

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The draft, or the default one while nobody has saved a draft yet (compliance and administrators only).</summary>
    public async Task<Result<PolicyDraftView>> DraftAsync(ClaimsPrincipal principal, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await Actor.FindAsync(db, principal, cancellationToken) is not { IsComplianceOrAdmin: true })
        {
            return Result<PolicyDraftView>.Failure(NotAllowed);
        }
        return Result.Success(await DraftViewAsync(db, options.OrganisationName, cancellationToken));
    }

    /// <summary>The generated sections' content from live data right now, for the editor's preview (compliance and administrators only).</summary>
    public async Task<Result<IReadOnlyDictionary<PolicySectionKind, IReadOnlyList<ReportBlock>>>> GeneratedAsync(ClaimsPrincipal principal,
        CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await Actor.FindAsync(db, principal, cancellationToken) is not { IsComplianceOrAdmin: true })
        {
            return Result<IReadOnlyDictionary<PolicySectionKind, IReadOnlyList<ReportBlock>>>.Failure(NotAllowed);
        }
        var (tools, rules) = await LiveDataAsync(db, principal, cancellationToken);
        return Result.Success<IReadOnlyDictionary<PolicySectionKind, IReadOnlyList<ReportBlock>>>(
            PolicySectionKinds.Generated.ToDictionary(k => k, k => UsagePolicyReport.GeneratedBlocks(k, tools, rules)));
    }

    /// <summary>Saves the draft, unless someone else saved it after <paramref name="version"/> (then nothing is stored and the outcome says who).</summary>
    public async Task<SaveOutcome> SaveDraftAsync(ClaimsPrincipal principal, IReadOnlyList<DraftSection> sections, int version,
        CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var actor = await Actor.FindAsync(db, principal, cancellationToken);
        if (actor is not { IsComplianceOrAdmin: true })
        {
            return SaveOutcome.Forbidden(NotAllowed);
        }
        var errors = Validate(sections, null);
        if (!errors.IsEmpty)
        {
            return new SaveOutcome(SaveStatus.Invalid, Errors: errors);
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var saved = await StoreDraftAsync(db, actor, sections, version, cancellationToken);
        if (saved.Status == SaveStatus.Saved)
        {
            await transaction.CommitAsync(cancellationToken);
        }
        return saved;
    }

    /// <summary>
    /// Saves the draft and publishes it as the next version, in one transaction: the generated sections are composed
    /// from live data now and frozen with the rest. The change summary is required: it is what staff are shown.
    /// </summary>
    public async Task<SaveOutcome> PublishAsync(ClaimsPrincipal principal, IReadOnlyList<DraftSection> sections, int version, string changeSummary,
        CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var actor = await Actor.FindAsync(db, principal, cancellationToken);
        if (actor is not { IsComplianceOrAdmin: true })
        {
            return SaveOutcome.Forbidden(NotAllowed);
        }
        changeSummary = changeSummary.Trim();
        var errors = Validate(sections, changeSummary);
        if (!errors.IsEmpty)
        {
            return new SaveOutcome(SaveStatus.Invalid, Errors: errors);
        }
        var (tools, rules) = await LiveDataAsync(db, principal, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var saved = await StoreDraftAsync(db, actor, sections, version, cancellationToken);
        if (saved.Status != SaveStatus.Saved)
        {
            return saved;
        }
        // Publishing moves the draft's version on even when its text did not change, so an officer still looking at the
        // same draft cannot publish it a second time as the next number.
        var draftRow = await db.PolicyDrafts.SingleAsync(d => d.Id == PolicyDraft.SingletonId, cancellationToken);
        if (draftRow.Version == saved.Version)
        {
            draftRow.Version = saved.Version + 1;
            db.Entry(draftRow).Property(d => d.Version).OriginalValue = saved.Version;
        }
        var content = Compose(sections, tools, rules);
        var json = JsonSerializer.Serialize(content.Sections, Json);
        var number = (await db.PolicyVersions.MaxAsync(v => (int?)v.Number, cancellationToken) ?? 0) + 1;
        var published = new PolicyVersion
        {
            Number = number,
            PublishedAt = Truncate(clock.GetUtcNow()),
            ApprovedById = actor.UserId,
            ApprovedByName = actor.Name,
            ChangeSummary = changeSummary,
            ContentJson = json,
            ContentHash = HashOf(json),
        };
        db.PolicyVersions.Add(published);
        await audit.AppendAsync(db, actor, VersionEntityType, number.ToString(System.Globalization.CultureInfo.InvariantCulture), $"AI usage policy version {number}",
            AuditAction.Approved,
            [
                new FieldChange("Version", null, number.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new FieldChange("Change summary", null, changeSummary),
                new FieldChange("Sections", null, string.Join("\n", content.Sections.Select(s => s.Title))),
                new FieldChange("Content hash", null, published.ContentHash),
            ], cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another officer published the same number a moment earlier.
            await transaction.RollbackAsync(cancellationToken);
            return new SaveOutcome(SaveStatus.Conflict, Message: "Someone else published a version at the same moment. Reload the draft and publish again.");
        }
        // Everyone is asked, in the bell too, to read and acknowledge it.
        await Notifications.NotificationCenter.NotifyEveryoneAsync(db, audit.Clock, Notifications.NotificationKind.PolicyVersion,
            $"Version {number} of the AI usage policy is published: read and acknowledge it", "/policy", $"policy-version:{number}", cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new SaveOutcome(SaveStatus.Saved, number, draftRow.Version, Message: $"Version {number} is published.");
    }

    /// <summary>Every published version, newest first (everyone signed in).</summary>
    public async Task<IReadOnlyList<PolicyVersionInfo>> VersionsAsync(ClaimsPrincipal principal, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await Actor.FindAsync(db, principal, cancellationToken) is null)
        {
            return [];
        }
        return await InfosAsync(db, cancellationToken);
    }

    /// <summary>A published version, the latest when <paramref name="number"/> is null; null when there is none (or the reader is signed out).</summary>
    public async Task<PublishedPolicy?> GetAsync(ClaimsPrincipal principal, int? number = null, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await Actor.FindAsync(db, principal, cancellationToken) is null)
        {
            return null;
        }
        return await LoadVersionAsync(db, number, cancellationToken);
    }

    /// <summary>
    /// Version <paramref name="number"/> against <paramref name="against"/> (by default the version before it; for the first
    /// version, against nothing, so everything is new). Null when a version does not exist.
    /// </summary>
    public async Task<PolicyComparison?> CompareAsync(ClaimsPrincipal principal, int number, int? against = null, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await Actor.FindAsync(db, principal, cancellationToken) is null)
        {
            return null;
        }
        var to = await LoadVersionAsync(db, number, cancellationToken);
        var baseline = against ?? number - 1;
        var from = baseline >= 1 ? await LoadVersionAsync(db, baseline, cancellationToken) : null;
        if (to is null || (baseline >= 1 && from is null))
        {
            return null;
        }
        return new PolicyComparison(from?.Info, to.Info, PolicyDiff.Compare(from?.Content, to.Content));
    }

    /// <summary>
    /// What the usage-policy report prints: version <paramref name="number"/> (or the latest) as frozen, or, while none is
    /// published and no number was asked for, a draft with live generated sections: the saved draft for those who may edit
    /// it (<paramref name="mayReadDraft"/>), the default text for everyone else, since work in progress is not policy.
    /// Null for a number that does not exist.
    /// </summary>
    public static async Task<(PolicyContent Content, PolicyVersionInfo? Version, ReportFingerprint Fingerprint)?> EditionAsync(AppDbContext db,
        int? number, string organisationName, Func<Task<IReadOnlyList<ToolDirectoryEntry>>> tools, IReadOnlyList<IPolicyRule> rules,
        bool mayReadDraft, CancellationToken cancellationToken = default)
    {
        if (await LoadVersionAsync(db, number, cancellationToken) is { } published)
        {
            return (published.Content, published.Info, FingerprintOf(published));
        }
        if (number is not null)
        {
            return null;
        }
        var draft = mayReadDraft
            ? await DraftViewAsync(db, organisationName, cancellationToken)
            : new PolicyDraftView(DefaultPolicy.Sections(organisationName), 0, null, null, 1);
        var live = await tools();
        var content = Compose(draft.Sections, live, rules);
        var fingerprint = UsagePolicyReport.Fingerprint(live, rules);
        for (var i = 0; i < draft.Sections.Count; i++)
        {
            var s = draft.Sections[i];
            fingerprint.Add("draft-section", i, s.Key, s.Title, s.Kind, s.Markdown);
        }
        return (content, null, fingerprint);
    }

    /// <summary>The fingerprint of a published version: only what was frozen, so it never changes.</summary>
    public static ReportFingerprint FingerprintOf(PublishedPolicy published)
    {
        var info = published.Info;
        var fingerprint = new ReportFingerprint().Add("policy-version", info.Number, info.PublishedAt, info.ApprovedBy, info.ChangeSummary, info.ContentHash);
        for (var i = 0; i < published.Content.Sections.Count; i++)
        {
            var s = published.Content.Sections[i];
            fingerprint.Add("section", i, s.Key, s.Title, s.Kind, string.Join("\n", PolicyText.Lines(s)));
        }
        return fingerprint;
    }

    /// <summary>The sections with their content: authored ones from their Markdown, generated ones from the live data given.</summary>
    public static PolicyContent Compose(IReadOnlyList<DraftSection> sections, IReadOnlyList<ToolDirectoryEntry> tools, IReadOnlyList<IPolicyRule> rules) =>
        new([.. sections.Select(s => new PolicySection(s.Key, s.Title.Trim(), s.Kind, s.IsGenerated ? "" : s.Markdown,
            s.IsGenerated ? UsagePolicyReport.GeneratedBlocks(s.Kind, tools, rules) : PolicyMarkdown.ToBlocks(s.Markdown)))]);

    /// <summary>Field names are <c>Sections[i].Title</c>, <c>Sections[i].Markdown</c>, <c>Sections</c> and <c>ChangeSummary</c>.</summary>
    public static ValidationErrors Validate(IReadOnlyList<DraftSection> sections, string? changeSummary)
    {
        var errors = new ValidationErrors();
        if (sections.Count == 0)
        {
            errors.Add("Sections", "The policy needs at least one section.");
        }
        if (sections.Count > MaxSections)
        {
            errors.Add("Sections", $"Keep the policy to {MaxSections} sections or fewer.");
        }
        if (sections.Select(s => s.Key).Distinct().Count() != sections.Count || sections.Any(s => string.IsNullOrWhiteSpace(s.Key) || s.Key.Length > 50))
        {
            errors.Add("Sections", "Each section needs its own key.");
        }
        foreach (var kind in sections.Where(s => s.IsGenerated).GroupBy(s => s.Kind).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            errors.Add("Sections", $"“{PolicySectionKinds.DefaultTitle(kind)}” can appear only once.");
        }
        for (var i = 0; i < sections.Count; i++)
        {
            errors.Required($"Sections[{i}].Title", sections[i].Title, "a title for the section", MaxTitleLength);
            if (!sections[i].IsGenerated)
            {
                if (string.IsNullOrWhiteSpace(sections[i].Markdown))
                {
                    errors.Add($"Sections[{i}].Markdown", "Write the section's text, or remove the section.");
                }
                errors.MaxLength($"Sections[{i}].Markdown", sections[i].Markdown, "the section's text", PolicyMarkdown.MaxLength);
            }
        }
        if (changeSummary is not null)
        {
            if (changeSummary.Trim().Length < 10)
            {
                errors.Add("ChangeSummary", "Say in a sentence or two (10 characters or more) what changed: staff are shown it before they acknowledge.");
            }
            errors.MaxLength("ChangeSummary", changeSummary, "the change summary", 2000);
        }
        return errors;
    }

    internal static string HashOf(string json) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));

    private static DateTime Truncate(DateTimeOffset now) =>
        new(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);

    private async Task<(IReadOnlyList<ToolDirectoryEntry> Tools, IReadOnlyList<IPolicyRule> Rules)> LiveDataAsync(AppDbContext db, ClaimsPrincipal principal,
        CancellationToken cancellationToken)
    {
        var rules = new RuleEngine(await ruleSettings.LoadAsync(db, cancellationToken)).EnabledRules;
        var tools = (await toolDirectory.ListAsync(principal, null, cancellationToken)).Tools;
        return (tools, rules);
    }

    private static async Task<PolicyDraftView> DraftViewAsync(AppDbContext db, string organisationName, CancellationToken cancellationToken)
    {
        var next = (await db.PolicyVersions.MaxAsync(v => (int?)v.Number, cancellationToken) ?? 0) + 1;
        var draft = await db.PolicyDrafts.AsNoTracking().SingleOrDefaultAsync(d => d.Id == PolicyDraft.SingletonId, cancellationToken);
        return draft is null
            ? new PolicyDraftView(DefaultPolicy.Sections(organisationName), 0, null, null, next)
            : new PolicyDraftView(JsonSerializer.Deserialize<List<DraftSection>>(draft.SectionsJson, Json) ?? [], draft.Version, draft.UpdatedAt, draft.UpdatedByName, next);
    }

    private async Task<SaveOutcome> StoreDraftAsync(AppDbContext db, Actor actor, IReadOnlyList<DraftSection> sections, int version,
        CancellationToken cancellationToken)
    {
        sections = [.. sections.Select(s => s with { Title = s.Title.Trim(), Markdown = s.IsGenerated ? "" : s.Markdown.Replace("\r\n", "\n") })];
        var stored = await db.PolicyDrafts.SingleOrDefaultAsync(d => d.Id == PolicyDraft.SingletonId, cancellationToken);
        var storedVersion = stored?.Version ?? 0;
        var before = stored is null ? Describe(DefaultPolicy.Sections(options.OrganisationName))
            : Describe(JsonSerializer.Deserialize<List<DraftSection>>(stored.SectionsJson, Json) ?? []);
        if (storedVersion != version)
        {
            var conflict = await AuditTrail.ConflictAsync(db, DraftEntityType, "draft", storedVersion, null, before, cancellationToken);
            return new SaveOutcome(SaveStatus.Conflict, PolicyDraft.SingletonId, storedVersion, Conflict: conflict,
                Message: $"{conflict.ChangedBy} saved the policy draft while you were editing it. Nothing of yours was saved yet.");
        }
        var after = Describe(sections);
        var changes = AuditTrail.Diff(before, after);
        if (stored is not null && changes.Count == 0)
        {
            return new SaveOutcome(SaveStatus.Saved, PolicyDraft.SingletonId, stored.Version);
        }
        if (stored is null)
        {
            stored = db.PolicyDrafts.Add(new PolicyDraft()).Entity;
        }
        stored.SectionsJson = JsonSerializer.Serialize(sections, Json);
        stored.UpdatedAt = Truncate(clock.GetUtcNow());
        stored.UpdatedByName = actor.Name;
        stored.Version = version + 1;
        db.Entry(stored).Property(d => d.Version).OriginalValue = version;
        await audit.AppendAsync(db, actor, DraftEntityType, "draft", "AI usage policy (draft)", version == 0 ? AuditAction.Created : AuditAction.Changed,
            changes, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another save got in between reading and writing (a concurrency token mismatch, or a second first save).
            return new SaveOutcome(SaveStatus.Conflict, PolicyDraft.SingletonId, version,
                Conflict: new EditConflict("Someone", null, [], version + 1),
                Message: "Someone else saved the policy draft at the same moment. Nothing of yours was saved yet.");
        }
        return new SaveOutcome(SaveStatus.Saved, PolicyDraft.SingletonId, stored.Version);
    }

    /// <summary>The draft as fields for the audit trail and conflict messages: the order, and each section's text.</summary>
    private static Dictionary<string, string> Describe(IReadOnlyList<DraftSection> sections)
    {
        var fields = new Dictionary<string, string> { ["Sections"] = string.Join("\n", sections.Select(s => s.Title.Trim())) };
        foreach (var s in sections)
        {
            fields[$"“{s.Title.Trim()}”"] = s.IsGenerated ? $"({PolicySectionKinds.Describe(s.Kind)})" : s.Markdown.Replace("\r\n", "\n").TrimEnd();
        }
        return fields;
    }

    private static async Task<IReadOnlyList<PolicyVersionInfo>> InfosAsync(AppDbContext db, CancellationToken cancellationToken) =>
        await db.PolicyVersions.AsNoTracking().OrderByDescending(v => v.Number)
            .Select(v => new PolicyVersionInfo(v.Number, v.PublishedAt, v.ApprovedByName, v.ChangeSummary, v.ContentHash))
            .ToListAsync(cancellationToken);

    internal static async Task<PublishedPolicy?> LoadVersionAsync(AppDbContext db, int? number, CancellationToken cancellationToken)
    {
        var query = db.PolicyVersions.AsNoTracking();
        var version = number is { } n
            ? await query.SingleOrDefaultAsync(v => v.Number == n, cancellationToken)
            : await query.OrderByDescending(v => v.Number).FirstOrDefaultAsync(cancellationToken);
        if (version is null)
        {
            return null;
        }
        var sections = JsonSerializer.Deserialize<List<PolicySection>>(version.ContentJson, Json) ?? [];
        return new PublishedPolicy(new PolicyVersionInfo(version.Number, version.PublishedAt, version.ApprovedByName, version.ChangeSummary, version.ContentHash),
            new PolicyContent(sections));
    }
}
