using AiPolicyHub.Core.Compliance;
using AiPolicyHub.Core.Rules;

namespace AiPolicyHub.Core.Tests.Compliance;

public sealed class AnnexAControlsTests
{
    [Fact]
    public void The_reference_data_holds_the_38_controls_of_A_2_to_A_10_each_once_in_order()
    {
        var controls = AnnexAControls.All;

        Assert.Equal(38, controls.Count);
        Assert.Equal(38, controls.Select(c => c.Code).Distinct().Count());
        Assert.Equal(["A.2", "A.3", "A.4", "A.5", "A.6", "A.7", "A.8", "A.9", "A.10"], controls.Select(c => c.GroupCode).Distinct());
        Assert.Equal([3, 2, 5, 4, 9, 5, 4, 3, 3], controls.GroupBy(c => c.GroupCode).Select(g => g.Count()));
        Assert.All(controls, c => Assert.StartsWith(c.GroupCode + ".", c.Code));
        Assert.All(controls, c => Assert.False(string.IsNullOrWhiteSpace(c.Title)));
    }

    [Fact]
    public void Every_ISO_42001_reference_of_the_built_in_rules_names_an_Annex_A_control()
    {
        var cited = BuiltInRules.All.SelectMany(r => AnnexAControls.CitedBy(r.References)).Distinct().ToList();

        Assert.NotEmpty(cited);
        Assert.All(cited, code => Assert.NotNull(AnnexAControls.Find(code)));
        Assert.All(BuiltInRules.All.SelectMany(r => r.References).Where(r => r.Contains("42001")),
            reference => Assert.StartsWith(AnnexAControls.ReferencePrefix + "A.", reference));
    }

    [Fact]
    public void Each_control_has_its_own_evidence_subject_id_derived_from_its_code()
    {
        Assert.Equal(60206, AnnexAControls.Find("A.6.2.6")!.SubjectId);
        Assert.Equal(100300, AnnexAControls.Find("A.10.3")!.SubjectId);
        Assert.Equal(38, AnnexAControls.All.Select(c => c.SubjectId).Distinct().Count());
        Assert.All(AnnexAControls.All, c => Assert.Same(c, AnnexAControls.BySubjectId(c.SubjectId)));
    }
}
