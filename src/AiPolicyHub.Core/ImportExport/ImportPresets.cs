using System.Security.Claims;
using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.ImportExport;

/// <summary>A preset as the import page lists it: built in (read-only) or saved by a user.</summary>
public sealed record NamedMapping(string Name, ImportMapping Mapping, bool BuiltIn, string? Description = null);

/// <summary>Named mappings: the built-in ones for known inventories and AiPolicyHub's own export, and those users save.</summary>
public sealed class ImportPresets(IDbContextFactory<AppDbContext> contexts, AuditTrail audit, TimeProvider clock)
{
    public const string EntityType = "ImportPreset";

    public async Task<IReadOnlyList<NamedMapping>> ListAsync(ImportTarget? target = null, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var saved = await db.ImportPresets.AsNoTracking().OrderBy(p => p.Name).ToListAsync(cancellationToken);
        return BuiltInPresets.All.Concat(saved.Select(p => new NamedMapping(p.Name, p.Mapping(), false, $"Saved by {p.SavedBy}")))
            .Where(p => target is null || p.Mapping.Target == target).ToList();
    }

    public async Task<NamedMapping?> FindAsync(string name, CancellationToken cancellationToken = default) =>
        (await ListAsync(null, cancellationToken)).FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Saves (or replaces) a preset under <paramref name="name"/>; built-in names are taken.</summary>
    public async Task<Result> SaveAsync(ClaimsPrincipal principal, string name, ImportMapping mapping, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var actor = await Actor.FindAsync(db, principal, cancellationToken);
        if (actor is null || !(actor.IsManager || actor.IsComplianceOrAdmin))
        {
            return Result.Failure(InventoryImporter.NotAllowed);
        }
        name = name.Trim();
        if (name.Length is 0 or > 100)
        {
            return Result.Failure("Give the preset a name of 1 to 100 characters.");
        }
        if (BuiltInPresets.All.Any(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            return Result.Failure($"\"{name}\" is a built-in preset; save yours under another name.");
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var existing = (await db.ImportPresets.ToListAsync(cancellationToken))
            .FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
        var preset = existing ?? db.ImportPresets.Add(new ImportPreset { Name = name }).Entity;
        var before = existing?.MappingJson;
        preset.Target = mapping.Target;
        preset.MappingJson = ImportPreset.Serialize(mapping);
        preset.SavedBy = actor.Name;
        preset.SavedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(db, actor, EntityType, preset.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), name,
            existing is null ? AuditAction.Created : AuditAction.Changed, [new FieldChange("Mapping", before, preset.MappingJson)], cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result.Success();
    }
}

/// <summary>Mappings for the public inventories in the shared datasets, and for files exported from AiPolicyHub.</summary>
public static class BuiltInPresets
{
    public const string UsFederal2023 = "US Federal AI Use Case Inventory (2023)";
    public const string DutchAlgorithmRegister = "Dutch Algorithm Register (Algoritmeregister)";
    public const string ExportWorkflows = "AiPolicyHub export: workflows";
    public const string ExportTools = "AiPolicyHub export: AI tools";
    public const string ExportAgents = "AiPolicyHub export: AI agents";

    /// <summary>What a public register does not say about a use: filled in so the workflow is valid, and easy to find and correct later.</summary>
    private const string NotRecorded = "Not recorded in the source register";

    private static FieldMapping Map(ImportFieldKey field, params string[] columns) => new() { Field = field, Columns = columns };

    private static IReadOnlyList<FieldMapping> RegisterDefaults() =>
    [
        new() { Field = ImportFieldKey.DataClassification, Default = "Internal" },
        new() { Field = ImportFieldKey.ApprovingRole, Default = NotRecorded },
    ];

    public static readonly NamedMapping UsFederal = new(UsFederal2023, new ImportMapping
    {
        Target = ImportTarget.Workflows,
        Source = new SourceOptions { Format = ImportFormat.Csv },
        Match = ImportMatch.ExternalId,
        CreateMissingDepartments = true,
        OwnerDefaultsToImporter = true,
        ReviewDateFromCadence = true,
        Fields =
        [
            Map(ImportFieldKey.ExternalId, "Use_Case_ID"),
            Map(ImportFieldKey.Name, "Title") with { Truncate = true },
            Map(ImportFieldKey.Department, "Department"),
            Map(ImportFieldKey.Purpose, "Summary", "Agency", "Office", "Techniques", "Source_Code") with { Truncate = true, Default = NotRecorded },
            Map(ImportFieldKey.Stage, "Development_Stage") with
            {
                Default = "Idea",
                Values = new Dictionary<string, string>
                {
                    ["Operation and Maintenance"] = "Production", ["Operation and Management"] = "Production", ["In-use"] = "Production",
                    ["In mission"] = "Production", ["Deployment"] = "Production", ["Completed"] = "Production",
                    ["In production: more than 1 year"] = "Production", ["In production: less than six months"] = "Production",
                    ["In production: less than 6 months"] = "Production", ["In production: less than one year"] = "Production",
                    ["Implementation"] = "Pilot", ["Development and Acquisition"] = "Pilot", ["Development (not in production)"] = "Pilot",
                    ["Proof-of-concept completed"] = "Pilot", ["Proof of Concept completed and published"] = "Pilot",
                    ["Successfully tested but not in production."] = "Pilot", ["Initial development"] = "Pilot",
                    ["Currently under development"] = "Pilot", ["This is a pilot initiative"] = "Pilot",
                    ["Refinments planned for future release"] = "Pilot", ["User Acceptance Testing to begin early spring '22"] = "Pilot",
                    ["Technical transfer of capability to industry planned this summer."] = "Pilot",
                    ["OPC runs in a pseudo-operational capacity via a webpage maintained by the Massachusetts Institute of Technology - Lincoln Lab, as well as in a test and evaluation capacity in a research mode."] = "Pilot",
                    ["Initiation"] = "Idea", ["Planned (not in production)"] = "Idea", ["Investigating/Proof of concept"] = "Idea",
                },
            },
            .. RegisterDefaults(),
        ],
    }, true, "The 2023 consolidated inventory published by the US Office of Management and Budget (CSV).");

    public static readonly NamedMapping Dutch = new(DutchAlgorithmRegister, new ImportMapping
    {
        Target = ImportTarget.Workflows,
        Source = new SourceOptions { Format = ImportFormat.Json, JsonProperty = "algoritmes" },
        Match = ImportMatch.ExternalId,
        CreateMissingDepartments = true,
        OwnerDefaultsToImporter = true,
        ReviewDateFromCadence = true,
        Fields =
        [
            Map(ImportFieldKey.ExternalId, "id"),
            Map(ImportFieldKey.Name, "title") with { Truncate = true },
            Map(ImportFieldKey.Department, "organisatie"),
            Map(ImportFieldKey.Purpose, "doel", "juridische_basis", "impactassessment", "url") with { Truncate = true, Default = NotRecorded },
            Map(ImportFieldKey.Stage, "status") with
            {
                Default = "Idea",
                Values = new Dictionary<string, string>
                {
                    ["in_gebruik"] = "Production", ["ontwikkeling"] = "Pilot", ["buiten_gebruik"] = "Retired",
                },
            },
            .. RegisterDefaults(),
        ],
    }, true, "The Dutch government's public register of algorithms (JSON, records under \"algoritmes\").");

    /// <summary>Every column of an export, by its label; matching on the external id (or AiPolicyHub's own reference).</summary>
    public static NamedMapping Export(ImportTarget target) => new(target switch
    {
        ImportTarget.Tools => ExportTools,
        ImportTarget.Agents => ExportAgents,
        _ => ExportWorkflows,
    }, new ImportMapping
    {
        Target = target,
        // Agents keep no external id: they are found again by their name within their department.
        Match = target == ImportTarget.Agents ? ImportMatch.Name : ImportMatch.ExternalId,
        // An export brought into a fresh instance brings its departments along (creating them needs a compliance officer or
        // administrator, as everywhere).
        CreateMissingDepartments = true,
        Fields = ImportFields.For(target).Select(f => Map(f.Key, f.Label)).ToList(),
    }, true, "Files downloaded from AiPolicyHub's lists (CSV, XLSX or JSON).");

    public static readonly IReadOnlyList<NamedMapping> All = [UsFederal, Dutch, Export(ImportTarget.Workflows), Export(ImportTarget.Tools), Export(ImportTarget.Agents)];
}
