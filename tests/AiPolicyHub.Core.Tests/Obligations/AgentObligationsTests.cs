using AiPolicyHub.Core.Agents;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Obligations;
using AiPolicyHub.Core.Risk;
using Microsoft.Extensions.DependencyInjection;

namespace AiPolicyHub.Core.Tests.Obligations;

public sealed class AgentObligationsTests
{
    private static RelyingWorkflow Relying(int id, string name, EuAiActCategory category, params ObligationScope[] scopes) =>
        new(id, name, category, false, new ObligationFacts(OperatorRole.Deployer, new HashSet<ObligationScope>([ObligationScope.All, .. scopes])));

    [Fact]
    public void An_agent_takes_the_highest_category_of_the_workflows_relying_on_it_and_the_obligations_of_them_all()
    {
        var relying = new[]
        {
            Relying(1, "Meeting notes", EuAiActCategory.Minimal),
            Relying(2, "Customer chat", EuAiActCategory.Transparency, ObligationScope.Transparency),
            Relying(3, "Loan pre-screening", EuAiActCategory.HighRisk, ObligationScope.HighRiskAnnexIII),
        };

        var category = AgentObligations.Of(OperatorRole.Provider, relying);

        Assert.Equal((EuAiActCategory.HighRisk, 3), (category.Category, category.From!.Id));
        Assert.Equal(OperatorRole.Provider, category.Facts.Role);
        Assert.Equal([ObligationScope.All, ObligationScope.HighRiskAnnexIII, ObligationScope.Transparency], category.Facts.Scopes.Order());
    }

    [Fact]
    public void An_agent_no_workflow_relies_on_is_minimal_risk_with_only_the_duties_of_every_AI_system()
    {
        var category = AgentObligations.Of(OperatorRole.Deployer, []);

        Assert.Equal(EuAiActCategory.Minimal, category.Category);
        Assert.Null(category.From);
        Assert.Equal([ObligationScope.All], category.Facts.Scopes);
    }

    [Fact]
    public async Task An_agents_obligations_come_from_the_highest_relying_workflow_and_change_on_the_day_a_date_passes()
    {
        var clock = new TestClock(new DateTimeOffset(2027, 12, 1, 23, 0, 0, TimeSpan.Zero));
        await using var test = await new TestServices(clock).InitializeAsync();
        var s = await ObligationScenario.StartAsync(test, clock);
        var notes = await AddMinimalWorkflowAsync(s);
        var scoring = await s.AddWorkflowAsync();
        await s.SetProfileAsync(scoring, (await s.Profiles.ViewAsync(s.Officer, scoring))!.Profile with { Area = HighRiskArea.CreditScoring });
        var agent = await AddAgentAsync(s, OperatorRole.Deployer, notes, scoring);

        var before = (await s.Profiles.AgentViewAsync(s.Staff, agent))!;
        Assert.Equal(EuAiActCategory.HighRisk, before.Category);
        Assert.Equal(("Loan pre-screening", 2), (before.CategoryFrom!.Name, before.RelyingWorkflows));
        Assert.Equal(["LITERACY"], before.Obligations.InForce.Select(o => o.Obligation.Code));
        Assert.Contains(before.Obligations.Coming, o => o.Obligation.Code == "D-MONITOR" && o.Obligation.AppliesFrom == new DateOnly(2027, 12, 2)
            && o.Source!.Id == "digital-omnibus-ai");

        clock.Now = clock.Now.AddHours(1); // midnight: 2 December 2027
        var after = (await s.Profiles.AgentViewAsync(s.Staff, agent))!;
        Assert.Contains(after.Obligations.InForce, o => o.Obligation.Code == "D-MONITOR");
        Assert.Contains(after.Obligations.InForce, o => o.Obligation.Code == "D-LOGS");
        Assert.Empty(after.Obligations.Coming);
    }

    [Fact]
    public async Task The_same_agent_as_its_provider_has_the_providers_obligations_instead_of_the_deployers()
    {
        var clock = new TestClock(new DateTimeOffset(2028, 1, 10, 9, 0, 0, TimeSpan.Zero));
        await using var test = await new TestServices(clock).InitializeAsync();
        var s = await ObligationScenario.StartAsync(test, clock);
        var scoring = await s.AddWorkflowAsync();
        await s.SetProfileAsync(scoring, (await s.Profiles.ViewAsync(s.Officer, scoring))!.Profile with { Area = HighRiskArea.Employment });
        var deployed = await AddAgentAsync(s, OperatorRole.Deployer, scoring);
        var provided = await AddAgentAsync(s, OperatorRole.Provider, scoring);

        var asDeployer = (await s.Profiles.AgentViewAsync(s.Manager, deployed))!.Obligations.InForce.Select(o => o.Obligation.Code).ToList();
        var asProvider = (await s.Profiles.AgentViewAsync(s.Manager, provided))!.Obligations.InForce.Select(o => o.Obligation.Code).ToList();

        Assert.Contains("D-OVERSIGHT", asDeployer);
        Assert.DoesNotContain(asDeployer, c => c.StartsWith("P-", StringComparison.Ordinal));
        Assert.Equal(["LITERACY", "P-REQUIREMENTS", "P-CONFORMITY", "P-REGISTER", "P-POST-MARKET", "P-SERIOUS-INCIDENTS"], asProvider);
    }

    [Fact]
    public async Task A_retired_workflow_no_longer_gives_the_agent_its_category_and_an_agent_on_its_own_is_minimal_risk()
    {
        var clock = new TestClock(new DateTimeOffset(2028, 1, 10, 9, 0, 0, TimeSpan.Zero));
        await using var test = await new TestServices(clock).InitializeAsync();
        var s = await ObligationScenario.StartAsync(test, clock);
        var scoring = await s.AddWorkflowAsync();
        await s.SetProfileAsync(scoring, (await s.Profiles.ViewAsync(s.Officer, scoring))!.Profile with { Area = HighRiskArea.CreditScoring });
        var agent = await AddAgentAsync(s, OperatorRole.Deployer, scoring);
        Assert.Equal(EuAiActCategory.HighRisk, (await s.Profiles.AgentViewAsync(s.Staff, agent))!.Category);

        var stored = (await s.Test.Workflows.GetAsync(scoring))!;
        Assert.Equal(SaveStatus.Saved, (await s.Test.Workflows.RetireAsync(s.Officer, scoring, stored.Version)).Status);

        var alone = (await s.Profiles.AgentViewAsync(s.Staff, agent))!;
        Assert.Equal((EuAiActCategory.Minimal, null, 0), (alone.Category, alone.CategoryFrom, alone.RelyingWorkflows));
        Assert.Equal(["LITERACY"], alone.Obligations.InForce.Select(o => o.Obligation.Code));
        Assert.Null(await s.Profiles.AgentViewAsync(s.Staff, agent + 1000));
    }

    private static async Task<int> AddMinimalWorkflowAsync(ObligationScenario s)
    {
        var outcome = await s.Test.Workflows.SaveAsync(s.Officer, null, new WorkflowForm
        {
            Name = "Meeting notes", Purpose = "Summarises internal meeting notes for the team.", DepartmentId = s.Department, DataClassificationId = s.Level,
            ToolIds = [s.Tool], ApprovingRole = "Team lead", Audience = Audience.Internal, Autonomy = Autonomy.Draft, Oversight = HumanOversight.ReviewBeforeUse,
        });
        Assert.Equal(SaveStatus.Saved, outcome.Status);
        return outcome.Id;
    }

    private static async Task<int> AddAgentAsync(ObligationScenario s, OperatorRole role, params int[] workflows)
    {
        var outcome = await s.Test.Provider.GetRequiredService<AgentInventory>().SaveAsync(s.Officer, null, new AgentForm
        {
            Name = $"Scoring agent {role}", Purpose = "Gathers the documents of a loan application.", DepartmentId = s.Department, ToolId = s.Tool,
            DataClassificationId = s.Level, OperatorRole = role, WorkflowIds = [.. workflows],
        });
        Assert.True(outcome.Status == SaveStatus.Saved, outcome.Message);
        return outcome.Id;
    }
}
