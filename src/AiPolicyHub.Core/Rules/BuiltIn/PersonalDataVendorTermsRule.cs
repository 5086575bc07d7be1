using AiPolicyHub.Core.Inventory;

namespace AiPolicyHub.Core.Rules.BuiltIn;

/// <summary>
/// (8) Personal data (ordinary or special-category) may only go to a tool with a data-processing agreement whose vendor
/// does not train on it. A vendor we opted out of training counts as not training.
/// </summary>
public sealed class PersonalDataVendorTermsRule : IPolicyRule
{
    public const string RuleId = "personal-data-vendor-terms";

    public string Id => RuleId;
    public string Title => "Personal data without a vendor agreement, or to a tool that trains on it";
    public string Rationale =>
        "Sending personal data to a vendor makes it our processor: data-protection law requires a written agreement, " +
        "and data a vendor trains on can resurface in other customers' answers.";
    public FindingSeverity Severity => FindingSeverity.High;
    public IReadOnlyList<string> References { get; } =
        ["NIST AI RMF: MEASURE 2.10", "NIST AI RMF: GOVERN 6.1", "ISO/IEC 42001 A.10.3", "ISO/IEC 42001 A.7.3", "GDPR Art. 28"];
    public IReadOnlyList<RuleParameter> Parameters { get; } = [];

    private const DataCategories Personal = DataCategories.PersonalData | DataCategories.SpecialCategoryData;

    public IReadOnlyList<string> Validate(RuleParameters parameters, ClassificationScale scale) => [];

    /// <summary>What stops personal data going to <paramref name="tool"/>; personal data may go to it when neither holds.</summary>
    public static (bool MissingAgreement, bool Training) Obstacles(RuleTool tool) =>
        (!tool.HasDataProcessingAgreement, tool.TrainsOnOurData == VendorTraining.Yes);

    public RuleFinding? Evaluate(RuleSubject subject, in RuleContext context)
    {
        if ((subject.DataCategories & Personal) == 0)
        {
            return null;
        }
        var tools = subject.Tools;
        List<string>? problems = null;
        bool noAgreement = false, trains = false;
        for (var i = 0; i < tools.Count; i++)
        {
            var (missingAgreement, training) = Obstacles(tools[i]);
            if (!missingAgreement && !training)
            {
                continue;
            }
            var problem = (missingAgreement, training) switch
            {
                (true, true) => "which has no data-processing agreement and whose vendor trains on our data",
                (true, false) => "which has no data-processing agreement",
                _ => "whose vendor trains on our data",
            };
            (problems ??= []).Add($"{RuleText.Quoted(tools[i].Name)}, {problem}");
            noAgreement |= missingAgreement;
            trains |= training;
        }
        if (problems is null)
        {
            return null;
        }
        var what = (subject.DataCategories & DataCategories.SpecialCategoryData) != 0
            ? "Special-category personal data (such as health data)"
            : "Personal data";
        var remedy = (noAgreement, trains) switch
        {
            (true, true) => "Sign a data-processing agreement with the vendor and opt out of training, use a tool that has both, or leave the personal data out.",
            (true, false) => "Sign a data-processing agreement with the vendor, use a tool that has one, or leave the personal data out.",
            _ => "Opt out of training with the vendor, use a tool whose vendor does not train on our data, or leave the personal data out.",
        };
        return RuleFinding.For(this, $"{what} goes to {RuleText.List(problems)}.", remedy);
    }
}
