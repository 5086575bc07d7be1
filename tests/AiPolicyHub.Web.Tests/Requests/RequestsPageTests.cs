using AiPolicyHub.Core;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Requests;
using AiPolicyHub.Core.Rules;
using AiPolicyHub.Web.Tests.Api;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiPolicyHub.Web.Tests.Requests;

/// <summary>The requests page, as the server renders it for each person: what it shows is what the server lets them see.</summary>
public sealed class RequestsPageTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Password = "requests page password";
    private const string Why = "Our supplier contracts pile up: summaries would save a day a week.";

    private async Task<int> RequestOfAStaffMemberAsync()
    {
        var department = await app.AddDepartmentAsync($"Requests {Guid.NewGuid():N}");
        var asker = await app.CreateTokenUserAsync(Roles.Staff);
        int tool;
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
        {
            var added = db.Tools.Add(new AiTool
            {
                Name = $"Narrow tool {Guid.NewGuid():N}"[..24], Vendor = "Vendor", ApprovalStatus = ToolApprovalStatus.Approved, Version = 1,
                MaxClassificationId = await app.ClassificationIdAsync("Public"),
            }).Entity;
            await db.SaveChangesAsync();
            tool = added.Id;
        }
        var asked = await app.Services.GetRequiredService<UseRequests>().AskAsync(ApiFixture.PrincipalOf(asker.UserId), new UseRequestAsk(
            new UsageQuestion(tool, UsageTask.Summarising, await app.ClassificationIdAsync("Confidential"), DataCategories.None, Audience.Internal, false),
            Why, DepartmentId: department));
        Assert.True(asked.Status == SaveStatus.Saved, asked.Message);
        return asked.Id;
    }

    private async Task<string> PageAsAsync(string role, string path)
    {
        var client = app.CreateBrowserlikeClient();
        await AppFactory.SignInAsync(client, await app.CreateUserAsync(role, Password), Password);
        var response = await client.GetAsync(path);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task Another_staff_member_opening_a_request_sees_neither_it_nor_its_words()
    {
        var id = await RequestOfAStaffMemberAsync();

        var html = await PageAsAsync(Roles.Staff, $"/requests/{id}");

        Assert.Contains($"Request #{id} does not exist, or it is not one you may see.", html);
        Assert.DoesNotContain(Why, html);
    }

    [Fact]
    public async Task A_compliance_officer_opening_the_request_sees_it_with_the_askers_words_and_the_decision()
    {
        var id = await RequestOfAStaffMemberAsync();

        var html = await PageAsAsync(Roles.ComplianceOfficer, $"/requests/{id}");

        Assert.Contains(Why, html);
        Assert.Contains("Approve as a workflow", html);
    }
}
