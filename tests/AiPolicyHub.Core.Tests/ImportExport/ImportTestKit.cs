using System.Security.Claims;
using System.Text;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.ImportExport;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Tests.ImportExport;

/// <summary>A test database with a compliance officer, and helpers to import bytes and to fingerprint what is stored.</summary>
public sealed class ImportTestKit : IAsyncDisposable
{
    public TestServices Services { get; private set; } = null!;
    public ClaimsPrincipal Officer { get; private set; } = null!;

    public static async Task<ImportTestKit> StartAsync()
    {
        var kit = new ImportTestKit { Services = await new TestServices().InitializeAsync() };
        kit.Officer = await kit.Services.CreateUserAsync("Olivia Officer", Roles.ComplianceOfficer);
        return kit;
    }

    /// <summary>A file of the shared datasets (../shared/datasets beside the repository); fails clearly when it is missing.</summary>
    public static string DatasetPath(params string[] parts) => AiPolicyHub.Tests.Shared.RepositoryPaths.Dataset(parts);

    public Task<ImportReport> ImportAsync(byte[] content, string fileName, ImportMapping mapping, bool dryRun = false,
        ClaimsPrincipal? as_ = null, CancellationToken cancellationToken = default, bool skipRejected = false) =>
        Services.Importer.ImportAsync(as_ ?? Officer, new MemoryStream(content),
            new ImportRequest { FileName = fileName, Mapping = mapping, DryRun = dryRun, SkipRejectedRows = skipRejected },
            cancellationToken: cancellationToken);

    public Task<ImportReport> ImportTextAsync(string csv, ImportMapping mapping, bool dryRun = false) =>
        ImportAsync(Encoding.UTF8.GetBytes(csv), "test.csv", mapping, dryRun);

    /// <summary>Every stored row that an import could write, as text: equal before and after means nothing changed.</summary>
    public async Task<string> SnapshotAsync()
    {
        await using var db = await Services.DbAsync();
        var text = new StringBuilder();
        text.AppendLine($"workflows {await db.Workflows.CountAsync()} tools {await db.Tools.CountAsync()} links {await db.WorkflowTools.CountAsync()} " +
            $"departments {await db.Departments.CountAsync()} audit {await db.AuditEntries.CountAsync()} presets {await db.ImportPresets.CountAsync()}");
        foreach (var w in await db.Workflows.AsNoTracking().OrderBy(w => w.Id).ToListAsync())
        {
            text.AppendLine($"{w.Id}|{w.Name}|{w.Purpose}|{w.DepartmentId}|{w.Stage}|{w.Status}|{w.Version}|{w.ExternalId}");
        }
        foreach (var t in await db.Tools.AsNoTracking().OrderBy(t => t.Id).ToListAsync())
        {
            text.AppendLine($"t{t.Id}|{t.Name}|{t.Vendor}|{t.Deployment}|{t.Capabilities}|{t.MaxClassificationId}|{t.ApprovalStatus}|{t.Notes}|{t.Version}|{t.ExternalId}");
        }
        foreach (var d in await db.Departments.AsNoTracking().OrderBy(d => d.Id).ToListAsync())
        {
            text.AppendLine($"d{d.Id}|{d.Name}");
        }
        var lastAudit = await db.AuditEntries.OrderByDescending(e => e.Id).Select(e => e.Hash).FirstOrDefaultAsync();
        text.AppendLine($"audit head {lastAudit}");
        return text.ToString();
    }

    /// <summary>A small, valid workflow mapping over columns named like the fields.</summary>
    public static ImportMapping SimpleMapping => new()
    {
        Target = ImportTarget.Workflows,
        Match = ImportMatch.ExternalId,
        Fields =
        [
            new FieldMapping { Field = ImportFieldKey.ExternalId, Columns = ["id"] },
            new FieldMapping { Field = ImportFieldKey.Name, Columns = ["name"] },
            new FieldMapping { Field = ImportFieldKey.Purpose, Columns = ["purpose"] },
            new FieldMapping { Field = ImportFieldKey.Department, Default = "General" },
            new FieldMapping { Field = ImportFieldKey.DataClassification, Default = "Internal" },
            new FieldMapping { Field = ImportFieldKey.ApprovingRole, Default = "Team lead" },
        ],
    };

    public async ValueTask DisposeAsync() => await Services.DisposeAsync();
}
