using System.Security.Claims;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;

namespace AiPolicyHub.Core.Tests.Inventory;

/// <summary>The approved-tools directory staff read, against a real SQLite database.</summary>
public class ToolDirectoryTests : IAsyncLifetime
{
    private TestServices test = null!;
    private ToolDirectory directory = null!;
    private ClaimsPrincipal sam = null!;

    public async Task InitializeAsync()
    {
        test = await new TestServices().InitializeAsync();
        directory = test.Directory;
        sam = await test.CreateUserAsync("Sam Staff", Roles.Staff);
    }

    public async Task DisposeAsync() => await test.DisposeAsync();

    /// <summary>Stores a tool directly: an approved tool with a vendor agreement, no training, up to Internal, unless changed.</summary>
    private async Task<int> AddToolAsync(string name, ToolApprovalStatus status = ToolApprovalStatus.Approved, string level = "Internal",
        Action<AiTool>? change = null)
    {
        var tool = new AiTool
        {
            Name = name, Vendor = "Vendor of " + name, ModelVersion = "v1", ApprovalStatus = status,
            MaxClassificationId = await test.ClassificationIdAsync(level), HasDataProcessingAgreement = true,
            TrainsOnOurData = VendorTraining.No, Capabilities = ToolCapabilities.Text,
        };
        change?.Invoke(tool);
        await using var db = await test.DbAsync();
        db.Tools.Add(tool);
        await db.SaveChangesAsync();
        return tool.Id;
    }

    private async Task<ToolDirectoryEntry> OnlyEntryAsync() => Assert.Single((await directory.ListAsync(sam)).Tools);

    [Fact]
    public async Task Staff_see_the_tools_they_may_use_first_then_the_prohibited_ones_each_by_name_without_undecided_or_retired_tools()
    {
        await AddToolAsync("zeta");
        await AddToolAsync("Alpha", ToolApprovalStatus.Prohibited);
        await AddToolAsync("beta", ToolApprovalStatus.ApprovedWithRestrictions);
        await AddToolAsync("Gamma", ToolApprovalStatus.Proposed);
        await AddToolAsync("Delta", ToolApprovalStatus.Retired);

        var listing = await directory.ListAsync(sam);

        Assert.Equal(["beta", "zeta", "Alpha"], listing.Tools.Select(t => t.Name));
        Assert.Equal([true, true, false], listing.Tools.Select(t => t.MayBeUsed));
        Assert.False(listing.CanEditTools);
    }

    [Fact]
    public async Task A_paused_tool_is_listed_as_not_to_be_used_with_the_reason()
    {
        await AddToolAsync("Chatty", change: t => t.PausedReason = "Vendor data leak under investigation.");

        var entry = await OnlyEntryAsync();

        Assert.False(entry.MayBeUsed);
        Assert.Equal("Paused: do not use it until compliance restarts it. Reason: Vendor data leak under investigation.", entry.StatusMeaning);
    }

    [Fact]
    public async Task An_approved_tool_shows_its_highest_classification_with_the_level_description_and_what_it_works_with()
    {
        await AddToolAsync("Chatty", change: t => t.Capabilities = ToolCapabilities.Text | ToolCapabilities.Code);

        var entry = await OnlyEntryAsync();

        Assert.Equal("Internal", entry.HighestClassification);
        Assert.Equal("For employees; disclosure would be awkward, not damaging.", entry.HighestClassificationDescription);
        Assert.Equal("Text, Code", entry.Capabilities);
        Assert.StartsWith("Approved: you may use it", entry.StatusMeaning);
        Assert.Equal("Only Public and Internal data; never Confidential data or anything more sensitive.", entry.Conditions[0]);
    }

    [Theory]
    [InlineData("Public", "Only Public data; never Internal data or anything more sensitive.")]
    [InlineData("Confidential", "Only Public, Internal and Confidential data; never Restricted data.")]
    [InlineData("Restricted", "It may receive data of every classification, up to Restricted.")]
    public async Task The_first_condition_names_the_data_it_may_and_may_never_receive(string level, string condition)
    {
        await AddToolAsync("Chatty", level: level);

        Assert.Equal(condition, (await OnlyEntryAsync()).Conditions[0]);
    }

    [Fact]
    public async Task Without_a_data_processing_agreement_staff_are_told_no_personal_data_and_why()
    {
        await AddToolAsync("Chatty", change: t => t.HasDataProcessingAgreement = false);

        var conditions = (await OnlyEntryAsync()).Conditions;

        Assert.Contains("No personal data: there is no data-processing agreement with the vendor.", conditions);
        Assert.DoesNotContain(conditions, c => c.Contains("train", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_vendor_that_trains_on_our_data_rules_out_personal_data_and_warns_against_pasting_confidential_material()
    {
        await AddToolAsync("Chatty", change: t => t.TrainsOnOurData = VendorTraining.Yes);

        var conditions = (await OnlyEntryAsync()).Conditions;

        Assert.Contains("No personal data: the vendor trains on what it receives.", conditions);
        Assert.Contains("The vendor may train on what you type: never paste confidential material.", conditions);
    }

    [Fact]
    public async Task A_vendor_we_opted_out_of_training_with_and_have_an_agreement_with_gets_no_personal_data_warning()
    {
        await AddToolAsync("Chatty", change: t => t.TrainsOnOurData = VendorTraining.OptedOut);

        Assert.DoesNotContain((await OnlyEntryAsync()).Conditions, c => c.Contains("personal data", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Retention_and_residency_share_one_line()
    {
        await AddToolAsync("Chatty", change: t => (t.RetentionDays, t.DataResidency) = (30, "Our data centre (Frankfurt)"));

        Assert.Contains("The vendor keeps what you send for 30 days. Where it is held: Our data centre (Frankfurt).", (await OnlyEntryAsync()).Conditions);
    }

    [Fact]
    public async Task A_tool_approved_with_restrictions_shows_the_restrictions_recorded_for_it()
    {
        await AddToolAsync("Chatty", ToolApprovalStatus.ApprovedWithRestrictions, change: t => t.Notes = " Marketing copy only. ");

        var entry = await OnlyEntryAsync();

        Assert.Equal("Restrictions: Marketing copy only.", entry.Conditions[^1]);
        Assert.StartsWith("Approved with restrictions:", entry.StatusMeaning);
    }

    [Fact]
    public async Task A_tool_approved_with_restrictions_nobody_wrote_down_sends_staff_to_compliance_first()
    {
        await AddToolAsync("Chatty", ToolApprovalStatus.ApprovedWithRestrictions);

        Assert.Contains("ask the compliance team before you use it", (await OnlyEntryAsync()).Conditions[^1]);
    }

    [Fact]
    public async Task A_prohibited_tool_may_receive_no_data_and_says_not_to_use_it()
    {
        await AddToolAsync("Shady", ToolApprovalStatus.Prohibited, level: "Restricted", change: t => t.Notes = "Stores prompts in an unknown country.");

        var entry = await OnlyEntryAsync();

        Assert.False(entry.MayBeUsed);
        Assert.Null(entry.HighestClassification);
        Assert.Equal(["Do not use it for work, whatever the data: choose an approved tool instead.", "Notes: Stores prompts in an unknown country."],
            entry.Conditions);
    }

    [Fact]
    public async Task The_search_finds_name_vendor_or_model_whatever_the_case_and_takes_wildcards_literally()
    {
        await AddToolAsync("Chatty", change: t => t.Vendor = "OpenAI");
        await AddToolAsync("Coder", change: t => t.ModelVersion = "Sonnet 4");
        await AddToolAsync("Drawer_50%");

        Assert.Equal(["Chatty"], (await directory.ListAsync(sam, "openai")).Tools.Select(t => t.Name));
        Assert.Equal(["Coder"], (await directory.ListAsync(sam, " SONNET ")).Tools.Select(t => t.Name));
        Assert.Equal(["Drawer_50%"], (await directory.ListAsync(sam, "_50%")).Tools.Select(t => t.Name));
        Assert.Equal(["Drawer_50%"], (await directory.ListAsync(sam, "%")).Tools.Select(t => t.Name));
        Assert.Equal(3, (await directory.ListAsync(sam, "  ")).Tools.Count);
    }

    [Fact]
    public async Task Only_people_who_may_edit_tools_are_offered_editing_and_a_signed_out_reader_sees_nothing()
    {
        await AddToolAsync("Chatty");
        var cora = await test.CreateUserAsync("Cora Compliance", Roles.ComplianceOfficer);

        Assert.True((await directory.ListAsync(cora)).CanEditTools);
        Assert.False((await directory.ListAsync(sam)).CanEditTools);
        Assert.Empty((await directory.ListAsync(new ClaimsPrincipal(new ClaimsIdentity()))).Tools);
    }
}
