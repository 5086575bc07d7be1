using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Rules;
using AiPolicyHub.Core.Rules.BuiltIn;
using static AiPolicyHub.Core.Tests.Rules.RuleTestData;

namespace AiPolicyHub.Core.Tests.Rules;

public class PersonalDataVendorTermsRuleTests
{
    private const string Rule = PersonalDataVendorTermsRule.RuleId;

    private static RuleSubject PersonalDataTo(RuleTool tool, DataCategories categories = DataCategories.PersonalData) =>
        Compliant() with { DataCategories = categories, Tools = [tool] };

    [Theory]
    [InlineData(VendorTraining.No)]
    [InlineData(VendorTraining.OptedOut)]
    public void Personal_data_may_go_to_a_tool_with_an_agreement_that_does_not_train_on_it(VendorTraining training) =>
        Assert.Null(FindingOf(Rule, PersonalDataTo(Assistant() with { TrainsOnOurData = training })));

    [Fact]
    public void A_vendor_that_trains_on_our_data_is_a_finding()
    {
        var finding = FindingOf(Rule, PersonalDataTo(Assistant("Chatbot") with { TrainsOnOurData = VendorTraining.Yes }))!;

        Assert.Equal("Personal data goes to “Chatbot”, whose vendor trains on our data.", finding.Explanation);
        Assert.StartsWith("Opt out of training", finding.Remedy);
    }

    [Fact]
    public void A_tool_without_a_data_processing_agreement_is_a_finding()
    {
        var finding = FindingOf(Rule, PersonalDataTo(Assistant("Notes") with { HasDataProcessingAgreement = false }))!;

        Assert.Equal("Personal data goes to “Notes”, which has no data-processing agreement.", finding.Explanation);
        Assert.StartsWith("Sign a data-processing agreement", finding.Remedy);
    }

    [Fact]
    public void Special_category_data_is_called_out() =>
        Assert.StartsWith("Special-category personal data (such as health data) goes to",
            FindingOf(Rule, PersonalDataTo(Assistant() with { HasDataProcessingAgreement = false }, DataCategories.SpecialCategoryData))!.Explanation);

    [Fact]
    public void Without_personal_data_the_vendor_terms_do_not_matter() =>
        Assert.Null(FindingOf(Rule, PersonalDataTo(Assistant() with { HasDataProcessingAgreement = false, TrainsOnOurData = VendorTraining.Yes },
            DataCategories.Financial)));
}
