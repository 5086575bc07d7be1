using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Onboarding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiPolicyHub.Core.Tests.Onboarding;

public sealed class FirstRunChecklistTests
{
    [Fact]
    public async Task A_fresh_installation_has_every_step_open_and_staff_get_no_checklist()
    {
        await using var test = await new TestServices().InitializeAsync();
        var admin = await test.CreateUserAsync("Ada Admin", Roles.Administrator);
        var staff = await test.CreateUserAsync("Sam Staff", Roles.Staff);
        var checklist = test.Provider.GetRequiredService<FirstRunChecklist>();

        var state = (await checklist.LoadAsync(admin))!;

        // Two people exist (Ada and Sam), so only inviting people is done; the default department and levels do not count.
        Assert.Equal([FirstRunStepKey.People], state.Steps.Where(s => s.Done).Select(s => s.Key));
        Assert.All(state.Steps, s => Assert.True(s.MayDo));
        Assert.Null(await checklist.LoadAsync(staff));
    }

    [Fact]
    public async Task Renamed_levels_a_second_department_and_a_tool_count_as_done()
    {
        await using var test = await new TestServices().InitializeAsync();
        var admin = await test.CreateUserAsync("Ada Admin", Roles.Administrator);
        await test.AddDepartmentAsync("Finance");
        var settings = test.Provider.GetRequiredService<OrganisationSettings>();
        await using (var db = await test.DbAsync())
        {
            var level = await db.ClassificationLevels.AsNoTracking().OrderBy(l => l.Rank).FirstAsync();
            level.Name = "Open";
            Assert.True((await settings.SaveLevelAsync(admin, level)).Succeeded);
        }

        var state = (await test.Provider.GetRequiredService<FirstRunChecklist>().LoadAsync(admin))!;

        var done = state.Steps.Where(s => s.Done).Select(s => s.Key).ToList();
        Assert.Equal([FirstRunStepKey.Departments, FirstRunStepKey.ClassificationLevels], done);
        Assert.False(state.IsComplete);
        Assert.Equal(2, state.DoneCount);
    }
}
