using System.ComponentModel;
using System.Reflection;
using AiPolicyHub.Core.Inventory;

namespace AiPolicyHub.Core.Tests.Inventory;

public class EnumTextTests
{
    [Fact]
    public void A_value_reads_as_the_words_users_see()
    {
        Assert.Equal("Spot-check a sample", EnumText.Of(HumanOversight.SpotCheck));
        Assert.Equal("Approved with restrictions", EnumText.Of(ToolApprovalStatus.ApprovedWithRestrictions));
        Assert.Equal("Customer-facing", EnumText.Of(Audience.CustomerFacing));
    }

    [Fact]
    public void Combined_flags_read_as_a_list_in_declaration_order()
    {
        Assert.Equal("Text, Code, Autonomous agent",
            EnumText.Of(ToolCapabilities.AutonomousAgent | ToolCapabilities.Text | ToolCapabilities.Code));
        Assert.Equal("Personal data, Credentials or secrets", EnumText.Of(DataCategories.Credentials | DataCategories.PersonalData));
    }

    [Fact]
    public void A_single_flag_reads_as_its_own_words() => Assert.Equal("Bias testing", EnumText.Of(VerificationControls.BiasTesting));

    [Fact]
    public void The_choices_offered_for_flags_leave_out_none()
    {
        Assert.DoesNotContain(PeopleImpact.None, EnumText.Values<PeopleImpact>());
        Assert.Equal(7, EnumText.Values<PeopleImpact>().Count);
        Assert.Equal(Enum.GetValues<WorkflowStatus>(), EnumText.Values<WorkflowStatus>());
    }

    [Theory]
    [InlineData(typeof(ToolDeployment))]
    [InlineData(typeof(ToolCapabilities))]
    [InlineData(typeof(VendorTraining))]
    [InlineData(typeof(ToolApprovalStatus))]
    [InlineData(typeof(LifecycleStage))]
    [InlineData(typeof(Autonomy))]
    [InlineData(typeof(Audience))]
    [InlineData(typeof(PeopleImpact))]
    [InlineData(typeof(DataCategories))]
    [InlineData(typeof(HumanOversight))]
    [InlineData(typeof(VerificationControls))]
    [InlineData(typeof(WorkflowStatus))]
    public void Every_value_users_can_choose_has_words_of_its_own(Type type)
    {
        // Without a [Description], users would read the C# name, e.g. "ApprovedWithRestrictions".
        var undescribed = type.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => Convert.ToInt64(f.GetValue(null)) != 0 || !type.IsDefined(typeof(FlagsAttribute)))
            .Where(f => f.GetCustomAttribute<DescriptionAttribute>() is null)
            .Select(f => f.Name);

        Assert.Empty(undescribed);
    }
}
