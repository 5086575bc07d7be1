using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Inventory;

/// <summary>What <see cref="DemoData.SeedAsync"/> did: how many records it added, or why it added none.</summary>
public sealed record DemoSeedResult(int DepartmentsAdded, int ToolsAdded, int WorkflowsAdded, int ToolLinksAdded, string? SkippedBecause)
{
    public bool Seeded => SkippedBecause is null;

    public override string ToString() => Seeded
        ? $"added {DepartmentsAdded} departments, {ToolsAdded} AI tools and {WorkflowsAdded} workflows ({ToolLinksAdded} tool links)"
        : $"added nothing: {SkippedBecause}";
}

/// <summary>
/// A small, realistic inventory for trying AiPolicyHub out (<c>--seed-demo</c>): eight departments, a dozen AI tools
/// with plausible vendor terms, and about thirty workflows across the departments. Every record passes
/// <see cref="InventoryValidation"/>; several deliberately break policy rules (an overdue review, a prohibited tool,
/// automation on confidential data, a tool that may not receive the workflow's data), so there is something to find.
/// </summary>
public static class DemoData
{
    public static readonly IReadOnlyList<string> DepartmentNames =
        ["Marketing", "Customer Support", "Engineering", "Human Resources", "Finance", "Legal", "Operations", "Sales"];

    /// <summary>
    /// Adds the demo inventory in one transaction, but only when the inventory is empty (no tool and no workflow):
    /// running it twice, or on a database in use, changes nothing. Classification levels are ensured first.
    /// Production workflows are owned by the first enabled administrator (or any enabled user); on a database
    /// without users they are recorded as pilots instead, since production needs an owner.
    /// </summary>
    public static async Task<DemoSeedResult> SeedAsync(AppDbContext db, AuditTrail audit, CancellationToken ct)
    {
        var clock = audit.Clock;
        if (await db.Workflows.AnyAsync(ct) || await db.Tools.AnyAsync(ct))
        {
            return new DemoSeedResult(0, 0, 0, 0, "the inventory already has tools or workflows");
        }

        await ReferenceData.EnsureAsync(db, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);

        var existing = await db.Departments.Select(d => d.Name).ToListAsync(ct);
        var newDepartments = DepartmentNames.Except(existing, StringComparer.OrdinalIgnoreCase)
            .Select(name => new Department { Name = name }).ToList();
        db.Departments.AddRange(newDepartments);
        await db.SaveChangesAsync(ct);

        var departments = await db.Departments.ToDictionaryAsync(d => d.Name, d => d.Id, StringComparer.OrdinalIgnoreCase, ct);
        // By position in the configured order, so an organisation with other level names still gets a sensible spread.
        var levels = await db.ClassificationLevels.OrderBy(l => l.Rank).Select(l => l.Id).ToListAsync(ct);
        int Level(int rank) => levels[Math.Clamp(rank, 1, levels.Count) - 1];
        var owner = await FirstOwnerAsync(db, ct);
        var actor = new Actor(owner ?? "demo-data", "Demo data", new HashSet<string> { Roles.Administrator }, new HashSet<int>());
        var userIds = owner is null ? new HashSet<string>() : new HashSet<string> { owner };

        var toolForms = Tools(Level, owner);
        var toolRefs = new InventoryReferences(departments.Values.ToHashSet(), levels.ToHashSet(), new HashSet<int>(), userIds);
        var tools = new Dictionary<string, AiTool>();
        foreach (var form in toolForms)
        {
            Ensure(InventoryValidation.Validate(form, toolRefs, nameTakenByAnotherTool: false), form.Name);
            var tool = new AiTool { Version = 1 };
            form.ApplyTo(tool);
            tools[tool.Name] = tool;
        }
        db.Tools.AddRange(tools.Values);
        await db.SaveChangesAsync(ct);

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var refs = toolRefs with { ToolIds = tools.Values.Select(t => t.Id).ToHashSet() };
        var names = await InventoryNames.LoadAsync(db, ct);
        var ranks = await Approvals.MaterialChanges.ClassificationRanksAsync(db, ct);
        // Demo records are ordinary records, decided by the same step as any save: created as drafts or submitted, and an
        // approved one approved afterwards by a second (demo) officer, so separation of duties holds in the demo too.
        var workflows = new List<(Workflow Workflow, WorkflowStatus Wanted, Approvals.WorkflowSaveDecision Created)>();
        foreach (var spec in Workflows())
        {
            var form = spec.ToForm(departments[spec.Department], Level(spec.ClassificationRank),
                spec.Tools.Select(name => tools[name].Id), owner, today);
            var wanted = form.Status;
            form.Status = wanted is WorkflowStatus.Approved or WorkflowStatus.Paused or WorkflowStatus.Rejected ? WorkflowStatus.Submitted : wanted;
            Ensure(InventoryValidation.Validate(form, refs, actor), form.Name);
            var decision = Approvals.WorkflowSave.Decide(new Approvals.WorkflowSaveRequest(actor, null, form, [], null, names, ranks));
            if (decision.Refusal is { } refusal)
            {
                throw new InvalidOperationException($"Demo workflow \"{form.Name}\" is refused: {refusal.Message}");
            }
            var workflow = new Workflow();
            form.ApplyTo(workflow);
            workflow.Status = decision.Status;
            workflow.Version = 1;
            workflows.Add((workflow, wanted, decision));
        }
        db.Workflows.AddRange(workflows.Select(w => w.Workflow));
        await db.SaveChangesAsync(ct);

        foreach (var tool in tools.Values)
        {
            await audit.AppendAsync(db, actor, ToolCatalog.EntityType, tool.Id.ToString(), tool.Name, AuditAction.Created,
                AuditTrail.Diff(new Dictionary<string, string>(), ToolCatalog.Describe(ToolForm.From(tool), names)), ct);
            await db.SaveChangesAsync(ct); // each entry links to the one saved before it
        }
        foreach (var (workflow, _, created) in workflows)
        {
            await audit.AppendAsync(db, actor, WorkflowInventory.EntityType, workflow.Id.ToString(), workflow.Name, created.Action, created.Changes, ct);
            await db.SaveChangesAsync(ct);
        }
        foreach (var (workflow, wanted, _) in workflows.Where(w => w.Wanted is WorkflowStatus.Approved or WorkflowStatus.Paused or WorkflowStatus.Rejected))
        {
            var decided = wanted == WorkflowStatus.Rejected ? WorkflowStatus.Rejected : WorkflowStatus.Approved;
            workflow.Status = decided;
            workflow.Version++;
            await audit.AppendAsync(db, DemoApprover, WorkflowInventory.EntityType, workflow.Id.ToString(), workflow.Name,
                decided == WorkflowStatus.Approved ? AuditAction.Approved : AuditAction.Rejected,
                [new FieldChange("Status", EnumText.Of(WorkflowStatus.Submitted), EnumText.Of(decided)),
                 .. decided == WorkflowStatus.Rejected
                     ? new[] { new FieldChange(Approvals.WorkflowApprovals.CommentField, null, "Demo: the vendor terms do not allow health data.") }
                     : []], ct);
            await db.SaveChangesAsync(ct);
        }
        // A paused demo workflow is paused like any other: a pause record with its reason and restart checklist.
        foreach (var (workflow, _, _) in workflows.Where(w => w.Wanted == WorkflowStatus.Paused))
        {
            workflow.Status = WorkflowStatus.Paused;
            var pause = Incidents.Pausing.New(actor, clock, "The vendor changed its data terms; the transcripts are being reviewed.", workflowId: workflow.Id);
            pause.State = Incidents.PauseState.Active;
            pause.StatusBefore = WorkflowStatus.Approved;
            db.Pauses.Add(pause);
        }
        await db.SaveChangesAsync(ct);
        await DemoAgents.SeedAsync(db, audit, actor, DemoApprover, tools, departments, Level, owner, ct);
        await Risk.RiskIndex.UpdateAsync(db, db.Workflows, ct);
        await transaction.CommitAsync(ct);

        return new DemoSeedResult(newDepartments.Count, tools.Count, workflows.Count, workflows.Sum(w => w.Workflow.Tools.Count), null);
    }

    /// <summary>The second officer who approves the demo's approved workflows: nobody approves what they created.</summary>
    private static readonly Actor DemoApprover = new("demo-data-approver", "Demo data (approving officer)",
        new HashSet<string> { Roles.ComplianceOfficer }, new HashSet<int>());

    private static async Task<string?> FirstOwnerAsync(AppDbContext db, CancellationToken ct)
    {
        var administrators = await (from ur in db.UserRoles
                                    join r in db.Roles on ur.RoleId equals r.Id
                                    where r.Name == Roles.Administrator
                                    select ur.UserId).ToListAsync(ct);
        // SQLite cannot order by DateTimeOffset; there are few users, so order them here.
        var users = await db.Users.AsNoTracking().Where(u => !u.IsDisabled).Select(u => new { u.Id, u.CreatedAt }).ToListAsync(ct);
        return users.OrderBy(u => administrators.Contains(u.Id) ? 0 : 1).ThenBy(u => u.CreatedAt).ThenBy(u => u.Id, StringComparer.Ordinal)
            .Select(u => u.Id).FirstOrDefault();
    }

    private static void Ensure(ValidationErrors errors, string name)
    {
        if (!errors.IsEmpty)
        {
            throw new InvalidOperationException($"Demo record '{name}' is invalid: {string.Join(" ", errors.All)}");
        }
    }

    // Ranks of the default classification levels.
    private const int Public = 1, Internal = 2, Confidential = 3, Restricted = 4;

    private const string ChatGpt = "ChatGPT Enterprise", Copilot365 = "Microsoft 365 Copilot", GitHubCopilot = "GitHub Copilot Business",
        Claude = "Claude for Work", AzureOpenAi = "Azure OpenAI Service", DeepL = "DeepL Pro", Midjourney = "Midjourney",
        Otter = "Otter.ai", Llama = "Internal Llama assistant", RiskModel = "In-house risk scoring model",
        TalentSift = "TalentSift CV Screening", ConsumerChatbots = "Free consumer AI chatbots";

    private static List<ToolForm> Tools(Func<int, int> level, string? owner) =>
    [
        new()
        {
            Name = ChatGpt, Vendor = "OpenAI", ModelVersion = "GPT-4o", Deployment = ToolDeployment.Saas,
            Capabilities = ToolCapabilities.Text | ToolCapabilities.Code | ToolCapabilities.Image,
            TrainsOnOurData = VendorTraining.No, RetentionDays = 30, DataResidency = "European Union",
            HasDataProcessingAgreement = true, MaxClassificationId = level(Confidential), ApprovalStatus = ToolApprovalStatus.Approved,
            OwnerId = owner, Notes = "Company workspace with single sign-on. Business data is not used for training; chats are deleted 30 days after a user deletes them.",
        },
        new()
        {
            Name = Copilot365, Vendor = "Microsoft", ModelVersion = "GPT-4 family (Azure OpenAI)", Deployment = ToolDeployment.Embedded,
            Capabilities = ToolCapabilities.Text, TrainsOnOurData = VendorTraining.No, RetentionDays = null,
            DataResidency = "EU Data Boundary", HasDataProcessingAgreement = true, MaxClassificationId = level(Confidential),
            ApprovalStatus = ToolApprovalStatus.Approved, OwnerId = owner,
            Notes = "Works inside Word, Outlook and Teams with the user's own permissions. Retention follows our Microsoft 365 retention policies.",
        },
        new()
        {
            Name = GitHubCopilot, Vendor = "GitHub (Microsoft)", ModelVersion = "Copilot (multiple models)", Deployment = ToolDeployment.Saas,
            Capabilities = ToolCapabilities.Code, TrainsOnOurData = VendorTraining.No, RetentionDays = 0,
            DataResidency = "United States", HasDataProcessingAgreement = true, MaxClassificationId = level(Confidential),
            ApprovalStatus = ToolApprovalStatus.ApprovedWithRestrictions, OwnerId = owner,
            Notes = "Public-code filter on. Never paste credentials or customer data into prompts; AI-written code goes through normal pull-request review.",
        },
        new()
        {
            Name = Claude, Vendor = "Anthropic", ModelVersion = "Claude Sonnet", Deployment = ToolDeployment.Saas,
            Capabilities = ToolCapabilities.Text | ToolCapabilities.Code, TrainsOnOurData = VendorTraining.No, RetentionDays = 30,
            DataResidency = "United States", HasDataProcessingAgreement = true, MaxClassificationId = level(Confidential),
            ApprovalStatus = ToolApprovalStatus.Approved, OwnerId = owner,
            Notes = "Team plan with single sign-on. Inputs are not used for training.",
        },
        new()
        {
            Name = AzureOpenAi, Vendor = "Microsoft", ModelVersion = "GPT-4o (2024-08-06)", Deployment = ToolDeployment.VendorApi,
            Capabilities = ToolCapabilities.Text | ToolCapabilities.DecisionSupport | ToolCapabilities.AutonomousAgent,
            TrainsOnOurData = VendorTraining.No, RetentionDays = 30, DataResidency = "EU (Sweden Central)",
            HasDataProcessingAgreement = true, MaxClassificationId = level(Confidential), ApprovalStatus = ToolApprovalStatus.Approved,
            OwnerId = owner, Notes = "Our own deployment, used by integrations (ticket system, invoice processing). Abuse-monitoring logs are kept up to 30 days.",
        },
        new()
        {
            Name = DeepL, Vendor = "DeepL SE", ModelVersion = "DeepL Translator", Deployment = ToolDeployment.Saas,
            Capabilities = ToolCapabilities.Translation, TrainsOnOurData = VendorTraining.No, RetentionDays = 0,
            DataResidency = "Germany (EU)", HasDataProcessingAgreement = true, MaxClassificationId = level(Confidential),
            ApprovalStatus = ToolApprovalStatus.Approved, OwnerId = owner,
            Notes = "Pro subscription: texts are deleted right after translation and never used for training.",
        },
        new()
        {
            Name = Midjourney, Vendor = "Midjourney, Inc.", ModelVersion = "v7", Deployment = ToolDeployment.Saas,
            Capabilities = ToolCapabilities.Image, TrainsOnOurData = VendorTraining.Yes, RetentionDays = null,
            DataResidency = "United States", HasDataProcessingAgreement = false, MaxClassificationId = level(Public),
            ApprovalStatus = ToolApprovalStatus.ApprovedWithRestrictions, OwnerId = owner,
            Notes = "Only for public briefs: prompts and images may be used for training and are visible to others unless stealth mode is on. No logos of other companies, no real people.",
        },
        new()
        {
            Name = Otter, Vendor = "Otter.ai, Inc.", ModelVersion = "Otter Business", Deployment = ToolDeployment.Saas,
            Capabilities = ToolCapabilities.Audio | ToolCapabilities.Text, TrainsOnOurData = VendorTraining.OptedOut, RetentionDays = 365,
            DataResidency = "United States", HasDataProcessingAgreement = true, MaxClassificationId = level(Internal),
            ApprovalStatus = ToolApprovalStatus.ApprovedWithRestrictions, OwnerId = owner,
            Notes = "Internal meetings only; tell attendees before recording. Not for calls with customers or applicants.",
        },
        new()
        {
            Name = Llama, Vendor = "Meta (open weights), run by our IT", ModelVersion = "Llama 3.1 70B Instruct", Deployment = ToolDeployment.SelfHosted,
            Capabilities = ToolCapabilities.Text | ToolCapabilities.Code | ToolCapabilities.AutonomousAgent, TrainsOnOurData = VendorTraining.No,
            RetentionDays = 90, DataResidency = "Our data centre (Frankfurt)", HasDataProcessingAgreement = true,
            MaxClassificationId = level(Restricted), ApprovalStatus = ToolApprovalStatus.Approved, OwnerId = owner,
            Notes = "Runs on our own GPU servers; no data leaves the company. Prompt logs are kept 90 days. No external processor, so no vendor agreement is needed.",
        },
        new()
        {
            Name = RiskModel, Vendor = "Data Science team", ModelVersion = "v3.2 (gradient boosting)", Deployment = ToolDeployment.SelfHosted,
            Capabilities = ToolCapabilities.DecisionSupport, TrainsOnOurData = VendorTraining.Yes, RetentionDays = 3650,
            DataResidency = "Our data centre (Frankfurt)", HasDataProcessingAgreement = true, MaxClassificationId = level(Restricted),
            ApprovalStatus = ToolApprovalStatus.ApprovedWithRestrictions, OwnerId = owner,
            Notes = "Our own model, trained on our payment and credit history (hence 'trains on our data'). Retrains quarterly after validation by Risk. Scores are kept 10 years for regulators.",
        },
        new()
        {
            Name = TalentSift, Vendor = "TalentSift Ltd.", ModelVersion = "Screening 4", Deployment = ToolDeployment.Saas,
            Capabilities = ToolCapabilities.Text | ToolCapabilities.DecisionSupport, TrainsOnOurData = VendorTraining.OptedOut, RetentionDays = 180,
            DataResidency = "EU (Ireland)", HasDataProcessingAgreement = true, MaxClassificationId = level(Confidential),
            ApprovalStatus = ToolApprovalStatus.Proposed, OwnerId = owner,
            Notes = "Proposed by HR for CV screening. Pending: the vendor's bias audit report and an EU AI Act high-risk assessment.",
        },
        new()
        {
            Name = ConsumerChatbots, Vendor = "Various (personal accounts)", ModelVersion = "", Deployment = ToolDeployment.Saas,
            Capabilities = ToolCapabilities.Text | ToolCapabilities.Image, TrainsOnOurData = VendorTraining.Yes, RetentionDays = null,
            DataResidency = "Unknown", HasDataProcessingAgreement = false, MaxClassificationId = level(Public),
            ApprovalStatus = ToolApprovalStatus.Prohibited, OwnerId = owner,
            Notes = "Free or personal accounts of public chatbots: they may train on what is typed and we have no agreement with them. Use ChatGPT Enterprise or Claude for Work instead.",
        },
    ];

    private sealed record WorkflowSpec(
        string Name, string Department, string Purpose, string[] Tools, LifecycleStage Stage, WorkflowStatus Status,
        Autonomy Autonomy, Audience Audience, int ClassificationRank, DataCategories Data, HumanOversight Oversight, string ApprovingRole,
        VerificationControls Controls, int? Volume, int CadenceMonths, int? ReviewInDays,
        PeopleImpact Impact = PeopleImpact.None, int? SpotCheck = null, bool Owned = true)
    {
        public WorkflowForm ToForm(int departmentId, int classificationId, IEnumerable<int> toolIds, string? owner, DateOnly today) => new()
        {
            Name = Name,
            DepartmentId = departmentId,
            OwnerId = Owned ? owner : null,
            Purpose = Purpose,
            ToolIds = toolIds.ToList(),
            // Production needs an owner; without any user to own it, a workflow can only be a pilot.
            Stage = Stage == LifecycleStage.Production && (owner is null || !Owned) ? LifecycleStage.Pilot : Stage,
            Autonomy = Autonomy,
            Audience = Audience,
            AffectsPeople = Impact,
            DataClassificationId = classificationId,
            DataCategories = Data,
            Oversight = Oversight,
            SpotCheckPercent = SpotCheck,
            ApprovingRole = ApprovingRole,
            Controls = Controls,
            MonthlyVolume = Volume,
            ReviewCadenceMonths = CadenceMonths,
            NextReviewDate = ReviewInDays is { } days ? today.AddDays(days) : null,
            Status = Status,
        };
    }

    private static List<WorkflowSpec> Workflows()
    {
        const LifecycleStage Idea = LifecycleStage.Idea, Pilot = LifecycleStage.Pilot, Production = LifecycleStage.Production;
        const WorkflowStatus Draft = WorkflowStatus.Draft, Submitted = WorkflowStatus.Submitted, Approved = WorkflowStatus.Approved,
            Rejected = WorkflowStatus.Rejected, Paused = WorkflowStatus.Paused, Retired = WorkflowStatus.Retired;
        const HumanOversight SpotCheck = HumanOversight.SpotCheck, Review = HumanOversight.ReviewBeforeUse,
            ApproveRelease = HumanOversight.ApprovalBeforeRelease, TwoPerson = HumanOversight.TwoPersonApproval;
        const DataCategories Personal = DataCategories.PersonalData, Customer = DataCategories.CustomerData,
            Financial = DataCategories.Financial, Code = DataCategories.SourceCode, Secrets = DataCategories.TradeSecrets;
        const VerificationControls FactCheck = VerificationControls.FactCheck, CodeReview = VerificationControls.CodeReview,
            Bias = VerificationControls.BiasTesting, Provenance = VerificationControls.ProvenanceLogging,
            Independent = VerificationControls.IndependentValidation, NoControls = VerificationControls.None;

        return
        [
            // Marketing
            new("Campaign copy drafts", "Marketing",
                "Drafts email, landing-page and social media copy from a campaign brief. A marketer edits every draft before it is published.",
                [ChatGpt], Production, Approved, Autonomy.Draft, Audience.Public, Internal, DataCategories.None,
                ApproveRelease, "Marketing lead", FactCheck, 400, 12, 120),
            new("Ad image generation", "Marketing",
                "Generates background images and concept art for online ads from public briefs. The design lead approves every final ad.",
                [Midjourney], Production, Approved, Autonomy.Draft, Audience.Public, Public, DataCategories.None,
                ApproveRelease, "Design lead", Provenance, 250, 6, -15),
            new("SEO blog outlines", "Marketing",
                "Suggests outlines and headings for blog articles around our search keywords.",
                [ChatGpt], Idea, Draft, Autonomy.Assist, Audience.Public, Public, DataCategories.None,
                Review, "Content editor", FactCheck, null, 12, null, Owned: false),
            new("Social media sentiment summary", "Marketing",
                "Summarises what people say about our brand in public social media posts each week.",
                [Claude], Pilot, Submitted, Autonomy.Assist, Audience.Internal, Internal, Personal,
                SpotCheck, "Marketing analyst", FactCheck, 30, 6, 60, SpotCheck: 10),

            // Customer Support
            new("Support reply drafts", "Customer Support",
                "Suggests a reply to each incoming support ticket from the knowledge base and the ticket history. The agent edits the reply and sends it.",
                [AzureOpenAi], Production, Approved, Autonomy.Draft, Audience.CustomerFacing, Confidential, Personal | Customer,
                Review, "Support agent", FactCheck | Provenance, 18_000, 6, 45),
            new("Ticket triage and routing", "Customer Support",
                "Classifies new tickets by topic and urgency and routes them to the right queue without waiting for a person.",
                [AzureOpenAi], Production, Approved, Autonomy.ActAutomatically, Audience.Internal, Confidential, Personal | Customer,
                SpotCheck, "Support team lead", Provenance, 25_000, 6, -10, SpotCheck: 5),
            new("Help-centre chatbot", "Customer Support",
                "Answers common questions on the help-centre website from our published articles and hands over to a person when unsure.",
                [AzureOpenAi], Pilot, Submitted, Autonomy.ActAutomatically, Audience.Public, Internal, Personal,
                SpotCheck, "Support team lead", FactCheck | Provenance | Independent, 3_000, 3, 30, SpotCheck: 20),
            new("Call summaries for the CRM", "Customer Support",
                "Transcribes support calls and writes a short summary into the customer's CRM record.",
                [Otter], Production, Paused, Autonomy.Draft, Audience.Internal, Confidential, Personal | Customer,
                Review, "Support agent", NoControls, 6_000, 6, -40),

            // Engineering
            new("Code assistant in the IDE", "Engineering",
                "Suggests code completions and unit tests while developers write code. All AI-written code goes through the normal pull-request review.",
                [GitHubCopilot], Production, Approved, Autonomy.Draft, Audience.Internal, Confidential, Code,
                Review, "Reviewing developer", CodeReview, 50_000, 12, 200),
            new("Pull-request review summaries", "Engineering",
                "Summarises each pull request and points out risky changes for the human reviewer.",
                [Claude], Pilot, Approved, Autonomy.Assist, Audience.Internal, Confidential, Code,
                Review, "Tech lead", CodeReview | Independent, 1_200, 6, 90),
            new("Incident ticket agent", "Engineering",
                "An autonomous agent that watches monitoring alerts, files a ticket with a first diagnosis and assigns it to the on-call engineer.",
                [Llama], Pilot, Submitted, Autonomy.ActAutomatically, Audience.Internal, Confidential, Code,
                SpotCheck, "On-call lead", Provenance, 900, 3, 20, SpotCheck: 25),
            new("Legacy code migration assistant", "Engineering",
                "Would translate old COBOL batch jobs into Java for the migration project.",
                [ChatGpt], Idea, Draft, Autonomy.Draft, Audience.Internal, Confidential, Code | Secrets,
                Review, "Tech lead", CodeReview, null, 12, null, Owned: false),
            new("Test data generator", "Engineering",
                "Generated synthetic customer records for the staging system. Replaced by the data-masking tool.",
                [ChatGpt], LifecycleStage.Retired, Retired, Autonomy.Draft, Audience.Internal, Internal, DataCategories.None,
                Review, "Developer", NoControls, 0, 12, null),

            // Human Resources
            new("CV screening shortlist", "Human Resources",
                "Scores incoming applications against the job requirements and proposes a shortlist. A recruiter reads every application before anyone is turned down.",
                [TalentSift], Pilot, Submitted, Autonomy.RecommendDecision, Audience.Internal, Confidential, Personal,
                TwoPerson, "Recruiter and hiring manager", Bias | Provenance, 800, 3, 30, Impact: PeopleImpact.Hiring),
            new("Job advert drafting", "Human Resources",
                "Drafts job adverts from the role profile and checks them for exclusionary wording.",
                [ChatGpt], Production, Approved, Autonomy.Draft, Audience.Public, Internal, DataCategories.None,
                ApproveRelease, "HR business partner", FactCheck | Bias, 40, 12, 150),
            new("Employee handbook Q&A", "Human Resources",
                "Answers employees' questions about leave, expenses and benefits from the employee handbook.",
                [Copilot365], Production, Approved, Autonomy.Assist, Audience.Internal, Internal, DataCategories.None,
                SpotCheck, "HR policy owner", FactCheck, 1_500, 12, -5, SpotCheck: 10),
            new("Sick-leave letter drafting", "Human Resources",
                "Would draft letters to employees on long-term sick leave from the HR case notes.",
                [ChatGpt], Idea, Rejected, Autonomy.Draft, Audience.Internal, Restricted, Personal | DataCategories.SpecialCategoryData,
                Review, "HR business partner", NoControls, null, 12, null, Impact: PeopleImpact.Health, Owned: false),

            // Finance
            new("Credit pre-scoring of business customers", "Finance",
                "Gives each new business-credit application a preliminary risk score from its financial statements. A credit analyst makes the decision.",
                [RiskModel], Production, Approved, Autonomy.RecommendDecision, Audience.Internal, Restricted, Financial | Personal | Customer,
                TwoPerson, "Credit analyst and credit manager", Bias | Provenance | Independent, 350, 6, 60, Impact: PeopleImpact.Lending),
            new("Invoice data extraction", "Finance",
                "Reads supplier invoices and fills in the booking fields. Accounts payable checks a sample before posting.",
                [AzureOpenAi], Production, Approved, Autonomy.Draft, Audience.Internal, Confidential, Financial,
                SpotCheck, "Accounts payable clerk", Independent, 4_000, 12, 220, SpotCheck: 15),
            new("Monthly variance commentary", "Finance",
                "Drafts the commentary on budget variances for the monthly management report.",
                [Claude], Pilot, Approved, Autonomy.Draft, Audience.Internal, Confidential, Financial | Secrets,
                Review, "Financial controller", FactCheck, 20, 6, 75),
            new("Fraud alerts on payments", "Finance",
                "Flags unusual outgoing payments and holds them until a payments officer releases or blocks them.",
                [RiskModel], Production, Approved, Autonomy.ActAutomatically, Audience.Internal, Restricted, Financial | Personal,
                Review, "Payments officer", Provenance | Independent, 120_000, 6, -30),

            // Legal
            new("Contract review first pass", "Legal",
                "Compares incoming supplier contracts with our standard positions and marks deviating clauses for the lawyer.",
                [Claude], Production, Approved, Autonomy.Assist, Audience.Internal, Confidential, Secrets | Personal,
                Review, "Legal counsel", FactCheck | Independent, 60, 12, 100),
            new("Regulator questionnaire drafts", "Legal",
                "Drafts first answers to questionnaires from supervisory authorities from our policies and past answers.",
                [ChatGpt], Pilot, Submitted, Autonomy.Draft, Audience.Regulator, Confidential, DataCategories.None,
                TwoPerson, "General counsel", FactCheck | Provenance, 5, 6, 40),
            new("Translation of legal correspondence", "Legal",
                "Translates letters to and from customers and authorities in other countries; a lawyer checks the translation before it is sent.",
                [DeepL], Production, Approved, Autonomy.Draft, Audience.CustomerFacing, Confidential, Personal | Customer,
                Review, "Legal counsel", FactCheck, 150, 12, 180, Impact: PeopleImpact.Legal),

            // Operations
            new("Meeting summaries", "Operations",
                "Records internal meetings and writes a summary with action items for the attendees.",
                [Otter, Copilot365], Production, Approved, Autonomy.Draft, Audience.Internal, Internal, Personal,
                Review, "Meeting organiser", NoControls, 700, 12, 30),
            new("Supplier email translation", "Operations",
                "Translates emails from and to suppliers in their language.",
                [DeepL], Production, Approved, Autonomy.Assist, Audience.CustomerFacing, Internal, DataCategories.None,
                SpotCheck, "Procurement lead", NoControls, 900, 12, 250, SpotCheck: 5),
            new("Shift schedule suggestions", "Operations",
                "Proposes warehouse shift schedules from demand forecasts and staff availability.",
                [Llama], Pilot, Draft, Autonomy.RecommendDecision, Audience.Internal, Confidential, Personal,
                Review, "Shift manager", Bias, 60, 6, 45),
            new("Warehouse questions on personal phones", "Operations",
                "Warehouse staff asked a free chatbot on their own phones how to handle damaged or dangerous goods.",
                [ConsumerChatbots], Idea, Rejected, Autonomy.Assist, Audience.Internal, Internal, DataCategories.None,
                HumanOversight.None, "", NoControls, null, 12, null, Owned: false),

            // Sales
            new("Sales call preparation briefs", "Sales",
                "Summarises the account's history, open tickets and recent news into a one-page brief before a customer call.",
                [Copilot365], Production, Approved, Autonomy.Draft, Audience.Internal, Confidential, Customer | Personal,
                Review, "Account executive", FactCheck, 1_200, 12, 10),
            new("Personalised outreach emails", "Sales",
                "Writes personalised first-contact emails to prospects from their company profile and our product sheets.",
                [ChatGpt], Production, Submitted, Autonomy.Draft, Audience.CustomerFacing, Confidential, Personal | Customer,
                SpotCheck, "Sales team lead", NoControls, 5_000, 6, -60, SpotCheck: 20),
            new("Proposal translation", "Sales",
                "Translates sales proposals into the customer's language before the account executive sends them.",
                [DeepL], Production, Approved, Autonomy.Draft, Audience.CustomerFacing, Confidential, Customer,
                ApproveRelease, "Account executive", FactCheck, 80, 12, 300),
        ];
    }
}
