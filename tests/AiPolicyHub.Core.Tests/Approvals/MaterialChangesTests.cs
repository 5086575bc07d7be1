using AiPolicyHub.Core.Approvals;
using AiPolicyHub.Core.Inventory;

namespace AiPolicyHub.Core.Tests.Approvals;

/// <summary>Which edits of an approved workflow, and of a tool it uses, need compliance to approve it again.</summary>
public class MaterialChangesTests
{
    private const int Public = 1, Internal = 2, Confidential = 3, Restricted = 4, Chatbot = 10, Copilot = 11;

    private static readonly IReadOnlyDictionary<int, int> Ranks = new Dictionary<int, int>
    {
        [Public] = 1, [Internal] = 2, [Confidential] = 3, [Restricted] = 4,
    };

    private static readonly InventoryNames Names = new(
        new Dictionary<int, string> { [1] = "Marketing" },
        new Dictionary<int, string> { [Public] = "Public", [Internal] = "Internal", [Confidential] = "Confidential", [Restricted] = "Restricted" },
        new Dictionary<int, string> { [Chatbot] = "ChatGPT Enterprise", [Copilot] = "Copilot" },
        new Dictionary<string, string> { ["mia"] = "Mia Manager", ["fred"] = "Fred Finance" });

    private static WorkflowForm Approved() => new()
    {
        Name = "Support reply drafts", DepartmentId = 1, OwnerId = "mia", Purpose = "Drafts replies for agents to finish.",
        ToolIds = [Chatbot], Stage = LifecycleStage.Production, Autonomy = Autonomy.Draft, Audience = Audience.CustomerFacing,
        DataClassificationId = Internal, DataCategories = DataCategories.CustomerData, Oversight = HumanOversight.SpotCheck,
        SpotCheckPercent = 20, ApprovingRole = "Team lead", Controls = VerificationControls.FactCheck | VerificationControls.ProvenanceLogging,
        MonthlyVolume = 500, ReviewCadenceMonths = 12, NextReviewDate = new DateOnly(2027, 6, 1), Status = WorkflowStatus.Approved,
    };

    private static IReadOnlyList<string> After(Action<WorkflowForm> change)
    {
        var after = Approved();
        change(after);
        return MaterialChanges.Between(Approved(), after, Names, Ranks);
    }

    [Fact]
    public void More_sensitive_data_is_material_and_names_both_levels() =>
        Assert.Equal(["more sensitive data (Internal → Confidential)"], After(f => f.DataClassificationId = Confidential));

    [Fact]
    public void Less_sensitive_data_is_not_material() =>
        Assert.Empty(After(f => f.DataClassificationId = Public));

    [Fact]
    public void A_new_kind_of_data_is_material_and_names_only_the_new_ones() =>
        Assert.Equal(["new kinds of data (Personal data, Financial data)"],
            After(f => f.DataCategories = DataCategories.CustomerData | DataCategories.PersonalData | DataCategories.Financial));

    [Fact]
    public void Dropping_a_kind_of_data_is_not_material() =>
        Assert.Empty(After(f => f.DataCategories = DataCategories.None));

    [Fact]
    public void Higher_autonomy_is_material_and_lower_is_not()
    {
        Assert.Equal(["more autonomy (Drafts for a person to finish → Acts automatically)"], After(f => f.Autonomy = Autonomy.ActAutomatically));
        Assert.Empty(After(f => f.Autonomy = Autonomy.Assist));
    }

    [Fact]
    public void A_wider_audience_is_material_and_a_narrower_one_is_not()
    {
        Assert.Equal(["a wider audience (Customer-facing → Public)"], After(f => f.Audience = Audience.Public));
        Assert.Empty(After(f => f.Audience = Audience.Internal));
    }

    [Fact]
    public void Affecting_people_is_material_when_an_area_is_added_not_when_one_is_removed()
    {
        Assert.Equal(["it now affects people's rights or opportunities (Hiring)"], After(f => f.AffectsPeople = PeopleImpact.Hiring));
        var before = Approved();
        before.AffectsPeople = PeopleImpact.Hiring | PeopleImpact.Lending;
        var after = Approved();
        after.AffectsPeople = PeopleImpact.Hiring;
        Assert.Empty(MaterialChanges.Between(before, after, Names, Ranks));
    }

    [Fact]
    public void A_new_tool_is_material_and_dropping_one_is_not()
    {
        Assert.Equal(["a new AI tool (Copilot)"], After(f => f.ToolIds = [Chatbot, Copilot]));
        Assert.Empty(After(f => f.ToolIds = []));
    }

    [Fact]
    public void Weaker_oversight_is_material_and_stronger_is_not()
    {
        Assert.Equal(["weaker human oversight (Spot-check a sample → None)"], After(f => f.Oversight = HumanOversight.None));
        Assert.Empty(After(f => f.Oversight = HumanOversight.TwoPersonApproval));
    }

    [Fact]
    public void A_smaller_spot_check_sample_is_material_and_a_larger_one_is_not()
    {
        Assert.Equal(["a smaller spot-check sample (20 % → 5 %)"], After(f => f.SpotCheckPercent = 5));
        Assert.Empty(After(f => f.SpotCheckPercent = 50));
    }

    [Fact]
    public void Fewer_controls_is_material_and_more_is_not()
    {
        Assert.Equal(["fewer verification controls (no longer: Fact-check against sources)"],
            After(f => f.Controls = VerificationControls.ProvenanceLogging));
        Assert.Empty(After(f => f.Controls |= VerificationControls.BiasTesting));
    }

    [Fact]
    public void Everyday_edits_keep_the_approval()
    {
        Assert.Empty(After(f =>
        {
            f.Name = "Support reply drafts (EU)";
            f.Purpose = "Drafts replies for agents to finish; fixed a typo.";
            f.OwnerId = "fred";
            f.ApprovingRole = "Support lead";
            f.MonthlyVolume = 800;
            f.ReviewCadenceMonths = 6;
            f.NextReviewDate = new DateOnly(2027, 1, 1);
        }));
    }

    [Fact]
    public void Several_material_changes_give_one_reason_each()
    {
        var reasons = After(f =>
        {
            f.DataClassificationId = Restricted;
            f.Autonomy = Autonomy.ActAutomatically;
            f.Controls = VerificationControls.None;
        });
        Assert.Equal(3, reasons.Count);
    }

    private static ToolForm Tool() => new()
    {
        Name = "ChatGPT Enterprise", Vendor = "OpenAI", ModelVersion = "gpt-4o", TrainsOnOurData = VendorTraining.No,
        HasDataProcessingAgreement = true, MaxClassificationId = Confidential, RetentionDays = 30, DataResidency = "EU",
        ApprovalStatus = ToolApprovalStatus.Approved,
    };

    private static IReadOnlyList<string> ToolAfter(Action<ToolForm> change)
    {
        var after = Tool();
        change(after);
        return MaterialChanges.Between(Tool(), after, Names, Ranks);
    }

    [Fact]
    public void A_new_model_version_matters() =>
        Assert.Equal(["a new model or version (“gpt-4o” → “gpt-5”)"], ToolAfter(t => t.ModelVersion = "gpt-5"));

    [Fact]
    public void Vendor_terms_that_now_allow_training_on_our_data_matter()
    {
        Assert.Equal(["the vendor's terms now allow training on our data"], ToolAfter(t => t.TrainsOnOurData = VendorTraining.Yes));
        Assert.Empty(ToolAfter(t => t.TrainsOnOurData = VendorTraining.OptedOut));
    }

    [Fact]
    public void A_lower_allowed_classification_matters_and_a_higher_one_does_not()
    {
        Assert.Equal(["it may receive less sensitive data only (Confidential → Internal)"], ToolAfter(t => t.MaxClassificationId = Internal));
        Assert.Empty(ToolAfter(t => t.MaxClassificationId = Restricted));
    }

    [Fact]
    public void A_dropped_data_processing_agreement_matters() =>
        Assert.Equal(["its data-processing agreement was dropped"], ToolAfter(t => t.HasDataProcessingAgreement = false));

    [Fact]
    public void Other_tool_edits_do_not_reopen_workflows() =>
        Assert.Empty(ToolAfter(t =>
        {
            t.Name = "ChatGPT Team";
            t.Vendor = "OpenAI, Inc.";
            t.Notes = "Renewed licence.";
            t.ModelVersion = " gpt-4o ";
        }));
}
