using System.Security.Claims;
using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Notifications;
using AiPolicyHub.Core.Reviews;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiPolicyHub.Core.Tests.Reviews;

/// <summary>Owner attestation campaigns: scope, answers, progress, reminders on the test clock, closing.</summary>
public class AttestationCampaignsTests : IAsyncLifetime
{
    private readonly TestClock clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private TestServices test = null!;
    private AttestationCampaigns campaigns = null!;
    private int marketing, finance, internalLevel;
    private ClaimsPrincipal mia = null!, olly = null!, fiona = null!, cora = null!;
    private int support, newsletter, invoices, tool;

    public async Task InitializeAsync()
    {
        test = await new TestServices(clock).InitializeAsync();
        campaigns = test.Provider.GetRequiredService<AttestationCampaigns>();
        marketing = await test.AddDepartmentAsync("Marketing");
        finance = await test.AddDepartmentAsync("Finance");
        internalLevel = await test.ClassificationIdAsync("Internal");
        mia = await test.CreateUserAsync("Mia Manager", Roles.Manager, marketing);
        olly = await test.CreateUserAsync("Olly Owner", Roles.Staff);
        fiona = await test.CreateUserAsync("Fiona Finance", Roles.Manager, finance);
        cora = await test.CreateUserAsync("Cora Compliance", Roles.ComplianceOfficer);
        tool = (await test.Tools.SaveAsync(cora, null, new ToolForm
        {
            Name = "ChatGPT Enterprise", Vendor = "OpenAI", MaxClassificationId = internalLevel, ApprovalStatus = ToolApprovalStatus.Approved,
            OwnerId = TestServices.UserId(cora),
        })).Id;
        support = await WorkflowAsync("Support reply drafts", marketing, olly);
        newsletter = await WorkflowAsync("Newsletter ideas", marketing, mia);
        invoices = await WorkflowAsync("Invoice matching", finance, fiona);
        await WorkflowAsync("Unowned drafts", marketing, null);
        var retired = await WorkflowAsync("Old chatbot", marketing, olly);
        await using var db = await test.DbAsync();
        await db.Workflows.Where(w => w.Id == retired).ExecuteUpdateAsync(s => s.SetProperty(w => w.Status, WorkflowStatus.Retired));
    }

    public async Task DisposeAsync() => await test.DisposeAsync();

    private async Task<int> WorkflowAsync(string name, int department, ClaimsPrincipal? owner)
    {
        var saved = await test.Workflows.SaveAsync(cora, null, new WorkflowForm
        {
            Name = name, DepartmentId = department, OwnerId = owner is null ? null : TestServices.UserId(owner), Purpose = "Drafts text for a person to check.",
            Stage = LifecycleStage.Pilot, Autonomy = Autonomy.Draft, Audience = Audience.Internal, DataClassificationId = internalLevel,
            Oversight = HumanOversight.ReviewBeforeUse, ApprovingRole = "Team lead", ReviewCadenceMonths = 6,
        });
        Assert.True(saved.Status == SaveStatus.Saved, saved.Message);
        return saved.Id;
    }

    private DateOnly Today => DateOnly.FromDateTime(clock.Now.UtcDateTime);

    private async Task<int> StartAsync(int? department = null, int dueInDays = 14)
    {
        var started = await campaigns.StartAsync(cora, new CampaignForm { Title = "Winter check", DepartmentId = department, DueOn = Today.AddDays(dueInDays) });
        Assert.True(started.Status == SaveStatus.Saved, started.Message);
        return started.Id;
    }

    private async Task<MyAttestation> MineAsync(ClaimsPrincipal owner, int subjectId) =>
        (await campaigns.MineAsync(owner)).Single(m => m.Link.EndsWith($"/{subjectId}"));

    [Fact]
    public async Task A_department_campaign_asks_the_owners_of_its_live_owned_records_and_tells_them()
    {
        var id = await StartAsync(marketing);

        var progress = (await campaigns.ProgressAsync(cora, id)).Value!;
        Assert.Equal(["Newsletter ideas", "Support reply drafts"], progress.Items.Select(i => i.Name).Order());
        Assert.Equal(0, progress.Campaign.Answered);
        Assert.Equal(2, progress.Campaign.Total);
        await using var db = await test.DbAsync();
        Assert.Equal(new[] { TestServices.UserId(mia), TestServices.UserId(olly) }.Order(),
            (await db.Notifications.Where(n => n.Kind == NotificationKind.AttestationDue).Select(n => n.UserId).ToListAsync()).Order());
        Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.EntityType == AttestationCampaigns.EntityType && e.Action == AuditAction.Created));
    }

    [Fact]
    public async Task A_campaign_for_everyone_takes_every_department_and_the_owned_tools()
    {
        var id = await StartAsync();

        var progress = (await campaigns.ProgressAsync(cora, id)).Value!;
        Assert.Equal(4, progress.Campaign.Total);
        Assert.Contains(progress.Items, i => i.Kind == AttestedKind.Tool && i.Name == "ChatGPT Enterprise");
        Assert.Equal(["AI tools", "Finance", "Marketing"], progress.ByDepartment.Select(l => l.Name));
    }

    [Fact]
    public async Task Only_compliance_starts_and_closes_a_campaign_and_its_due_date_must_be_ahead()
    {
        Assert.Equal(SaveStatus.Forbidden, (await campaigns.StartAsync(mia, new CampaignForm { Title = "Mine", DueOn = Today.AddDays(7) })).Status);
        var past = await campaigns.StartAsync(cora, new CampaignForm { Title = "Late", DueOn = Today });
        Assert.Equal(SaveStatus.Invalid, past.Status);
        Assert.NotNull(past.Errors!.For(nameof(CampaignForm.DueOn)).SingleOrDefault());
        var id = await StartAsync(finance);
        var version = (await campaigns.ProgressAsync(cora, id)).Value!.Campaign.Version;

        Assert.Equal(SaveStatus.Forbidden, (await campaigns.CloseAsync(fiona, id, version)).Status);
        Assert.False((await campaigns.ProgressAsync(fiona, id)).Succeeded);
        Assert.Equal(SaveStatus.Saved, (await campaigns.CloseAsync(cora, id, version)).Status);
    }

    [Fact]
    public async Task Owners_confirm_or_correct_their_own_records_and_progress_counts_them_by_department()
    {
        var id = await StartAsync();
        var olliesItem = await MineAsync(olly, support);

        Assert.Equal(SaveStatus.Forbidden, (await campaigns.AnswerAsync(mia, olliesItem.Id, olliesItem.Version, false, null)).Status);
        var noNote = await campaigns.AnswerAsync(olly, olliesItem.Id, olliesItem.Version, true, " ");
        Assert.Equal(SaveStatus.Invalid, noNote.Status);
        Assert.Equal(SaveStatus.Saved, (await campaigns.AnswerAsync(olly, olliesItem.Id, olliesItem.Version, true, "Audience is now customers.")).Status);
        var fionasItem = await MineAsync(fiona, invoices);
        Assert.Equal(SaveStatus.Saved, (await campaigns.AnswerAsync(fiona, fionasItem.Id, fionasItem.Version, false, null)).Status);

        var progress = (await campaigns.ProgressAsync(cora, id)).Value!;
        Assert.Equal((2, 1, 4), (progress.Campaign.Answered, progress.Campaign.Corrected, progress.Campaign.Total));
        Assert.Equal(new ProgressLine("Marketing", 1, 2), progress.ByDepartment.Single(l => l.Name == "Marketing"));
        Assert.Equal(new ProgressLine("Finance", 1, 1), progress.ByDepartment.Single(l => l.Name == "Finance"));
        Assert.Equal(AttestationAnswer.Corrected, (await MineAsync(olly, support)).Answer);
        // The answer is in the record's own history.
        await using var db = await test.DbAsync();
        var entry = await db.AuditEntries.SingleAsync(e => e.Action == AuditAction.Attested && e.EntityId == support.ToString());
        Assert.Equal(WorkflowInventory.EntityType, entry.EntityType);
        Assert.Contains(new FieldChange("Note", null, "Audience is now customers."), AuditTrail.ChangesOf(entry));
    }

    [Fact]
    public async Task Owners_who_have_not_answered_are_reminded_once_a_week_until_the_campaign_closes()
    {
        var id = await StartAsync(marketing);
        var newsletterItem = await MineAsync(mia, newsletter);
        Assert.Equal(SaveStatus.Saved, (await campaigns.AnswerAsync(mia, newsletterItem.Id, newsletterItem.Version, false, null)).Status);

        clock.AddDays(6);
        Assert.Equal(0, await campaigns.RemindAsync());
        clock.AddDays(1);
        Assert.Equal(1, await campaigns.RemindAsync());
        Assert.Equal(0, await campaigns.RemindAsync()); // the same week: nothing again
        clock.AddDays(7); // the due date
        Assert.Equal(1, await campaigns.RemindAsync());
        clock.AddDays(7); // a week late
        Assert.Equal(1, await campaigns.RemindAsync());

        await using (var db = await test.DbAsync())
        {
            var reminders = await db.Notifications.Where(n => n.Key != null && n.Key.Contains(":reminder-")).ToListAsync();
            Assert.Equal(3, reminders.Count);
            Assert.All(reminders, r => Assert.Equal(TestServices.UserId(olly), r.UserId));
            Assert.Contains("is due on 15 December 2026", reminders.OrderBy(r => r.Id).ElementAt(1).Title);
            Assert.Contains("was due on 15 December 2026", reminders.OrderBy(r => r.Id).Last().Title);
        }
        var version = (await campaigns.ProgressAsync(cora, id)).Value!.Campaign.Version;
        Assert.Equal(SaveStatus.Saved, (await campaigns.CloseAsync(cora, id, version)).Status);
        clock.AddDays(7);
        Assert.Equal(0, await campaigns.RemindAsync());
        Assert.Empty(await campaigns.MineAsync(olly));
        var item = (await campaigns.ProgressAsync(cora, id)).Value!.Items.Single(i => i.Name == "Support reply drafts");
        Assert.Equal(AttestationAnswer.Pending, item.Answer);
    }

    [Fact]
    public async Task A_closed_campaign_takes_no_answer_and_stays_in_the_periods_it_was_open()
    {
        var id = await StartAsync(finance);
        var item = await MineAsync(fiona, invoices);
        clock.AddDays(3);
        var version = (await campaigns.ProgressAsync(cora, id)).Value!.Campaign.Version;
        Assert.Equal(SaveStatus.Saved, (await campaigns.CloseAsync(cora, id, version)).Status);

        Assert.Equal(SaveStatus.Invalid, (await campaigns.AnswerAsync(fiona, item.Id, item.Version, false, null)).Status);
        Assert.Single(await campaigns.InPeriodAsync(Today.AddDays(-3), Today.AddDays(-3)));
        Assert.Single(await campaigns.InPeriodAsync(Today, Today));
        Assert.Empty(await campaigns.InPeriodAsync(Today.AddDays(1), Today.AddDays(30)));
        Assert.Empty(await campaigns.InPeriodAsync(Today.AddDays(-30), Today.AddDays(-4)));
    }
}
