using System.Globalization;
using System.Security.Claims;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.ImportExport.Export;

/// <summary>
/// The workflow and tool lists as files, with the list's own filter and order. The columns are the import fields'
/// labels, so an export imports again with the "AiPolicyHub export" preset; the rows stream from the database.
/// </summary>
public sealed partial class InventoryExporter(IDbContextFactory<AppDbContext> contexts, TimeProvider clock)
{
    public const string NotAllowed = "Sign in with an enabled account to export the inventory.";

    public async Task<Result<string>> ExportWorkflowsAsync(ClaimsPrincipal principal, WorkflowListQuery filter, ExportFormat format, Stream output,
        CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await Actor.FindAsync(db, principal, cancellationToken) is null)
        {
            return Result<string>.Failure(NotAllowed);
        }
        var names = await ExportNames.LoadAsync(db, cancellationToken);
        var fields = ImportFields.Workflow;
        var workflows = WorkflowInventory.Sort(WorkflowInventory.Filter(db, db.Workflows.AsNoTracking(), filter), filter).Include(w => w.Tools);
        using (var writer = TableWriter.Create(format, output, fields.Select(f => f.Label).ToList(), Numeric(fields), "Workflows"))
        {
            await foreach (var w in workflows.AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                writer.WriteRow(Row(w, names));
            }
        }
        return Result.Success(FileName("workflows", format));
    }

    public async Task<Result<string>> ExportToolsAsync(ClaimsPrincipal principal, bool includeRetired, ExportFormat format, Stream output,
        CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await Actor.FindAsync(db, principal, cancellationToken) is null)
        {
            return Result<string>.Failure(NotAllowed);
        }
        var names = await ExportNames.LoadAsync(db, cancellationToken);
        var fields = ImportFields.Tool;
        var tools = db.Tools.AsNoTracking().Where(t => includeRetired || t.ApprovalStatus != ToolApprovalStatus.Retired).OrderBy(t => t.Name);
        using (var writer = TableWriter.Create(format, output, fields.Select(f => f.Label).ToList(), Numeric(fields), "AI tools"))
        {
            await foreach (var t in tools.AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                writer.WriteRow(Row(t, names));
            }
        }
        return Result.Success(FileName("ai-tools", format));
    }

    private string FileName(string what, ExportFormat format) =>
        $"{what}-{clock.GetUtcNow().UtcDateTime:yyyy-MM-dd-HHmm}.{TableWriter.Extension(format)}";

    private static HashSet<int> Numeric(IReadOnlyList<ImportField> fields) =>
        fields.Select((f, i) => (f, i)).Where(x => x.f.Kind == ImportFieldKind.Number).Select(x => x.i).ToHashSet();

    /// <summary>A workflow's cells in the order of <see cref="ImportFields.Workflow"/>, in the words the importer reads back.</summary>
    public static string[] Row(Workflow w, ExportNames names) =>
    [
        w.ExternalId ?? $"AIPH-W-{w.Id}",
        w.Name,
        names.Department(w.DepartmentId),
        names.Person(w.OwnerId),
        w.Purpose,
        string.Join("; ", w.Tools.Select(t => names.Tool(t.ToolId)).Order(StringComparer.Ordinal)),
        EnumText.Of(w.Stage),
        EnumText.Of(w.Autonomy),
        EnumText.Of(w.Audience),
        Flags(w.AffectsPeople),
        names.Classification(w.DataClassificationId),
        Flags(w.DataCategories),
        EnumText.Of(w.Oversight),
        Number(w.SpotCheckPercent),
        w.ApprovingRole,
        Flags(w.Controls),
        Number(w.MonthlyVolume),
        Number(w.ReviewCadenceMonths),
        w.NextReviewDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
        EnumText.Of(w.Status),
    ];

    public static string[] Row(AiTool t, ExportNames names) =>
    [
        t.ExternalId ?? $"AIPH-T-{t.Id}",
        t.Name,
        t.Vendor,
        t.ModelVersion,
        EnumText.Of(t.Deployment),
        Flags(t.Capabilities),
        EnumText.Of(t.TrainsOnOurData),
        Number(t.RetentionDays),
        t.DataResidency,
        t.HasDataProcessingAgreement ? "Yes" : "No",
        names.Classification(t.MaxClassificationId),
        EnumText.Of(t.ApprovalStatus),
        names.Person(t.OwnerId),
        t.Notes,
    ];

    private static string Number(int? n) => n?.ToString(CultureInfo.InvariantCulture) ?? "";

    /// <summary>Flags separated by semicolons (some of their words contain commas); empty for none.</summary>
    private static string Flags<T>(T value) where T : struct, Enum =>
        string.Join("; ", EnumText.Flags(value).Select(f => EnumText.Of(f)));
}

/// <summary>Names for the ids a row holds: departments, levels and tools by name, people by email (unique, and what the importer looks up).</summary>
public sealed class ExportNames(IReadOnlyDictionary<int, string> departments, IReadOnlyDictionary<int, string> levels,
    IReadOnlyDictionary<int, string> tools, IReadOnlyDictionary<string, string> people)
{
    public string Department(int id) => departments.GetValueOrDefault(id, "");
    public string Classification(int id) => levels.GetValueOrDefault(id, "");
    public string Tool(int id) => tools.GetValueOrDefault(id, "");
    public string Person(string? id) => id is null ? "" : people.GetValueOrDefault(id, "");

    public static async Task<ExportNames> LoadAsync(AppDbContext db, CancellationToken cancellationToken) => new(
        await db.Departments.ToDictionaryAsync(d => d.Id, d => d.Name, cancellationToken),
        await db.ClassificationLevels.ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken),
        await db.Tools.ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken),
        await db.Users.ToDictionaryAsync(u => u.Id, u => u.Email ?? u.DisplayName, cancellationToken));
}
