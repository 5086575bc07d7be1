using AiPolicyHub.Core.Inventory;

namespace AiPolicyHub.Core.ImportExport;

/// <summary>Every field a column can fill, for workflows and tools.</summary>
public enum ImportFieldKey
{
    ExternalId, Name, Department, Owner, Purpose, Tools, Stage, Autonomy, Audience, AffectsPeople, DataClassification,
    DataCategories, Oversight, SpotCheckPercent, ApprovingRole, Controls, MonthlyVolume, ReviewCadenceMonths, NextReviewDate, Status,
    // Tools
    Vendor, ModelVersion, Deployment, Capabilities, TrainsOnOurData, RetentionDays, DataResidency, HasDataProcessingAgreement,
    MaxClassification, ApprovalStatus, Notes,
    // Agents (with Name, Department, Owner, Purpose, Autonomy, DataClassification and Status above)
    AiTool, Permissions, Connectors, Checkpoints, LinkedWorkflows, LastActivity, OperatorRole,
}

public enum ImportFieldKind { Text, Choice, Choices, YesNo, Number, Date, Department, Classification, Person, ToolNames }

/// <summary>One field as the mapping page shows it: its label (also the export's column name), what it accepts, and header names that suggest it.</summary>
public sealed record ImportField(ImportFieldKey Key, string Label, ImportFieldKind Kind, string Help, int MaxLength = 0, bool Required = false,
    Type? EnumType = null, params string[] Synonyms)
{
    /// <summary>The values a choice field accepts, in the words users read.</summary>
    public IReadOnlyList<string> Choices => EnumType is null ? []
        : Kind == ImportFieldKind.YesNo ? ["Yes", "No"]
        : Enum.GetValues(EnumType).Cast<Enum>().Where(v => Kind != ImportFieldKind.Choices || Convert.ToInt64(v) != 0)
            .Select(ValueParsing.Describe).ToList();
}

public static partial class ImportFields
{
    public static readonly IReadOnlyList<ImportField> Workflow =
    [
        new(ImportFieldKey.ExternalId, "External id", ImportFieldKind.Text, "The id the source system uses; a re-import updates the workflow with this id.",
            ImportLimits.ExternalIdLength, Synonyms: ["id", "external id", "use case id", "use_case_id", "reference", "ref", "key", "lars"]),
        new(ImportFieldKey.Name, "Name", ImportFieldKind.Text, "What the workflow is called.", 200, true,
            Synonyms: ["name", "title", "use case", "use case name", "workflow", "system", "naam", "titel"]),
        new(ImportFieldKey.Department, "Department", ImportFieldKind.Department, "The department's name.", 200, true,
            Synonyms: ["department", "dept", "organisation", "organization", "organisatie", "business unit", "unit", "agency", "afdeling"]),
        new(ImportFieldKey.Owner, "Owner", ImportFieldKind.Person, "The owner's email address or name, as a user of AiPolicyHub.",
            Synonyms: ["owner", "owner email", "responsible", "contact", "eigenaar"]),
        new(ImportFieldKey.Purpose, "Purpose", ImportFieldKind.Text, "What the AI is used for and why.", Inventory.Workflow.PurposeMaxLength, true,
            Synonyms: ["purpose", "description", "summary", "goal", "doel", "omschrijving", "beschrijving", "use case summary"]),
        new(ImportFieldKey.Tools, "AI tools", ImportFieldKind.ToolNames, "Names of the AI tools it uses, separated by commas or semicolons.",
            Synonyms: ["tools", "ai tools", "tool", "systems used", "model"]),
        new(ImportFieldKey.Stage, "Lifecycle stage", ImportFieldKind.Choice, "Idea, pilot, production or retired.", EnumType: typeof(LifecycleStage),
            Synonyms: ["stage", "lifecycle", "lifecycle stage", "development stage", "development_stage", "phase", "status"]),
        new(ImportFieldKey.Autonomy, "Autonomy", ImportFieldKind.Choice, "How far the AI acts on its own.", EnumType: typeof(Autonomy),
            Synonyms: ["autonomy", "automation level"]),
        new(ImportFieldKey.Audience, "Audience", ImportFieldKind.Choice, "Who sees the output.", EnumType: typeof(Audience),
            Synonyms: ["audience", "output audience"]),
        new(ImportFieldKey.AffectsPeople, "Affects people's rights or opportunities", ImportFieldKind.Choices,
            "Areas where it affects people, separated by commas; empty or No for none.", EnumType: typeof(PeopleImpact),
            Synonyms: ["affects people", "rights impacting", "impact on people"]),
        new(ImportFieldKey.DataClassification, "Data classification", ImportFieldKind.Classification, "The most sensitive classification level the AI receives.",
            Synonyms: ["classification", "data classification", "sensitivity", "data sensitivity"]),
        new(ImportFieldKey.DataCategories, "Data categories", ImportFieldKind.Choices, "Kinds of data, separated by commas; empty or None for none.",
            EnumType: typeof(DataCategories), Synonyms: ["data categories", "data types", "categories"]),
        new(ImportFieldKey.Oversight, "Human oversight", ImportFieldKind.Choice, "How people check the output.", EnumType: typeof(HumanOversight),
            Synonyms: ["oversight", "human oversight", "human review"]),
        new(ImportFieldKey.SpotCheckPercent, "Spot-check sample", ImportFieldKind.Number, "Percentage of outputs checked (spot-checks), 1–100.",
            Synonyms: ["spot check", "sample rate", "spot-check sample"]),
        new(ImportFieldKey.ApprovingRole, "Approving role", ImportFieldKind.Text, "Who reviews or approves the output.", 100,
            Synonyms: ["approving role", "approver", "reviewer"]),
        new(ImportFieldKey.Controls, "Verification controls", ImportFieldKind.Choices, "Controls, separated by commas; empty or None for none.",
            EnumType: typeof(VerificationControls), Synonyms: ["controls", "verification controls", "verification"]),
        new(ImportFieldKey.MonthlyVolume, "Monthly volume", ImportFieldKind.Number, "About how many times a month it is used.",
            Synonyms: ["monthly volume", "volume", "uses per month"]),
        new(ImportFieldKey.ReviewCadenceMonths, "Review cadence", ImportFieldKind.Number, "Months between reviews, 1–60 (e.g. 12 or \"every 12 months\").",
            Synonyms: ["review cadence", "review every", "cadence"]),
        new(ImportFieldKey.NextReviewDate, "Next review date", ImportFieldKind.Date, "yyyy-mm-dd, dd-mm-yyyy, dd.mm.yyyy or mm/dd/yyyy.",
            Synonyms: ["next review", "next review date", "review date"]),
        new(ImportFieldKey.Status, "Status", ImportFieldKind.Choice, "Draft unless given; approving takes a compliance officer.", EnumType: typeof(WorkflowStatus),
            Synonyms: ["workflow status", "approval status"]),
    ];

    public static readonly IReadOnlyList<ImportField> Tool =
    [
        new(ImportFieldKey.ExternalId, "External id", ImportFieldKind.Text, "The id the source system uses; a re-import updates the tool with this id.",
            ImportLimits.ExternalIdLength, Synonyms: ["id", "external id", "reference", "key"]),
        new(ImportFieldKey.Name, "Name", ImportFieldKind.Text, "The tool's name (unique).", 200, true, Synonyms: ["name", "tool", "product", "title"]),
        new(ImportFieldKey.Vendor, "Vendor", ImportFieldKind.Text, "Who provides it.", 200, true, Synonyms: ["vendor", "supplier", "provider", "leverancier"]),
        new(ImportFieldKey.ModelVersion, "Model or version", ImportFieldKind.Text, "", 100, Synonyms: ["model", "version", "model version"]),
        new(ImportFieldKey.Deployment, "Deployment", ImportFieldKind.Choice, "", EnumType: typeof(ToolDeployment), Synonyms: ["deployment", "hosting"]),
        new(ImportFieldKey.Capabilities, "Capabilities", ImportFieldKind.Choices, "Separated by commas.", EnumType: typeof(ToolCapabilities),
            Synonyms: ["capabilities", "techniques"]),
        new(ImportFieldKey.TrainsOnOurData, "Trains on our data", ImportFieldKind.Choice, "Yes, No or opted out.", EnumType: typeof(VendorTraining),
            Synonyms: ["trains on our data", "training"]),
        new(ImportFieldKey.RetentionDays, "Retention (days)", ImportFieldKind.Number, "", Synonyms: ["retention", "retention days"]),
        new(ImportFieldKey.DataResidency, "Data residency", ImportFieldKind.Text, "", 100, Synonyms: ["data residency", "residency", "region"]),
        new(ImportFieldKey.HasDataProcessingAgreement, "Data-processing agreement", ImportFieldKind.YesNo, "Yes or No.",
            Synonyms: ["dpa", "data processing agreement", "data-processing agreement"]),
        new(ImportFieldKey.MaxClassification, "Highest data classification", ImportFieldKind.Classification, "", Required: true,
            Synonyms: ["max classification", "highest data classification", "classification"]),
        new(ImportFieldKey.ApprovalStatus, "Approval status", ImportFieldKind.Choice, "", EnumType: typeof(ToolApprovalStatus),
            Synonyms: ["approval status", "status"]),
        new(ImportFieldKey.Owner, "Owner", ImportFieldKind.Person, "Email address or name of a user.", Synonyms: ["owner"]),
        new(ImportFieldKey.Notes, "Notes", ImportFieldKind.Text, "", 4000, Synonyms: ["notes", "remarks", "comments"]),
    ];

    public static IReadOnlyList<ImportField> For(ImportTarget target) => target switch
    {
        ImportTarget.Tools => Tool,
        ImportTarget.Agents => Agent,
        _ => Workflow,
    };

    public static ImportField Get(ImportTarget target, ImportFieldKey key) => For(target).First(f => f.Key == key);

    /// <summary>For each field, the best-matching header (exact label or synonym first, then containment), each header used once.</summary>
    public static IReadOnlyDictionary<ImportFieldKey, string> Suggest(ImportTarget target, IReadOnlyList<string> headers) =>
        ColumnSuggestions.Suggest(target, headers, [], new SuggestionChecks(_ => true, _ => true)).ToDictionary(s => s.Field, s => s.Column);
}
