using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;

namespace AiPolicyHub.Core.Tests.Inventory;

/// <summary>The rules of the workflow form, one by one, with no database: references and actor are built here.</summary>
public class WorkflowValidationTests
{
    private const int Marketing = 1, Finance = 2, Sales = 3, Unknown = 99;
    private const int Internal = 20, Confidential = 30;
    private const int Chatbot = 100, Translator = 101;
    private const string Owner = "owner-id";

    private static readonly InventoryReferences References = new(
        new HashSet<int> { Marketing, Finance, Sales },
        new HashSet<int> { Internal, Confidential },
        new HashSet<int> { Chatbot, Translator },
        new HashSet<string> { Owner });

    private static readonly Actor MarketingManager = ActorWith(Roles.Manager, Marketing);

    private static Actor ActorWith(string role, params int[] departments) =>
        new("actor-id", "Actor", new HashSet<string> { role }, departments.ToHashSet());

    private static WorkflowForm Valid() => new()
    {
        Name = "Draft replies to customer emails",
        DepartmentId = Marketing,
        OwnerId = Owner,
        Purpose = "Suggest a first reply to routine customer questions; an agent edits it before sending.",
        ToolIds = [Chatbot],
        Stage = LifecycleStage.Pilot,
        Autonomy = Autonomy.Draft,
        Audience = Audience.CustomerFacing,
        DataClassificationId = Internal,
        DataCategories = DataCategories.CustomerData,
        Oversight = HumanOversight.ReviewBeforeUse,
        ApprovingRole = "Team lead",
        MonthlyVolume = 1200,
        ReviewCadenceMonths = 12,
        NextReviewDate = new DateOnly(2027, 3, 1),
        Status = WorkflowStatus.Draft,
    };

    private static WorkflowForm Valid(Action<WorkflowForm> change)
    {
        var form = Valid();
        change(form);
        return form;
    }

    private static ValidationErrors Validate(WorkflowForm form, Actor? actor = null) =>
        InventoryValidation.Validate(form, References, actor ?? MarketingManager);

    /// <summary>The form is refused for exactly one reason, shown next to <paramref name="field"/>.</summary>
    private static void AssertOnlyError(ValidationErrors errors, string field, string message)
    {
        Assert.Equal([message], errors.For(field));
        Assert.Equal([field], errors.ByField.Keys);
    }

    private static void AssertValid(ValidationErrors errors) => Assert.True(errors.IsEmpty, string.Join(" | ", errors.All));

    [Fact]
    public void A_complete_form_from_a_manager_of_its_department_has_no_errors() => AssertValid(Validate(Valid()));

    [Fact]
    public void An_empty_form_says_field_by_field_what_is_missing()
    {
        var errors = Validate(new WorkflowForm());

        Assert.Equal(["Enter a name."], errors.For(nameof(WorkflowForm.Name)));
        Assert.Equal(["Enter the purpose: what the AI is used for and why."], errors.For(nameof(WorkflowForm.Purpose)));
        Assert.Equal(["Choose the department."], errors.For(nameof(WorkflowForm.DepartmentId)));
        Assert.Equal(["Choose the most sensitive kind of data the AI receives."], errors.For(nameof(WorkflowForm.DataClassificationId)));
        // A new form starts with "review before use", which needs someone to review.
        Assert.Equal(["Say who reviews or approves the output, e.g. \"Team lead\"."], errors.For(nameof(WorkflowForm.ApprovingRole)));
        Assert.Equal(5, errors.ByField.Count);
    }

    // Name

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_workflow_needs_a_name(string name) =>
        AssertOnlyError(Validate(Valid(f => f.Name = name)), nameof(WorkflowForm.Name), "Enter a name.");

    [Fact]
    public void A_name_of_200_characters_is_accepted() => AssertValid(Validate(Valid(f => f.Name = new string('n', 200))));

    [Fact]
    public void A_name_of_201_characters_is_refused_with_its_length() =>
        AssertOnlyError(Validate(Valid(f => f.Name = new string('n', 201))), nameof(WorkflowForm.Name),
            "Keep a name to 200 characters or fewer (now 201).");

    [Fact]
    public void Spaces_around_the_name_do_not_count_towards_its_length() =>
        AssertValid(Validate(Valid(f => f.Name = "  " + new string('n', 200) + "  ")));

    // Purpose

    [Theory]
    [InlineData("")]
    [InlineData(" \t ")]
    public void A_workflow_needs_a_purpose(string purpose) =>
        AssertOnlyError(Validate(Valid(f => f.Purpose = purpose)), nameof(WorkflowForm.Purpose),
            "Enter the purpose: what the AI is used for and why.");

    [Fact]
    public void A_purpose_of_8000_characters_is_accepted() => AssertValid(Validate(Valid(f => f.Purpose = new string('p', 8000))));

    [Fact]
    public void A_purpose_of_8001_characters_is_refused() =>
        AssertOnlyError(Validate(Valid(f => f.Purpose = new string('p', 8001))), nameof(WorkflowForm.Purpose),
            "Keep the purpose: what the AI is used for and why to 8000 characters or fewer (now 8001).");

    // Approving role

    [Fact]
    public void An_approving_role_of_100_characters_is_accepted() =>
        AssertValid(Validate(Valid(f => f.ApprovingRole = new string('r', 100))));

    [Fact]
    public void An_approving_role_of_101_characters_is_refused() =>
        AssertOnlyError(Validate(Valid(f => f.ApprovingRole = new string('r', 101))), nameof(WorkflowForm.ApprovingRole),
            "Keep the approving role to 100 characters or fewer (now 101).");

    [Theory]
    [InlineData(HumanOversight.SpotCheck, "")]
    [InlineData(HumanOversight.ReviewBeforeUse, "")]
    [InlineData(HumanOversight.ApprovalBeforeRelease, "  ")]
    [InlineData(HumanOversight.TwoPersonApproval, "")]
    public void Any_human_oversight_needs_an_approving_role(HumanOversight oversight, string approvingRole) =>
        AssertOnlyError(Validate(Valid(f => (f.Oversight, f.SpotCheckPercent, f.ApprovingRole) = (oversight, 10, approvingRole))),
            nameof(WorkflowForm.ApprovingRole), "Say who reviews or approves the output, e.g. \"Team lead\".");

    [Fact]
    public void Without_human_oversight_no_approving_role_is_needed() =>
        AssertValid(Validate(Valid(f => (f.Oversight, f.ApprovingRole) = (HumanOversight.None, ""))));

    // Department

    [Fact]
    public void A_workflow_needs_a_department() =>
        AssertOnlyError(Validate(Valid(f => f.DepartmentId = null)), nameof(WorkflowForm.DepartmentId), "Choose the department.");

    [Fact]
    public void A_department_that_no_longer_exists_is_refused() =>
        AssertOnlyError(Validate(Valid(f => f.DepartmentId = Unknown), ActorWith(Roles.ComplianceOfficer)),
            nameof(WorkflowForm.DepartmentId), "That department no longer exists.");

    [Theory]
    [InlineData(Roles.Manager)]
    [InlineData(Roles.Staff)]
    public void A_manager_cannot_record_a_workflow_for_a_department_they_do_not_manage(string role) =>
        AssertOnlyError(Validate(Valid(f => f.DepartmentId = Finance), ActorWith(role, Marketing)),
            nameof(WorkflowForm.DepartmentId), "You can only record workflows for your own department(s).");

    [Fact]
    public void A_manager_of_several_departments_records_workflows_for_each()
    {
        var manager = ActorWith(Roles.Manager, Marketing, Sales);

        AssertValid(Validate(Valid(f => f.DepartmentId = Marketing), manager));
        AssertValid(Validate(Valid(f => f.DepartmentId = Sales), manager));
        Assert.NotEmpty(Validate(Valid(f => f.DepartmentId = Finance), manager).For(nameof(WorkflowForm.DepartmentId)));
    }

    [Theory]
    [InlineData(Roles.ComplianceOfficer)]
    [InlineData(Roles.Administrator)]
    public void Compliance_and_administrators_record_workflows_for_any_department(string role)
    {
        AssertValid(Validate(Valid(f => f.DepartmentId = Finance), ActorWith(role)));
        AssertValid(Validate(Valid(f => f.DepartmentId = Sales), ActorWith(role)));
    }

    // Owner

    [Fact]
    public void An_owner_who_is_not_an_enabled_user_is_refused() =>
        AssertOnlyError(Validate(Valid(f => f.OwnerId = "someone-else")), nameof(WorkflowForm.OwnerId),
            "The owner must be a user of AiPolicyHub with an enabled account.");

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void A_workflow_outside_production_may_have_no_owner(string? owner) =>
        AssertValid(Validate(Valid(f => f.OwnerId = owner)));

    // Tools

    [Fact]
    public void A_tool_that_no_longer_exists_is_refused_by_its_number() =>
        AssertOnlyError(Validate(Valid(f => f.ToolIds = [Chatbot, 555])), nameof(WorkflowForm.ToolIds), "Tool #555 no longer exists.");

    [Fact]
    public void Every_unknown_tool_is_named()
    {
        var errors = Validate(Valid(f => f.ToolIds = [555, Translator, 556]));

        Assert.Equal(["Tool #555 no longer exists.", "Tool #556 no longer exists."], errors.For(nameof(WorkflowForm.ToolIds)));
        Assert.Equal([nameof(WorkflowForm.ToolIds)], errors.ByField.Keys);
    }

    [Fact]
    public void Several_known_tools_are_accepted() => AssertValid(Validate(Valid(f => f.ToolIds = [Chatbot, Translator])));

    // Classification

    [Fact]
    public void A_workflow_needs_a_data_classification() =>
        AssertOnlyError(Validate(Valid(f => f.DataClassificationId = null)), nameof(WorkflowForm.DataClassificationId),
            "Choose the most sensitive kind of data the AI receives.");

    [Fact]
    public void A_classification_level_that_no_longer_exists_is_refused() =>
        AssertOnlyError(Validate(Valid(f => f.DataClassificationId = 7)), nameof(WorkflowForm.DataClassificationId),
            "That classification level no longer exists.");

    // Spot-check

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    [InlineData(100)]
    public void A_spot_check_accepts_a_sample_rate_between_1_and_100(int percent) =>
        AssertValid(Validate(Valid(f => (f.Oversight, f.SpotCheckPercent) = (HumanOversight.SpotCheck, percent))));

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    [InlineData(-5)]
    [InlineData(null)]
    public void A_spot_check_needs_a_sample_rate_between_1_and_100(int? percent) =>
        AssertOnlyError(Validate(Valid(f => (f.Oversight, f.SpotCheckPercent) = (HumanOversight.SpotCheck, percent))),
            nameof(WorkflowForm.SpotCheckPercent), "A spot-check needs a sample rate between 1 and 100 %.");

    [Fact]
    public void A_sample_rate_left_over_from_an_earlier_spot_check_is_ignored_for_other_oversight() =>
        AssertValid(Validate(Valid(f => (f.Oversight, f.SpotCheckPercent) = (HumanOversight.ReviewBeforeUse, 0))));

    // Monthly volume

    [Theory]
    [InlineData(null)]
    [InlineData(0)]
    [InlineData(1_000_000_000)]
    public void A_monthly_volume_between_0_and_a_billion_or_none_is_accepted(int? volume) =>
        AssertValid(Validate(Valid(f => f.MonthlyVolume = volume)));

    [Theory]
    [InlineData(-1)]
    [InlineData(1_000_000_001)]
    public void A_monthly_volume_outside_0_to_a_billion_is_refused(int volume) =>
        AssertOnlyError(Validate(Valid(f => f.MonthlyVolume = volume)), nameof(WorkflowForm.MonthlyVolume),
            "Enter a monthly volume between 0 and 1,000,000,000, or leave it empty.");

    // Review cadence

    [Theory]
    [InlineData(1)]
    [InlineData(60)]
    public void A_review_cadence_from_monthly_to_every_60_months_is_accepted(int months) =>
        AssertValid(Validate(Valid(f => f.ReviewCadenceMonths = months)));

    [Theory]
    [InlineData(0)]
    [InlineData(61)]
    [InlineData(-12)]
    public void A_review_cadence_outside_1_to_60_months_is_refused(int months) =>
        AssertOnlyError(Validate(Valid(f => f.ReviewCadenceMonths = months)), nameof(WorkflowForm.ReviewCadenceMonths),
            "Review at least every 60 months (and at most monthly).");

    // Next review date

    [Theory]
    [InlineData("2000-01-01")]
    [InlineData("2100-12-31")]
    public void A_review_date_on_the_edge_of_the_allowed_range_is_accepted(string date) =>
        AssertValid(Validate(Valid(f => f.NextReviewDate = DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture))));

    [Theory]
    [InlineData("1999-12-31")]
    [InlineData("2101-01-01")]
    [InlineData("0001-01-01")]
    public void A_review_date_outside_2000_to_2100_is_refused(string date) =>
        AssertOnlyError(Validate(Valid(f => f.NextReviewDate = DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture))),
            nameof(WorkflowForm.NextReviewDate), "Enter a review date between 2000-01-01 and 2100-12-31.");

    [Fact]
    public void A_workflow_outside_production_may_have_no_review_date() =>
        AssertValid(Validate(Valid(f => f.NextReviewDate = null)));

    // Production

    [Fact]
    public void A_workflow_in_production_needs_an_owner() =>
        AssertOnlyError(Validate(Valid(f => (f.Stage, f.OwnerId) = (LifecycleStage.Production, null))),
            nameof(WorkflowForm.OwnerId), "A workflow in production needs an owner.");

    [Fact]
    public void A_workflow_in_production_needs_a_next_review_date() =>
        AssertOnlyError(Validate(Valid(f => (f.Stage, f.NextReviewDate) = (LifecycleStage.Production, null))),
            nameof(WorkflowForm.NextReviewDate), "A workflow in production needs a next review date.");

    [Fact]
    public void A_workflow_in_production_with_owner_and_review_date_is_accepted() =>
        AssertValid(Validate(Valid(f => f.Stage = LifecycleStage.Production)));

    [Fact]
    public void A_workflow_in_production_without_owner_or_date_gets_both_messages()
    {
        var errors = Validate(Valid(f => (f.Stage, f.OwnerId, f.NextReviewDate) = (LifecycleStage.Production, "", null)));

        Assert.Equal(["A workflow in production needs an owner."], errors.For(nameof(WorkflowForm.OwnerId)));
        Assert.Equal(["A workflow in production needs a next review date."], errors.For(nameof(WorkflowForm.NextReviewDate)));
        Assert.Equal(2, errors.ByField.Count);
    }

    [Fact]
    public void Several_problems_are_reported_together_each_on_its_own_field()
    {
        var errors = Validate(Valid(f =>
        {
            f.Name = new string('n', 201);
            f.DepartmentId = Finance;
            f.Oversight = HumanOversight.SpotCheck;
            f.SpotCheckPercent = 0;
            f.ReviewCadenceMonths = 0;
        }));

        Assert.Equal(
            [nameof(WorkflowForm.DepartmentId), nameof(WorkflowForm.Name), nameof(WorkflowForm.ReviewCadenceMonths),
             nameof(WorkflowForm.SpotCheckPercent)],
            errors.ByField.Keys.Order());
        Assert.All(errors.ByField.Values, messages => Assert.Single(messages));
    }
}
