using System.Security.Claims;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.ImportExport;
using AiPolicyHub.Core.ImportExport.Export;
using AiPolicyHub.Core.Inventory;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Tests.ImportExport;

/// <summary>
/// Acceptance 3: whatever a workflow holds — commas, quotes, line breaks, formula-like text, any alphabet — exporting it
/// (CSV, XLSX or JSON) and importing the file into another installation gives back every field.
/// </summary>
public sealed class ExportImportRoundTripProperties : IAsyncLifetime
{
    // Pieces of text a real inventory holds: delimiters, quotes, line breaks, formula starts, accents, CJK, emoji, and the
    // control characters that pasted text carries (XML cannot hold them: the XLSX export escapes them as _xHHHH_).
    private static readonly string[] Pieces =
        ["a", "Z", "7", " ", ",", ";", "\"", "'", "\n", "\r\n", "\t", "=", "+", "-", "@", "é", "ß", "Ωμέγα", "Кириллица", "名前", "🙂", "|", "\\", "<b>", "&amp;", "%", "…", "_x000D_", "\u0001", "\u001b", "\u0007"];

    private static readonly string[] Departments = ["Ventes, Marketing & \"Brand\"", "Forschung & Entwicklung", "総務"];
    private static readonly string[] ToolNames = ["Chat, Enterprise \"Pro\"", "DeepL Pro", "Llama 🦙 intern"];

    private TestServices source = null!, target = null!;
    private ClaimsPrincipal sourceOfficer = null!, targetOfficer = null!;
    private readonly Dictionary<string, string> sourceUsers = [], targetUsers = [];

    public async Task InitializeAsync()
    {
        (source, sourceOfficer) = await SetUpAsync(sourceUsers, withDepartments: true);
        // The target has no departments: the export preset creates the ones the file names, as a fresh instance needs.
        (target, targetOfficer) = await SetUpAsync(targetUsers, withDepartments: false);
    }

    /// <summary>Two installations with the same tools and people (by name and email), but their own ids.</summary>
    private static async Task<(TestServices, ClaimsPrincipal)> SetUpAsync(Dictionary<string, string> users, bool withDepartments)
    {
        var services = await new TestServices().InitializeAsync();
        var officer = await services.CreateUserAsync("Olivia Officer", Roles.ComplianceOfficer);
        var owner = await services.CreateUserAsync("Oyvind Owner", Roles.Manager);
        users["olivia.officer@example.com"] = TestServices.UserId(officer);
        users["oyvind.owner@example.com"] = TestServices.UserId(owner);
        await using var db = await services.DbAsync();
        if (withDepartments)
        {
            db.Departments.AddRange(Departments.Select(d => new Department { Name = d }));
        }
        var level = await db.ClassificationLevels.OrderByDescending(l => l.Rank).FirstAsync();
        db.Tools.AddRange(ToolNames.Select(t => new AiTool { Name = t, Vendor = "V", MaxClassificationId = level.Id, Version = 1 }));
        await db.SaveChangesAsync();
        return (services, officer);
    }

    public async Task DisposeAsync()
    {
        await source.DisposeAsync();
        await target.DisposeAsync();
    }

    private static Gen<string> Text(int maxPieces) =>
        Gen.Choose(1, maxPieces).SelectMany(n => Gen.ArrayOf(Gen.Elements(Pieces), n))
            .Select(p => string.Concat(p).Trim())
            .Select(t => t.Length == 0 ? "x" : t);

    private static Gen<T> Any<T>() where T : struct, Enum => Gen.Elements(Enum.GetValues<T>());

    private static Gen<T> AnyFlags<T>() where T : struct, Enum =>
        Gen.Choose(0, Enum.GetValues<T>().Select(v => Convert.ToInt32(v)).Aggregate(0, (a, b) => a | b)).Select(v => (T)(object)v);

    public sealed record Sample(ExportFormat Format, IReadOnlyList<Generated> Workflows);

    public sealed record Generated(string Name, string Purpose, int Department, bool Owned, int[] Tools, LifecycleStage Stage, Autonomy Autonomy,
        Audience Audience, PeopleImpact People, int Level, DataCategories Categories, HumanOversight Oversight, int Spot, string Role,
        VerificationControls Controls, int? Volume, int Cadence, DateOnly? Review, WorkflowStatus Status);

    private static readonly Gen<Generated> Workflow =
        from name in Text(12)
        from purpose in Text(40)
        from department in Gen.Choose(0, Departments.Length - 1)
        from owned in Gen.Elements(true, false)
        from tools in Gen.SubListOf(new[] { 0, 1, 2 }).Select(t => t.ToArray())
        from stage in Any<LifecycleStage>()
        from autonomy in Any<Autonomy>()
        from audience in Any<Audience>()
        from people in AnyFlags<PeopleImpact>()
        from level in Gen.Choose(0, 3)
        from categories in AnyFlags<DataCategories>()
        from oversight in Any<HumanOversight>()
        from spot in Gen.Choose(1, 100)
        from role in Text(6)
        from controls in AnyFlags<VerificationControls>()
        from volume in Gen.OneOf(Gen.Constant<int?>(null), Gen.Choose(0, 1_000_000_000).Select(v => (int?)v))
        from cadence in Gen.Choose(1, 60)
        from review in Gen.OneOf(Gen.Constant<DateOnly?>(null), Gen.Choose(0, 36_000).Select(d => (DateOnly?)new DateOnly(2000, 1, 1).AddDays(d)))
        // A new record starts as a draft, submitted or retired: nobody creates one as approved or rejected (separation of duties,
        // and a rejection needs its comment), and a pause is a record with a reason and restart conditions, not a status.
        from status in Gen.Elements(WorkflowStatus.Draft, WorkflowStatus.Submitted, WorkflowStatus.Retired)
        select new Generated(name.Length > 200 ? name[..200].Trim() : name, purpose, department, owned || stage == LifecycleStage.Production, tools,
            stage, autonomy, audience, people, level, categories, oversight, spot, role,
            controls, volume, cadence, stage == LifecycleStage.Production ? review ?? new DateOnly(2027, 1, 1) : review, status);

    [Fact]
    public void Export_then_import_gives_back_every_field_of_every_workflow()
    {
        var samples = (from format in Gen.Elements(ExportFormat.Csv, ExportFormat.Xlsx, ExportFormat.Json)
                       from n in Gen.Choose(1, 4)
                       from workflows in Gen.ArrayOf(Workflow, n)
                       select new Sample(format, workflows)).ToArbitrary();

        // 40 files of 1–4 workflows each: every field, each format about 13 times, in well under a minute.
        Prop.ForAll(samples, sample => RoundTripsAsync(sample).GetAwaiter().GetResult()).Check(Config.QuickThrowOnFailure.WithMaxTest(40));
    }

    private async Task<bool> RoundTripsAsync(Sample sample)
    {
        var stored = await StoreAsync(sample.Workflows);
        using var file = new MemoryStream();
        var exported = await source.Exporter.ExportWorkflowsAsync(sourceOfficer, new WorkflowListQuery(IncludeRetired: true), sample.Format, file);
        Assert.True(exported.Succeeded);

        file.Position = 0;
        var report = await target.Importer.ImportAsync(targetOfficer, file, new ImportRequest
        {
            FileName = exported.Value!,
            Mapping = BuiltInPresets.Export(ImportTarget.Workflows).Mapping,
        });
        Assert.True(report.Committed, report.Summary + " " + string.Join(" ", report.RowResults.SelectMany(r => r.Issues).Select(i => $"{i.Row} {i.Field}: {i.Message}")));

        await using var sourceDb = await source.DbAsync();
        await using var targetDb = await target.DbAsync();
        foreach (var id in stored)
        {
            var original = await Describe(sourceDb, await sourceDb.Workflows.Include(w => w.Tools).SingleAsync(w => w.Id == id), sourceUsers);
            var copy = await Describe(targetDb, await targetDb.Workflows.Include(w => w.Tools).SingleAsync(w => w.ExternalId == $"AIPH-W-{id}"), targetUsers);
            Assert.Equal(original, copy);
        }
        return true;
    }

    private async Task<List<int>> StoreAsync(IReadOnlyList<Generated> generated)
    {
        await using var db = await source.DbAsync();
        // Each file holds only this sample's workflows.
        await db.WorkflowTools.ExecuteDeleteAsync();
        await db.Workflows.ExecuteDeleteAsync();
        var departments = await db.Departments.Where(d => Departments.Contains(d.Name)).ToDictionaryAsync(d => d.Name, d => d.Id);
        var tools = await db.Tools.ToDictionaryAsync(t => t.Name, t => t.Id);
        var levels = await db.ClassificationLevels.OrderBy(l => l.Rank).Select(l => l.Id).ToListAsync();
        var workflows = generated.Select(g => new Workflow
        {
            Name = g.Name, Purpose = g.Purpose, DepartmentId = departments[Departments[g.Department]],
            OwnerId = g.Owned ? sourceUsers["oyvind.owner@example.com"] : null,
            Tools = g.Tools.Select(t => new WorkflowTool { ToolId = tools[ToolNames[t]] }).ToList(),
            Stage = g.Stage, Autonomy = g.Autonomy, Audience = g.Audience, AffectsPeople = g.People, DataClassificationId = levels[g.Level],
            DataCategories = g.Categories, Oversight = g.Oversight, SpotCheckPercent = g.Oversight == HumanOversight.SpotCheck ? g.Spot : null,
            ApprovingRole = g.Oversight == HumanOversight.None ? "" : g.Role, Controls = g.Controls, MonthlyVolume = g.Volume,
            ReviewCadenceMonths = g.Cadence, NextReviewDate = g.Review, Status = g.Status, Version = 1,
        }).ToList();
        db.Workflows.AddRange(workflows);
        await db.SaveChangesAsync();
        return workflows.Select(w => w.Id).ToList();
    }

    /// <summary>Every field of the edit page, with ids turned into the names both installations share.</summary>
    private static async Task<string> Describe(Core.Data.AppDbContext db, Workflow w, Dictionary<string, string> users)
    {
        var names = await InventoryNames.LoadAsync(db);
        var emailOf = users.ToDictionary(u => u.Value, u => u.Key);
        var fields = WorkflowInventory.Describe(WorkflowForm.From(w), names);
        fields[nameof(WorkflowForm.OwnerId)] = w.OwnerId is null ? "" : emailOf[w.OwnerId];
        return string.Join("\n", fields.Select(f => $"{f.Key}={f.Value}"));
    }
}
