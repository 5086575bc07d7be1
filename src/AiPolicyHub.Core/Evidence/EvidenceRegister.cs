using System.Security.Claims;
using System.Security.Cryptography;
using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Evidence;

/// <summary>What a person enters about a piece of evidence (a link's address too); <see cref="Version"/> is the one they read.</summary>
public sealed class EvidenceForm
{
    public string Description { get; set; } = "";
    /// <summary>For a link: its http(s) address. Ignored for a file.</summary>
    public string? Url { get; set; }
    /// <summary>The accountable person; the one attaching it when left empty.</summary>
    public string? OwnerId { get; set; }
    public DateOnly? ProducedOn { get; set; }
    public DateOnly? ExpiresOn { get; set; }
    public int Version { get; set; }
}

/// <summary>A file as it arrives: its name (as the person's computer calls it) and its bytes, read at most up to the limit.</summary>
public sealed record EvidenceUpload(string FileName, Stream Content);

public enum EvidenceExpiry
{
    /// <summary>No expiry date.</summary>
    None,
    Current,
    /// <summary>Expires within the notice period.</summary>
    ExpiringSoon,
    Expired,
}

public sealed record EvidenceVersionView(int Number, string FileName, string ContentType, long SizeBytes, string Sha256, string UploadedBy, DateTime UploadedAt);

public sealed record EvidenceView(int Id, EvidenceKind Kind, string Description, string? Url, string? OwnerId, string OwnerName, DateOnly ProducedOn,
    DateOnly? ExpiresOn, EvidenceExpiry Expiry, int Version, IReadOnlyList<EvidenceVersionView> Versions)
{
    public EvidenceVersionView? Current => Versions.Count > 0 ? Versions[0] : null;
}

/// <summary>A subject's evidence as its page shows it, and whether the reader may change it (and if not, why).</summary>
public sealed record EvidenceListing(SubjectAccess Subject, IReadOnlyList<EvidenceView> Items);

/// <summary>A file version to download, or why not (<see cref="Found"/> false: not there, or not for this reader).</summary>
public sealed record EvidenceDownload(bool Found, string FileName = "", string ContentType = "", byte[]? Bytes = null);

/// <summary>
/// Evidence — files and links, owned and dated, with an optional expiry — attached to workflows, tools, exceptions, pauses and
/// incidents. Every way of writing evidence (the pages' panel, the upload endpoint, the API) comes through here: who may,
/// what is valid, which files are kept (<see cref="EvidenceFiles"/>, up to <see cref="EvidenceOptions.MaxFileBytes"/>), the
/// versions, the concurrency check and the audit entry in the same transaction.
/// </summary>
public sealed class EvidenceRegister(IDbContextFactory<AppDbContext> contexts, AuditTrail audit, EvidenceOptions options)
{
    public const string EntityType = "Evidence";

    /// <summary>The field a refusal for size is reported under (the upload endpoint answers 413 for it).</summary>
    public const string FileSizeField = "FileSize";
    public const string FileField = "File";

    public EvidenceOptions Options => options;

    private DateOnly Today => DateOnly.FromDateTime(audit.Clock.GetUtcNow().UtcDateTime);

    public async Task<EvidenceListing?> ListAsync(ClaimsPrincipal principal, EvidenceSubject subject, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var actor = await Actor.FindAsync(db, principal, cancellationToken);
        if (actor is null || await EvidenceSubjects.AccessAsync(db, actor, subject, cancellationToken) is not { CanSee: true } access)
        {
            return null;
        }
        var records = await (from e in db.Evidence.AsNoTracking()
                             where e.SubjectKind == subject.Kind && e.SubjectId == subject.Id
                             join u in db.Users on e.OwnerId equals u.Id into owners
                             from u in owners.DefaultIfEmpty()
                             orderby e.ProducedOn descending, e.Id descending
                             select new { Record = e, Owner = u != null ? (u.DisplayName ?? u.Email) : null })
            .ToListAsync(cancellationToken);
        var ids = records.Select(r => r.Record.Id).ToList();
        var versions = (await db.EvidenceFileVersions.AsNoTracking().Where(v => ids.Contains(v.EvidenceId))
                .OrderByDescending(v => v.Number).ToListAsync(cancellationToken))
            .ToLookup(v => v.EvidenceId, v => new EvidenceVersionView(v.Number, v.FileName, v.ContentType, v.SizeBytes, v.Sha256, v.UploadedByName, v.UploadedAt));
        var today = Today;
        var items = records.Select(r => new EvidenceView(r.Record.Id, r.Record.Kind, r.Record.Description, r.Record.Url, r.Record.OwnerId,
            string.IsNullOrWhiteSpace(r.Owner) ? "(no owner)" : r.Owner, r.Record.ProducedOn, r.Record.ExpiresOn,
            ExpiryOf(r.Record.ExpiresOn, today), r.Record.Version, [.. versions[r.Record.Id]])).ToList();
        return new EvidenceListing(access, items);
    }

    /// <summary>The expired evidence the rules see for one workflow (its own and its tools'), for its page's live findings.</summary>
    public async Task<IReadOnlyList<Rules.RuleEvidence>> ExpiredForWorkflowAsync(int workflowId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var expired = await EvidenceExpiries.ExpiredByWorkflowAsync(db, Today, db.Workflows.Where(w => w.Id == workflowId).Select(w => w.Id), cancellationToken);
        return [.. expired[workflowId]];
    }

    /// <summary>Where <paramref name="expiresOn"/> stands on <paramref name="today"/>: expired the day after its date.</summary>
    public EvidenceExpiry ExpiryOf(DateOnly? expiresOn, DateOnly today) => expiresOn switch
    {
        null => EvidenceExpiry.None,
        { } date when date < today => EvidenceExpiry.Expired,
        { } date when date.DayNumber - today.DayNumber <= options.ExpiryNoticeDays => EvidenceExpiry.ExpiringSoon,
        _ => EvidenceExpiry.Current,
    };

    /// <summary>Attaches a file (<paramref name="file"/>) or, without one, a link (<see cref="EvidenceForm.Url"/>) to <paramref name="subject"/>.</summary>
    public async Task<SaveOutcome> AddAsync(ClaimsPrincipal principal, EvidenceSubject subject, EvidenceForm form, EvidenceUpload? file,
        CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var actor = await Actor.FindAsync(db, principal, cancellationToken);
        if (actor is null)
        {
            return SaveOutcome.Forbidden("Sign in again to attach evidence.");
        }
        var access = await EvidenceSubjects.AccessAsync(db, actor, subject, cancellationToken);
        if (access is not { CanSee: true })
        {
            return new SaveOutcome(SaveStatus.NotFound, Message: EvidenceSubjects.NotFoundMessage);
        }
        if (access.ChangeRefusal is { } refusal)
        {
            return SaveOutcome.Forbidden(refusal);
        }
        var kind = file is null ? EvidenceKind.Link : EvidenceKind.File;
        var errors = await ValidateAsync(db, form, kind, cancellationToken);
        StoredFile? stored = null;
        if (file is not null)
        {
            stored = await ReadAsync(file, errors, cancellationToken);
        }
        if (!errors.IsEmpty)
        {
            return new SaveOutcome(SaveStatus.Invalid, Errors: errors, Message: string.Join(" ", errors.All));
        }

        var now = audit.Clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var record = db.Evidence.Add(new EvidenceRecord
        {
            SubjectKind = subject.Kind,
            SubjectId = subject.Id,
            Kind = kind,
            Description = form.Description.Trim(),
            Url = kind == EvidenceKind.Link ? form.Url!.Trim() : null,
            OwnerId = string.IsNullOrWhiteSpace(form.OwnerId) ? actor.UserId : form.OwnerId,
            ProducedOn = form.ProducedOn!.Value,
            ExpiresOn = form.ExpiresOn,
            CurrentFileVersion = stored is null ? 0 : 1,
            AddedById = actor.UserId,
            AddedByName = actor.Name,
            AddedAt = now,
            ChangedAt = now,
            Version = 1,
        }).Entity;
        await db.SaveChangesAsync(cancellationToken);
        EvidenceFileVersion? version = null;
        if (stored is not null)
        {
            version = AddVersion(db, record, 1, stored, actor, now);
            await db.SaveChangesAsync(cancellationToken);
        }
        await audit.AppendAsync(db, actor, EntityType, record.Id.ToString(), record.Description, AuditAction.Created,
            AuditTrail.Diff(new Dictionary<string, string>(), await DescribeAsync(db, record, access, version, cancellationToken)), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new SaveOutcome(SaveStatus.Saved, record.Id, record.Version,
            Message: stored is null ? "The link is attached." : $"“{version!.FileName}” is attached.");
    }

    /// <summary>Replaces the file of a file evidence record: a new version; the earlier ones are kept.</summary>
    public async Task<SaveOutcome> ReplaceFileAsync(ClaimsPrincipal principal, int evidenceId, int readVersion, EvidenceUpload file,
        CancellationToken cancellationToken = default)
    {
        return await ChangeAsync(principal, evidenceId, readVersion, cancellationToken, async (db, actor, record, access, errors) =>
        {
            if (record.Kind != EvidenceKind.File)
            {
                errors.Add(FileField, "This evidence is a link: change its address instead of uploading a file.");
                return null;
            }
            var stored = await ReadAsync(file, errors, cancellationToken);
            if (stored is null)
            {
                return null;
            }
            var now = audit.Clock.GetUtcNow().UtcDateTime;
            var previous = await db.EvidenceFileVersions.AsNoTracking().SingleAsync(v => v.EvidenceId == record.Id && v.Number == record.CurrentFileVersion, cancellationToken);
            record.CurrentFileVersion++;
            record.ChangedAt = now;
            var version = AddVersion(db, record, record.CurrentFileVersion, stored, actor, now);
            return (AuditAction.EvidenceReplaced, new List<FieldChange> { new("File", FileText(previous), FileText(version)) },
                $"Version {version.Number} of the file is stored; the earlier ones are kept.");
        });
    }

    /// <summary>Changes what is said about the evidence: description, a link's address, owner, dates.</summary>
    public async Task<SaveOutcome> UpdateAsync(ClaimsPrincipal principal, int evidenceId, EvidenceForm form, CancellationToken cancellationToken = default)
    {
        return await ChangeAsync(principal, evidenceId, form.Version, cancellationToken, async (db, actor, record, access, errors) =>
        {
            foreach (var (field, messages) in (await ValidateAsync(db, form, record.Kind, cancellationToken)).ByField)
            {
                messages.ForEach(m => errors.Add(field, m));
            }
            if (!errors.IsEmpty)
            {
                return null;
            }
            var before = await DescribeAsync(db, record, access, null, cancellationToken);
            record.Description = form.Description.Trim();
            record.Url = record.Kind == EvidenceKind.Link ? form.Url!.Trim() : null;
            record.OwnerId = string.IsNullOrWhiteSpace(form.OwnerId) ? record.OwnerId : form.OwnerId;
            record.ProducedOn = form.ProducedOn!.Value;
            record.ExpiresOn = form.ExpiresOn;
            record.ChangedAt = audit.Clock.GetUtcNow().UtcDateTime;
            return (AuditAction.Changed, AuditTrail.Diff(before, await DescribeAsync(db, record, access, null, cancellationToken)), "The evidence is saved.");
        });
    }

    /// <summary>Removes the evidence record with every file version; the audit trail keeps what it was (names and SHA-256 of its files).</summary>
    public async Task<SaveOutcome> DeleteAsync(ClaimsPrincipal principal, int evidenceId, int readVersion, CancellationToken cancellationToken = default)
    {
        return await ChangeAsync(principal, evidenceId, readVersion, cancellationToken, async (db, actor, record, access, errors) =>
        {
            var versions = await db.EvidenceFileVersions.AsNoTracking().Where(v => v.EvidenceId == record.Id).OrderBy(v => v.Number).ToListAsync(cancellationToken);
            var before = await DescribeAsync(db, record, access, null, cancellationToken);
            if (versions.Count > 0)
            {
                before["Files"] = string.Join("; ", versions.Select(FileText));
            }
            var ids = versions.Select(v => v.Id).ToList();
            await db.EvidenceFileContents.Where(c => ids.Contains(c.VersionId)).ExecuteDeleteAsync(cancellationToken);
            await db.EvidenceFileVersions.Where(v => v.EvidenceId == record.Id).ExecuteDeleteAsync(cancellationToken);
            db.Evidence.Remove(record);
            return (AuditAction.EvidenceDeleted, AuditTrail.Diff(before, new Dictionary<string, string>()), "The evidence is deleted.");
        });
    }

    /// <summary>One version's file, for a reader who can see its subject.</summary>
    public async Task<EvidenceDownload> DownloadAsync(ClaimsPrincipal principal, int evidenceId, int number, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var actor = await Actor.FindAsync(db, principal, cancellationToken);
        var record = await db.Evidence.AsNoTracking().Where(e => e.Id == evidenceId).Select(e => new { e.SubjectKind, e.SubjectId }).SingleOrDefaultAsync(cancellationToken);
        if (actor is null || record is null
            || await EvidenceSubjects.AccessAsync(db, actor, new EvidenceSubject(record.SubjectKind, record.SubjectId), cancellationToken) is not { CanSee: true })
        {
            return new EvidenceDownload(false);
        }
        var file = await (from v in db.EvidenceFileVersions.AsNoTracking()
                          where v.EvidenceId == evidenceId && v.Number == number
                          join c in db.EvidenceFileContents on v.Id equals c.VersionId
                          select new { v.FileName, v.ContentType, c.Bytes }).SingleOrDefaultAsync(cancellationToken);
        return file is null ? new EvidenceDownload(false) : new EvidenceDownload(true, file.FileName, file.ContentType, file.Bytes);
    }

    private delegate Task<(AuditAction Action, List<FieldChange> Changes, string Message)?> Change(AppDbContext db, Actor actor, EvidenceRecord record,
        SubjectAccess access, ValidationErrors errors);

    /// <summary>The steps every change of a stored record shares: who may, the version read, the audit entry, one transaction.</summary>
    private async Task<SaveOutcome> ChangeAsync(ClaimsPrincipal principal, int evidenceId, int readVersion, CancellationToken cancellationToken, Change change)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var actor = await Actor.FindAsync(db, principal, cancellationToken);
        if (actor is null)
        {
            return SaveOutcome.Forbidden("Sign in again to change evidence.");
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var record = await db.Evidence.SingleOrDefaultAsync(e => e.Id == evidenceId, cancellationToken);
        var access = record is null ? null
            : await EvidenceSubjects.AccessAsync(db, actor, new EvidenceSubject(record.SubjectKind, record.SubjectId), cancellationToken);
        if (record is null || access is not { CanSee: true })
        {
            return new SaveOutcome(SaveStatus.NotFound, Message: "This evidence no longer exists.");
        }
        if (access.ChangeRefusal is { } refusal)
        {
            return SaveOutcome.Forbidden(refusal);
        }
        if (record.Version != readVersion)
        {
            return Conflict(record);
        }
        var errors = new ValidationErrors();
        var done = await change(db, actor, record, access, errors);
        if (done is not { } result)
        {
            return new SaveOutcome(SaveStatus.Invalid, record.Id, record.Version, errors, Message: string.Join(" ", errors.All));
        }
        var deleted = db.Entry(record).State == EntityState.Deleted;
        if (!deleted)
        {
            if (result.Changes.Count == 0)
            {
                return new SaveOutcome(SaveStatus.Saved, record.Id, record.Version, Message: "Nothing changed.");
            }
            record.Version++;
        }
        db.Entry(record).Property(e => e.Version).OriginalValue = readVersion;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex is DbUpdateConcurrencyException || IsDuplicateVersion(ex))
        {
            // Someone changed it (or added a version) between the read and this save: nothing of this change is kept.
            await transaction.RollbackAsync(cancellationToken);
            await using var fresh = await contexts.CreateDbContextAsync(cancellationToken);
            var current = await fresh.Evidence.AsNoTracking().SingleOrDefaultAsync(e => e.Id == evidenceId, cancellationToken);
            return current is null ? new SaveOutcome(SaveStatus.NotFound, Message: "Someone deleted this evidence meanwhile.") : Conflict(current);
        }
        await audit.AppendAsync(db, actor, EntityType, evidenceId.ToString(), record.Description, result.Action, result.Changes, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new SaveOutcome(SaveStatus.Saved, evidenceId, deleted ? 0 : record.Version, Message: result.Message);
    }

    private static bool IsDuplicateVersion(DbUpdateException ex) =>
        ex.InnerException?.Message.Contains("EvidenceFileVersions", StringComparison.Ordinal) == true
        || ex.InnerException?.Message.Contains("UNIQUE", StringComparison.OrdinalIgnoreCase) == true
        || ex.InnerException?.Message.Contains("duplicate key", StringComparison.OrdinalIgnoreCase) == true;

    private static SaveOutcome Conflict(EvidenceRecord current) => new(SaveStatus.Conflict, current.Id, current.Version,
        Conflict: new EditConflict("Someone", current.ChangedAt, [], current.Version),
        Message: "Someone changed this evidence after you opened it; the list now shows their change. Nothing of yours was saved.");

    private async Task<ValidationErrors> ValidateAsync(AppDbContext db, EvidenceForm form, EvidenceKind kind, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var description = form.Description?.Trim() ?? "";
        if (description.Length < 3)
        {
            errors.Add(nameof(EvidenceForm.Description), "Say what the evidence is (3 characters or more), e.g. “Vendor SOC 2 report 2026”.");
        }
        errors.MaxLength(nameof(EvidenceForm.Description), description, "the description", EvidenceRecord.DescriptionMaxLength);
        if (kind == EvidenceKind.Link)
        {
            var url = form.Url?.Trim() ?? "";
            if (url.Length == 0)
            {
                errors.Add(nameof(EvidenceForm.Url), "Enter the link's address, starting with https://.");
            }
            else if (url.Length > EvidenceRecord.UrlMaxLength)
            {
                errors.Add(nameof(EvidenceForm.Url), $"Keep the address to {EvidenceRecord.UrlMaxLength} characters.");
            }
            else if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
                     || uri.Host.Length == 0)
            {
                errors.Add(nameof(EvidenceForm.Url), "Enter a web address starting with https:// (or http://).");
            }
            else if (uri.UserInfo.Length > 0)
            {
                errors.Add(nameof(EvidenceForm.Url), "Leave user names and passwords out of the address.");
            }
        }
        var today = Today;
        if (form.ProducedOn is not { } produced)
        {
            errors.Add(nameof(EvidenceForm.ProducedOn), "Say when the evidence was produced.");
        }
        else if (produced > today)
        {
            errors.Add(nameof(EvidenceForm.ProducedOn), "That date is in the future: say when the evidence was produced.");
        }
        else if (form.ExpiresOn is { } expires && expires < produced)
        {
            errors.Add(nameof(EvidenceForm.ExpiresOn), "The expiry date is before the date it was produced.");
        }
        if (!string.IsNullOrWhiteSpace(form.OwnerId)
            && !await db.Users.AnyAsync(u => u.Id == form.OwnerId && !u.IsDisabled, cancellationToken))
        {
            errors.Add(nameof(EvidenceForm.OwnerId), "Choose an owner from the list of people.");
        }
        return errors;
    }

    private sealed record StoredFile(string FileName, FileKind Kind, byte[] Bytes, string Sha256);

    /// <summary>
    /// Reads the file, stopping as soon as it passes the limit (so no more than the limit is ever held), and checks its name
    /// and bytes. Null, with the reasons in <paramref name="errors"/>, when it cannot be kept.
    /// </summary>
    private async Task<StoredFile?> ReadAsync(EvidenceUpload file, ValidationErrors errors, CancellationToken cancellationToken)
    {
        if (EvidenceFiles.NameProblem(file.FileName) is { } nameProblem)
        {
            errors.Add(FileField, nameProblem);
            return null;
        }
        var name = file.FileName.Trim();
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        long total = 0;
        int read;
        while ((read = await file.Content.ReadAsync(chunk, cancellationToken)) > 0)
        {
            total += read;
            if (total > options.MaxFileBytes)
            {
                errors.Add(FileSizeField, $"“{name}” is larger than {options.MaxFileSizeText}, the most AiPolicyHub keeps for one file.");
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        var bytes = buffer.ToArray();
        var inspected = EvidenceFiles.Inspect(name, bytes);
        if (!inspected.Succeeded)
        {
            foreach (var error in inspected.Errors)
            {
                errors.Add(FileField, error);
            }
            return null;
        }
        return new StoredFile(name, inspected.Value!, bytes, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }

    private static EvidenceFileVersion AddVersion(AppDbContext db, EvidenceRecord record, int number, StoredFile file, Actor actor, DateTime now)
    {
        var version = db.EvidenceFileVersions.Add(new EvidenceFileVersion
        {
            EvidenceId = record.Id,
            Number = number,
            FileName = file.FileName,
            ContentType = file.Kind.ContentType,
            SizeBytes = file.Bytes.LongLength,
            Sha256 = file.Sha256,
            UploadedById = actor.UserId,
            UploadedByName = actor.Name,
            UploadedAt = now,
            Content = new EvidenceFileContent { Bytes = file.Bytes },
        }).Entity;
        return version;
    }

    private static string FileText(EvidenceFileVersion v) =>
        $"{v.FileName} (version {v.Number}, {EvidenceFiles.SizeText(v.SizeBytes)}, SHA-256 {v.Sha256})";

    private static async Task<Dictionary<string, string>> DescribeAsync(AppDbContext db, EvidenceRecord e, SubjectAccess access, EvidenceFileVersion? file,
        CancellationToken cancellationToken)
    {
        var owner = e.OwnerId is null ? "" : await db.Users.Where(u => u.Id == e.OwnerId).Select(u => u.DisplayName ?? u.Email ?? u.Id).SingleOrDefaultAsync(cancellationToken) ?? "";
        var described = new Dictionary<string, string>
        {
            ["Attached to"] = access.Described,
            ["Kind"] = EnumText.Of(e.Kind),
            ["Description"] = e.Description,
            ["Owner"] = owner,
            ["Produced on"] = e.ProducedOn.ToString("yyyy-MM-dd"),
            ["Expires on"] = e.ExpiresOn?.ToString("yyyy-MM-dd") ?? "",
        };
        if (e.Url is not null)
        {
            described["Link"] = e.Url;
        }
        if (file is not null)
        {
            described["File"] = FileText(file);
        }
        return described;
    }
}
