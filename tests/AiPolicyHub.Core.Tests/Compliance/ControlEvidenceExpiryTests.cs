using AiPolicyHub.Core.Compliance;
using AiPolicyHub.Core.Evidence;
using AiPolicyHub.Core.Notifications;
using AiPolicyHub.Core.Tests.Incidents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiPolicyHub.Core.Tests.Compliance;

public sealed class ControlEvidenceExpiryTests : IAsyncLifetime
{
    private readonly TestClock clock = new();
    private PauseScenario s = null!;

    public async Task InitializeAsync() => s = await PauseScenario.CreateAsync(clock);

    public async Task DisposeAsync() => await s.DisposeAsync();

    [Fact]
    public async Task A_controls_evidence_nearing_expiry_is_announced_with_a_link_to_the_control_and_turns_its_coverage_the_day_after()
    {
        var expires = s.Today().AddDays(20);
        await s.AttachToControlAsync("A.10.3", "Supplier assessment 2026", expires);

        Assert.Equal(1, await s.Test.Provider.GetRequiredService<EvidenceExpiryCheck>().RunAsync());

        await using (var db = await s.Test.DbAsync())
        {
            var notice = await db.Notifications.SingleAsync(n => n.Kind == NotificationKind.EvidenceExpiring);
            Assert.Equal("/compliance/soa/A.10.3#evidence", notice.Link);
        }
        clock.AddDays(20);
        Assert.Equal(CoverageState.Evidenced, (await s.ControlAsync("A.10.3")).Coverage.State);
        clock.AddDays(1);
        Assert.Equal(CoverageState.EvidenceExpired, (await s.ControlAsync("A.10.3")).Coverage.State);
    }
}
