using System.Security.Claims;
using System.Text;
using AiPolicyHub.Core.Approvals;
using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.ImportExport;
using AiPolicyHub.Core.ImportExport.Export;
using AiPolicyHub.Core.Incidents;
using AiPolicyHub.Core.Inventory;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Tests.Approvals;

/// <summary>
/// Random sequences of status changes by random people through random write paths (the edit page's service, the import,
/// the approval steps, pausing and restarting) never put a workflow in use while a pause is in force, and never let the
/// person who created it approve it.
/// </summary>
public sealed class LifecycleProperties : IAsyncLifetime
{
    public enum Step { SaveStatus, ImportStatus, Submit, Approve, Pause, Restart }

    public sealed record Move(int Actor, Step Step, WorkflowStatus Status);

    private TestServices test = null!;
    private readonly List<ClaimsPrincipal> people = [];
    private int department, level;

    public async Task InitializeAsync()
    {
        test = await new TestServices().InitializeAsync();
        department = await test.AddDepartmentAsync("Customer service");
        level = await test.ClassificationIdAsync("Internal");
        people.Add(await test.CreateUserAsync("Mia Manager", Roles.Manager, department));
        people.Add(await test.CreateUserAsync("Olga Officer", Roles.ComplianceOfficer));
        people.Add(await test.CreateUserAsync("Otto Officer", Roles.ComplianceOfficer));
        people.Add(await test.CreateUserAsync("Ada Admin", Roles.Administrator));
    }

    public async Task DisposeAsync() => await test.DisposeAsync();

    private static readonly Gen<Move> Moves =
        from actor in Gen.Choose(0, 3)
        from step in Gen.Elements(Enum.GetValues<Step>())
        from status in Gen.Elements(Enum.GetValues<WorkflowStatus>())
        select new Move(actor, step, status);

    [Fact]
    public void No_sequence_of_changes_puts_a_paused_workflow_in_use_or_lets_its_creator_approve_it()
    {
        var samples = (from creator in Gen.Choose(0, 3)
                       from n in Gen.Choose(3, 9)
                       from moves in Gen.ArrayOf(Moves, n)
                       select (creator, moves)).ToArbitrary();

        Prop.ForAll(samples, s => HoldsAsync(s.creator, s.moves).GetAwaiter().GetResult()).Check(Config.QuickThrowOnFailure.WithMaxTest(25));
    }

    private async Task<bool> HoldsAsync(int creator, Move[] moves)
    {
        var created = await test.Workflows.SaveAsync(people[creator], null, new WorkflowForm
        {
            Name = $"Reply drafts {Guid.NewGuid():N}"[..25], DepartmentId = department, Purpose = "Drafts replies for an agent to check.",
            DataClassificationId = level, Oversight = HumanOversight.ReviewBeforeUse, ApprovingRole = "Team lead", ReviewCadenceMonths = 6,
            Stage = LifecycleStage.Pilot, Autonomy = Autonomy.Draft, Audience = Audience.Internal,
        });
        Assert.True(created.Status == SaveStatus.Saved, string.Join(" ", created.Errors?.All ?? []) + created.Message);
        var id = created.Id;
        foreach (var move in moves)
        {
            await ApplyAsync(id, move);
            await AssertInvariantsAsync(id, TestServices.UserId(people[creator]), moves);
        }
        return true;
    }

    private async Task ApplyAsync(int id, Move move)
    {
        var actor = people[move.Actor];
        var stored = (await test.Workflows.GetAsync(id))!;
        var wanted = stored.Copy();
        wanted.Status = move.Status;
        switch (move.Step)
        {
            case Step.SaveStatus:
                await test.Workflows.SaveAsync(actor, id, wanted);
                break;
            case Step.ImportStatus:
                await test.Importer.ImportAsync(actor, new MemoryStream(Encoding.UTF8.GetBytes(await FileAsync(id, wanted))),
                    new ImportRequest { FileName = "statuses.csv", Mapping = BuiltInPresets.Export(ImportTarget.Workflows).Mapping });
                break;
            case Step.Submit:
                await test.Approvals.SubmitAsync(actor, id, stored.Version);
                break;
            case Step.Approve:
                await test.Approvals.ApproveAsync(actor, id, stored.Version);
                break;
            case Step.Pause:
                await test.Pauses.PauseWorkflowAsync(actor, id, "Wrong answers reached customers");
                break;
            case Step.Restart:
                await using (var db = await test.DbAsync())
                {
                    if (await db.Pauses.AsNoTracking().Where(p => p.WorkflowId == id && p.State == PauseState.Active).FirstOrDefaultAsync() is { } pause)
                    {
                        var version = pause.Version;
                        foreach (var condition in Enum.GetValues<RestartCondition>())
                        {
                            var ticked = await test.Pauses.SetConditionAsync(actor, pause.Id, version, condition, true);
                            version = ticked.Status == SaveStatus.Saved ? ticked.Version : version;
                        }
                        await test.Pauses.RestartAsync(actor, pause.Id, version, "Fixed");
                    }
                }
                break;
        }
    }

    private async Task AssertInvariantsAsync(int id, string creatorId, Move[] moves)
    {
        await using var db = await test.DbAsync();
        var status = await db.Workflows.Where(w => w.Id == id).Select(w => w.Status).SingleAsync();
        var paused = await db.Pauses.AnyAsync(p => p.WorkflowId == id && p.State == PauseState.Active);
        Assert.False(paused && WorkflowLifecycle.IsInUse(status), $"In use while paused after {string.Join(", ", moves)}");
        var history = await AuditTrail.HistoryAsync(db, WorkflowInventory.EntityType, id.ToString());
        var approvals = history.Where(e => AuditTrail.ChangesOf(e).Any(c => c.Field == "Status" && c.After == "Approved" && c.Before != "Paused"));
        Assert.DoesNotContain(approvals, e => e.UserId == creatorId);
    }

    /// <summary>The one-row file an export of <paramref name="wanted"/> would be (the built-in export preset reads it back).</summary>
    private async Task<string> FileAsync(int id, WorkflowForm wanted)
    {
        var workflow = new Workflow { Id = id };
        wanted.ApplyTo(workflow);
        await using var db = await test.DbAsync();
        var cells = InventoryExporter.Row(workflow, await ExportNames.LoadAsync(db, default));
        static string Cell(string v) => "\"" + v.Replace("\"", "\"\"") + "\"";
        return string.Join(',', ImportFields.Workflow.Select(f => Cell(f.Label))) + "\r\n" + string.Join(',', cells.Select(Cell)) + "\r\n";
    }
}
