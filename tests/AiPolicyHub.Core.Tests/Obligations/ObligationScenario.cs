using System.Security.Claims;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Obligations;
using Microsoft.Extensions.DependencyInjection;

namespace AiPolicyHub.Core.Tests.Obligations;

/// <summary>A department with its manager, an officer, an administrator, a staff member and an approved tool, for the obligations tests.</summary>
internal sealed class ObligationScenario
{
    public required TestServices Test { get; init; }
    public required TestClock Clock { get; init; }
    public required ClaimsPrincipal Admin { get; init; }
    public required ClaimsPrincipal Officer { get; init; }
    public required ClaimsPrincipal Manager { get; init; }
    public required ClaimsPrincipal OtherManager { get; init; }
    public required ClaimsPrincipal Staff { get; init; }
    public required int Department { get; init; }
    public required int Level { get; init; }
    public required int Tool { get; init; }

    public EuAiActProfiles Profiles => Test.Provider.GetRequiredService<EuAiActProfiles>();
    public FriaRegister Frias => Test.Provider.GetRequiredService<FriaRegister>();
    public ObligationTables Tables => Test.Provider.GetRequiredService<ObligationTables>();
    public SeriousIncidents Serious => Test.Provider.GetRequiredService<SeriousIncidents>();

    public static async Task<ObligationScenario> StartAsync(TestServices test, TestClock clock)
    {
        var department = await test.AddDepartmentAsync("Lending");
        var other = await test.AddDepartmentAsync("Marketing");
        var officer = await test.CreateUserAsync("Cora Compliance", Roles.ComplianceOfficer);
        var level = await test.ClassificationIdAsync("Internal");
        var tool = (await test.Tools.SaveAsync(officer, null, new ToolForm
        {
            Name = "Scorer", Vendor = "Acme", MaxClassificationId = level, ApprovalStatus = ToolApprovalStatus.Approved,
        })).Id;
        return new ObligationScenario
        {
            Test = test, Clock = clock, Officer = officer, Department = department, Level = level, Tool = tool,
            Admin = await test.CreateUserAsync("Ada Admin", Roles.Administrator),
            Manager = await test.CreateUserAsync("Max Manager", Roles.Manager, department),
            OtherManager = await test.CreateUserAsync("Olga Other", Roles.Manager, other),
            Staff = await test.CreateUserAsync("Sam Staff", Roles.Staff),
        };
    }

    public async Task<int> AddWorkflowAsync(string name = "Loan pre-screening", Audience audience = Audience.Internal)
    {
        var outcome = await Test.Workflows.SaveAsync(Officer, null, new WorkflowForm
        {
            Name = name, Purpose = "Scores loan applications for the credit team.", DepartmentId = Department, DataClassificationId = Level,
            ToolIds = [Tool], ApprovingRole = "Credit lead", Audience = audience, Autonomy = Autonomy.RecommendDecision,
            Oversight = HumanOversight.ReviewBeforeUse, AffectsPeople = PeopleImpact.Lending,
        });
        Assert.Equal(SaveStatus.Saved, outcome.Status);
        return outcome.Id;
    }

    public async Task SetProfileAsync(int workflowId, EuAiActProfileForm profile)
    {
        var view = (await Profiles.ViewAsync(Officer, workflowId))!;
        Assert.Equal(SaveStatus.Saved, (await Profiles.SaveAsync(Officer, workflowId, profile, view.Profile)).Status);
    }

    public static FriaForm CompleteFria(string process = "Pre-screens every consumer loan application before a credit officer decides.") => new()
    {
        ProcessDescription = process,
        PeriodAndFrequency = "Continuously from January 2027, about 400 applications a month.",
        AffectedGroups = "Consumers applying for loans, including people with thin credit files.",
        RisksOfHarm = "Unfair refusal of credit; indirect discrimination by postcode.",
        OversightMeasures = "A credit officer reviews every refusal before it is sent.",
        MitigationAndComplaints = "Suspend the model, review refusals of the period; complaints go to the credit ombudsman desk.",
        DpiaReference = "https://intranet.example.org/dpia/loan-scoring",
        DpiaNote = "The DPIA of March 2026 covers the data flows; this assessment adds the rights beyond privacy.",
    };
}
