using AiPolicyHub.Core.Identity;
using AiPolicyHub.Web.Components.Pages.Admin;

namespace AiPolicyHub.Components.Tests.Admin;

public sealed class RoleChooserTests : ComponentTest
{
    [Fact]
    public void Every_role_is_a_labelled_checkbox_ticked_when_the_person_has_it()
    {
        var chooser = Render<RoleChooser>(p => p.Add(c => c.Selected, [Roles.Manager]));

        var boxes = chooser.FindAll("label").Select(l => (Text: l.TextContent.Trim(), Ticked: l.QuerySelector("input[type=checkbox]")!.HasAttribute("checked"))).ToList();

        Assert.Equal(["Administrator", "Compliance officer", "Manager", "Staff"], boxes.Select(b => b.Text));
        Assert.Equal([false, false, true, false], boxes.Select(b => b.Ticked));
    }

    [Fact]
    public void Ticking_a_role_adds_it_and_the_roles_come_back_in_their_fixed_order()
    {
        IReadOnlyCollection<string>? chosen = null;
        var chooser = Render<RoleChooser>(p => p
            .Add(c => c.Selected, [Roles.Staff])
            .Add(c => c.SelectedChanged, roles => chosen = roles));

        Checkbox(chooser, "Compliance officer").Change(true);

        Assert.Equal([Roles.ComplianceOfficer, Roles.Staff], chosen);
    }

    [Fact]
    public void Unticking_a_role_removes_it()
    {
        IReadOnlyCollection<string>? chosen = null;
        var chooser = Render<RoleChooser>(p => p
            .Add(c => c.Selected, [Roles.Manager, Roles.Staff])
            .Add(c => c.SelectedChanged, roles => chosen = roles));

        Checkbox(chooser, "Staff").Change(false);

        Assert.Equal([Roles.Manager], chosen);
    }

    private static AngleSharp.Dom.IElement Checkbox(IRenderedComponent<RoleChooser> chooser, string label) =>
        chooser.FindAll("label").Single(l => l.TextContent.Trim() == label).QuerySelector("input[type=checkbox]")!;
}
