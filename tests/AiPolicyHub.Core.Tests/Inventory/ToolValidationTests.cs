using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;

namespace AiPolicyHub.Core.Tests.Inventory;

/// <summary>The rules of the tool form, one by one, with no database.</summary>
public class ToolValidationTests
{
    private const int Internal = 20, Restricted = 40;
    private const string Owner = "owner-id";

    private static readonly InventoryReferences References = new(
        new HashSet<int> { 1 }, new HashSet<int> { Internal, Restricted }, new HashSet<int>(), new HashSet<string> { Owner });

    private static ToolForm Valid() => new()
    {
        Name = "ChatGPT Enterprise",
        Vendor = "OpenAI",
        ModelVersion = "GPT-4o",
        Deployment = ToolDeployment.Saas,
        Capabilities = ToolCapabilities.Text | ToolCapabilities.Code,
        TrainsOnOurData = VendorTraining.No,
        RetentionDays = 30,
        DataResidency = "EU",
        HasDataProcessingAgreement = true,
        MaxClassificationId = Internal,
        ApprovalStatus = ToolApprovalStatus.Proposed,
        OwnerId = Owner,
        Notes = "Enterprise workspace; no training on prompts.",
    };

    private static ToolForm Valid(Action<ToolForm> change)
    {
        var form = Valid();
        change(form);
        return form;
    }

    private static ValidationErrors Validate(ToolForm form, bool nameTaken = false) =>
        InventoryValidation.Validate(form, References, nameTaken);

    private static void AssertOnlyError(ValidationErrors errors, string field, string message)
    {
        Assert.Equal([message], errors.For(field));
        Assert.Equal([field], errors.ByField.Keys);
    }

    private static void AssertValid(ValidationErrors errors) => Assert.True(errors.IsEmpty, string.Join(" | ", errors.All));

    [Fact]
    public void A_complete_proposal_from_a_manager_has_no_errors() => AssertValid(Validate(Valid()));

    [Fact]
    public void A_tool_needs_only_a_name_a_vendor_and_a_classification()
    {
        AssertValid(Validate(new ToolForm { Name = "Copilot", Vendor = "GitHub", MaxClassificationId = Internal }));

        var errors = Validate(new ToolForm());
        Assert.Equal(["Enter the tool's name."], errors.For(nameof(ToolForm.Name)));
        Assert.Equal(["Enter the vendor."], errors.For(nameof(ToolForm.Vendor)));
        Assert.Equal(["Choose the most sensitive data this tool may receive."], errors.For(nameof(ToolForm.MaxClassificationId)));
        Assert.Equal(3, errors.ByField.Count);
    }

    // Name

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_tool_needs_a_name(string name) =>
        AssertOnlyError(Validate(Valid(f => f.Name = name)), nameof(ToolForm.Name), "Enter the tool's name.");

    [Fact]
    public void A_name_of_200_characters_is_accepted() => AssertValid(Validate(Valid(f => f.Name = new string('n', 200))));

    [Fact]
    public void A_name_of_201_characters_is_refused() =>
        AssertOnlyError(Validate(Valid(f => f.Name = new string('n', 201))), nameof(ToolForm.Name),
            "Keep the tool's name to 200 characters or fewer (now 201).");

    [Fact]
    public void A_name_another_tool_has_is_refused_quoting_the_name_without_spaces() =>
        AssertOnlyError(Validate(Valid(f => f.Name = "  ChatGPT Enterprise "), nameTaken: true), nameof(ToolForm.Name),
            "A tool called \"ChatGPT Enterprise\" exists already.");

    // Vendor

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void A_tool_needs_a_vendor(string vendor) =>
        AssertOnlyError(Validate(Valid(f => f.Vendor = vendor)), nameof(ToolForm.Vendor), "Enter the vendor.");

    [Fact]
    public void A_vendor_of_200_characters_is_accepted_and_201_refused()
    {
        AssertValid(Validate(Valid(f => f.Vendor = new string('v', 200))));
        AssertOnlyError(Validate(Valid(f => f.Vendor = new string('v', 201))), nameof(ToolForm.Vendor),
            "Keep the vendor to 200 characters or fewer (now 201).");
    }

    // Optional texts

    [Fact]
    public void A_model_or_version_of_100_characters_is_accepted_and_101_refused()
    {
        AssertValid(Validate(Valid(f => f.ModelVersion = new string('m', 100))));
        AssertOnlyError(Validate(Valid(f => f.ModelVersion = new string('m', 101))), nameof(ToolForm.ModelVersion),
            "Keep the model or version to 100 characters or fewer (now 101).");
    }

    [Fact]
    public void A_data_residency_of_100_characters_is_accepted_and_101_refused()
    {
        AssertValid(Validate(Valid(f => f.DataResidency = new string('r', 100))));
        AssertOnlyError(Validate(Valid(f => f.DataResidency = new string('r', 101))), nameof(ToolForm.DataResidency),
            "Keep the data residency to 100 characters or fewer (now 101).");
    }

    [Fact]
    public void Notes_of_4000_characters_are_accepted_and_4001_refused()
    {
        AssertValid(Validate(Valid(f => f.Notes = new string('x', 4000))));
        AssertOnlyError(Validate(Valid(f => f.Notes = new string('x', 4001))), nameof(ToolForm.Notes),
            "Keep the notes to 4000 characters or fewer (now 4001).");
    }

    // Retention

    [Theory]
    [InlineData(null)]
    [InlineData(0)]
    [InlineData(36_500)]
    public void Retention_of_0_to_36500_days_or_unknown_is_accepted(int? days) =>
        AssertValid(Validate(Valid(f => f.RetentionDays = days)));

    [Theory]
    [InlineData(-1)]
    [InlineData(36_501)]
    public void Retention_outside_0_to_36500_days_is_refused(int days) =>
        AssertOnlyError(Validate(Valid(f => f.RetentionDays = days)), nameof(ToolForm.RetentionDays),
            "Enter retention in days between 0 and 36,500, or leave it empty if unknown.");

    // Classification and owner

    [Fact]
    public void A_tool_needs_the_highest_classification_it_may_receive() =>
        AssertOnlyError(Validate(Valid(f => f.MaxClassificationId = null)), nameof(ToolForm.MaxClassificationId),
            "Choose the most sensitive data this tool may receive.");

    [Fact]
    public void A_classification_level_that_no_longer_exists_is_refused() =>
        AssertOnlyError(Validate(Valid(f => f.MaxClassificationId = 3)), nameof(ToolForm.MaxClassificationId),
            "That classification level no longer exists.");

    [Fact]
    public void An_owner_who_is_not_an_enabled_user_is_refused() =>
        AssertOnlyError(Validate(Valid(f => f.OwnerId = "gone")), nameof(ToolForm.OwnerId),
            "The owner must be a user of AiPolicyHub with an enabled account.");

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void A_tool_may_have_no_owner(string? owner) => AssertValid(Validate(Valid(f => f.OwnerId = owner)));
}
