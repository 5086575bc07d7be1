using System.Security.Claims;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Policies;
using AiPolicyHub.Core.Risk;
using Microsoft.EntityFrameworkCore;
using static AiPolicyHub.Core.Tests.Policies.PolicyTestData;

namespace AiPolicyHub.Core.Tests.Policies;

/// <summary>Staff acknowledging the published policy, and the rates compliance sees.</summary>
public sealed class PolicyAcknowledgementsTests : IAsyncLifetime
{
    private TestServices test = null!;
    private ClaimsPrincipal officer = null!, sam = null!, sue = null!, finn = null!;

    public async Task InitializeAsync()
    {
        test = await new TestServices().InitializeAsync();
        var sales = await test.AddDepartmentAsync("Sales");
        var finance = await test.AddDepartmentAsync("Finance");
        officer = await test.CreateUserAsync("Olga Officer", Roles.ComplianceOfficer);
        sam = await test.CreateUserAsync("Sam Sales", Roles.Staff);
        sue = await test.CreateUserAsync("Sue Sales", Roles.Staff);
        finn = await test.CreateUserAsync("Finn Finance", Roles.Staff);
        await using var db = await test.DbAsync();
        foreach (var (user, department) in new[] { (sam, sales), (sue, sales), (finn, finance) })
        {
            var id = TestServices.UserId(user);
            (await db.Users.SingleAsync(u => u.Id == id)).DepartmentId = department;
        }
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await test.DisposeAsync();

    [Fact]
    public async Task Nobody_is_asked_to_acknowledge_before_a_version_is_published()
    {
        Assert.Null(await test.Acknowledgements.StatusAsync(sam));
        Assert.False((await test.Acknowledgements.AcknowledgeAsync(sam, 1)).Succeeded);
        await using var db = await test.DbAsync();
        Assert.Null(await PolicyAcknowledgements.RateAsync(db));
    }

    [Fact]
    public async Task Acknowledging_is_recorded_with_who_which_version_and_when_and_in_the_audit_trail()
    {
        await PublishAsync(test, officer, "First version of the policy");
        var before = (await test.Acknowledgements.StatusAsync(sam))!;
        Assert.False(before.HasAcknowledgedCurrent);
        Assert.Equal([1], before.Since.Select(v => v.Number));

        Assert.True((await test.Acknowledgements.AcknowledgeAsync(sam, 1)).Succeeded);
        Assert.True((await test.Acknowledgements.AcknowledgeAsync(sam, 1)).Succeeded); // twice is recorded once

        var after = (await test.Acknowledgements.StatusAsync(sam))!;
        Assert.True(after.HasAcknowledgedCurrent);
        Assert.NotNull(after.AcknowledgedAt);
        await using var db = await test.DbAsync();
        var stored = await db.PolicyAcknowledgements.SingleAsync();
        Assert.Equal((TestServices.UserId(sam), 1), (stored.UserId, stored.VersionNumber));
        var entry = await db.AuditEntries.SingleAsync(e => e.EntityType == PolicyAcknowledgements.EntityType);
        Assert.Equal("Sam Sales", entry.UserName);
        Assert.Contains("\"after\":\"1\"", entry.ChangesJson);
        Assert.True((await test.Audit.VerifyAsync(db)).Intact);
    }

    [Fact]
    public async Task A_new_version_asks_again_and_lists_what_changed_since_the_version_last_acknowledged()
    {
        await PublishAsync(test, officer, "First version of the policy");
        await test.Acknowledgements.AcknowledgeAsync(sam, 1);
        await PublishAsync(test, officer, "Second: new tools", s => WithText(s, "purpose", t => t + "\n\nSecond."));
        await PublishAsync(test, officer, "Third: clearer pause procedure", s => WithText(s, "purpose", t => t + "\n\nThird."));

        var status = (await test.Acknowledgements.StatusAsync(sam))!;

        Assert.False(status.HasAcknowledgedCurrent);
        Assert.Equal(1, status.LastAcknowledged);
        Assert.Equal(["Third: clearer pause procedure", "Second: new tools"], status.Since.Select(v => v.ChangeSummary));
        var stale = await test.Acknowledgements.AcknowledgeAsync(sam, 2);
        Assert.False(stale.Succeeded);
        Assert.Contains("Version 3", stale.Errors.Single());
    }

    [Fact]
    public async Task Compliance_sees_the_rate_by_department_and_who_has_not_acknowledged_and_staff_do_not()
    {
        await PublishAsync(test, officer, "First version of the policy");
        await test.Acknowledgements.AcknowledgeAsync(sam, 1);
        await test.Acknowledgements.AcknowledgeAsync(finn, 1);

        var overview = (await test.Acknowledgements.OverviewAsync(officer)).Value!;

        Assert.Equal((2, 4, 50), (overview.Rate.Acknowledged, overview.Rate.People, overview.Rate.Percent));
        Assert.Equal([("Finance", 1, 1, 100), ("Sales", 1, 2, 50), (PolicyAcknowledgements.NoDepartment, 0, 1, 0)],
            overview.ByDepartment.Select(d => (d.Department, d.Acknowledged, d.People, d.Percent)));
        Assert.Equal(["Sue Sales", "Olga Officer"], overview.Outstanding.OrderBy(o => o.Department == PolicyAcknowledgements.NoDepartment).Select(o => o.Name));
        Assert.Equal([PolicyAcknowledgements.NotAllowed], (await test.Acknowledgements.OverviewAsync(sam)).Errors);
    }

    [Fact]
    public async Task The_rate_on_the_dashboard_counts_the_current_version_only_and_rises_as_people_acknowledge()
    {
        await PublishAsync(test, officer, "First version of the policy");
        await test.Acknowledgements.AcknowledgeAsync(sam, 1);
        await using (var db = await test.DbAsync())
        {
            var summary = await Dashboard.SummariseAsync(db, DateOnly.FromDateTime(test.Clock.GetUtcNow().UtcDateTime));
            Assert.Equal((1, 1, 4), (summary.PolicyAcknowledgement!.VersionNumber, summary.PolicyAcknowledgement.Acknowledged, summary.PolicyAcknowledgement.People));
        }
        await PublishAsync(test, officer, "Second version of the policy", s => WithText(s, "purpose", t => t + "\n\nSecond."));
        await test.Acknowledgements.AcknowledgeAsync(sue, 2);
        await test.Acknowledgements.AcknowledgeAsync(finn, 2);
        await using (var db = await test.DbAsync())
        {
            var rate = (await PolicyAcknowledgements.RateAsync(db))!;
            Assert.Equal((2, 2, 4, 50), (rate.VersionNumber, rate.Acknowledged, rate.People, rate.Percent));
        }
    }
}
