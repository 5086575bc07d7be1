using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Rules;

namespace AiPolicyHub.Core.Tests.Rules;

/// <summary>The checker's answers over stored tools and workflows: what fits the task and the data, and where a high-risk use goes.</summary>
public sealed class UsageAdvisorTests : IAsyncLifetime
{
    private readonly TestClock clock = new(new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero));
    private TestServices test = null!;
    private System.Security.Claims.ClaimsPrincipal admin = null!, compliance = null!;
    private int department, internalLevel, confidential, chatbot, translator;

    public async Task InitializeAsync()
    {
        test = await new TestServices(clock).InitializeAsync();
        department = await test.AddDepartmentAsync("Legal");
        admin = await test.CreateUserAsync("Ada Admin", Roles.Administrator);
        compliance = await test.CreateUserAsync("Cora Compliance", Roles.ComplianceOfficer);
        internalLevel = await test.ClassificationIdAsync("Internal");
        confidential = await test.ClassificationIdAsync("Confidential");
        chatbot = await ToolAsync("Chatbot", ToolCapabilities.Text);
        translator = await ToolAsync("Translator", ToolCapabilities.Translation);
    }

    public async Task DisposeAsync() => await test.DisposeAsync();

    private async Task<int> ToolAsync(string name, ToolCapabilities capabilities) =>
        (await test.Tools.SaveAsync(compliance, null, new ToolForm
        {
            Name = name, Vendor = "Acme", Capabilities = capabilities, MaxClassificationId = confidential, HasDataProcessingAgreement = true,
            TrainsOnOurData = VendorTraining.No, ApprovalStatus = ToolApprovalStatus.Approved,
        })).Id;

    private async Task<int> ApprovedWorkflowAsync(string name, string purpose, int tool, Audience audience, DataCategories data = DataCategories.None,
        PeopleImpact people = PeopleImpact.None, int? level = null)
    {
        var saved = await test.Workflows.SaveAsync(compliance, null, new WorkflowForm
        {
            Name = name, Purpose = purpose, DepartmentId = department, DataClassificationId = level ?? confidential, ToolIds = [tool],
            ApprovingRole = "Team lead", Autonomy = people == PeopleImpact.None ? Autonomy.Draft : Autonomy.RecommendDecision,
            Audience = audience, DataCategories = data, AffectsPeople = people,
            Oversight = HumanOversight.TwoPersonApproval, MonthlyVolume = 10,
            Controls = VerificationControls.FactCheck | VerificationControls.BiasTesting | VerificationControls.IndependentValidation | VerificationControls.ProvenanceLogging,
            Status = WorkflowStatus.Submitted,
        });
        Assert.True(saved.Status == SaveStatus.Saved, $"{saved.Status} {saved.Message} {string.Join(" ", saved.Errors?.All ?? [])}");
        var approved = await test.Approvals.ApproveAsync(admin, saved.Id, saved.Version);
        Assert.Equal(SaveStatus.Saved, approved.Status);
        return saved.Id;
    }

    private async Task<UsageAdvice> AskAsync(int tool, UsageTask task, Audience audience = Audience.Internal, DataCategories data = DataCategories.None,
        int? level = null)
    {
        var result = await test.Advisor.AskAsync(new UsageQuestion(tool, task, level ?? internalLevel, data, audience, false));
        Assert.True(result.Succeeded, string.Join(" ", result.Errors));
        return result.Value!;
    }

    [Fact]
    public async Task A_translation_workflow_does_not_cover_writing_customer_emails_but_an_email_workflow_does()
    {
        await ApprovedWorkflowAsync("Translation of legal correspondence",
            "Translates letters to and from customers and authorities; a lawyer checks the translation before it is sent.", translator,
            Audience.CustomerFacing, DataCategories.PersonalData | DataCategories.CustomerData);
        await ApprovedWorkflowAsync("Customer email replies", "Drafts replies to customer emails for the support team to send.", chatbot,
            Audience.CustomerFacing, DataCategories.PersonalData | DataCategories.CustomerData);

        var emails = await AskAsync(chatbot, UsageTask.WritingEmails, Audience.CustomerFacing);
        var translating = await AskAsync(translator, UsageTask.Translating, Audience.CustomerFacing);

        Assert.Equal(["Customer email replies"], emails.Covering.Select(w => w.Name));
        Assert.Equal(["Translation of legal correspondence"], translating.Covering.Select(w => w.Name));
    }

    [Fact]
    public async Task A_covering_workflow_must_handle_the_data_the_task_implies()
    {
        // Writing code always involves source code: a workflow without it does not cover the question.
        await ApprovedWorkflowAsync("Code drafting", "Writes code snippets for the internal tools team.", chatbot, Audience.Internal);

        Assert.Empty((await AskAsync(chatbot, UsageTask.WritingCode)).Covering);
    }

    [Fact]
    public async Task A_translator_is_not_an_alternative_for_customer_emails_or_screening_applicants()
    {
        var restricted = (await test.Tools.SaveAsync(compliance, null, new ToolForm
        {
            Name = "Small model", Vendor = "Acme", Capabilities = ToolCapabilities.Text, MaxClassificationId = internalLevel,
            ApprovalStatus = ToolApprovalStatus.Approved, HasDataProcessingAgreement = true,
        })).Id;

        var emails = await AskAsync(restricted, UsageTask.WritingEmails, Audience.CustomerFacing, level: confidential);
        var screening = await AskAsync(restricted, UsageTask.ScreeningApplicants, data: DataCategories.PersonalData, level: confidential);

        Assert.Equal(Verdict.NotAllowed, emails.Answer.Verdict);
        Assert.Equal(["Chatbot"], emails.Alternatives.Select(a => a.Tool.Name));
        Assert.Empty(screening.Alternatives);
    }

    [Fact]
    public async Task Screening_applicants_with_an_approved_chatbot_is_not_allowed_ad_hoc_and_says_to_ask_for_a_workflow()
    {
        var advice = await AskAsync(chatbot, UsageTask.ScreeningApplicants, data: DataCategories.PersonalData);

        Assert.Equal(Verdict.ApprovedWorkflowOnly, advice.Answer.Verdict);
        Assert.Empty(advice.Answer.Conditions);
        Assert.Empty(advice.Alternatives);
        Assert.Empty(advice.Covering);
        Assert.Equal(UsageAdvisor.AskForAWorkflow, advice.NextStep);
    }

    [Fact]
    public async Task Screening_applicants_points_to_the_approved_screening_workflow_whatever_tool_it_uses()
    {
        var screeningTool = await ToolAsync("CV screener", ToolCapabilities.DecisionSupport);
        var id = await ApprovedWorkflowAsync("Applicant screening", "Ranks job applicants' CVs for the recruiter, who decides.", screeningTool,
            Audience.Internal, DataCategories.PersonalData, PeopleImpact.Hiring);
        await ApprovedWorkflowAsync("Credit pre-scoring", "Scores credit applications for the analyst.", screeningTool,
            Audience.Internal, DataCategories.PersonalData, PeopleImpact.Lending);

        var advice = await AskAsync(chatbot, UsageTask.ScreeningApplicants, data: DataCategories.PersonalData);

        Assert.Equal(Verdict.ApprovedWorkflowOnly, advice.Answer.Verdict);
        var covering = Assert.Single(advice.Covering);
        Assert.Equal((id, "Applicant screening"), (covering.Id, covering.Name));
        Assert.Equal(["CV screener"], covering.Tools);
        Assert.Null(advice.NextStep);
    }
}
