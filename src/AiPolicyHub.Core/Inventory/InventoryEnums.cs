using System.ComponentModel;

namespace AiPolicyHub.Core.Inventory;

// The words in [Description] are what users read in lists, forms and reports.

public enum ToolDeployment
{
    [Description("Software as a service")] Saas,
    [Description("Vendor API")] VendorApi,
    [Description("Self-hosted")] SelfHosted,
    [Description("Embedded in another product")] Embedded,
}

[Flags]
public enum ToolCapabilities
{
    None = 0,
    [Description("Text")] Text = 1,
    [Description("Code")] Code = 2,
    [Description("Images")] Image = 4,
    [Description("Audio")] Audio = 8,
    [Description("Classification or decision support")] DecisionSupport = 16,
    [Description("Autonomous agent")] AutonomousAgent = 32,
    /// <summary>Translates text, and does nothing else (a translator is no writing assistant).</summary>
    [Description("Translation")] Translation = 64,
}

public enum VendorTraining
{
    [Description("Trains on our data")] Yes,
    [Description("Does not train on our data")] No,
    [Description("Trains on our data unless we opt out (opted out)")] OptedOut,
}

public enum ToolApprovalStatus
{
    [Description("Proposed")] Proposed,
    [Description("Approved")] Approved,
    [Description("Approved with restrictions")] ApprovedWithRestrictions,
    [Description("Prohibited")] Prohibited,
    [Description("Retired")] Retired,
}

public enum LifecycleStage
{
    [Description("Idea")] Idea,
    [Description("Pilot")] Pilot,
    [Description("Production")] Production,
    [Description("Retired")] Retired,
}

/// <summary>How far the AI acts on its own, in increasing order.</summary>
public enum Autonomy
{
    [Description("Assists a person")] Assist,
    [Description("Drafts for a person to finish")] Draft,
    [Description("Recommends a decision")] RecommendDecision,
    [Description("Acts automatically")] ActAutomatically,
}

/// <summary>Who sees the output, from narrowest to widest.</summary>
public enum Audience
{
    [Description("Internal")] Internal,
    [Description("Customer-facing")] CustomerFacing,
    [Description("Public")] Public,
    [Description("Regulator")] Regulator,
}

[Flags]
public enum PeopleImpact
{
    None = 0,
    [Description("Hiring")] Hiring = 1,
    [Description("Lending")] Lending = 2,
    [Description("Insurance")] Insurance = 4,
    [Description("Health")] Health = 8,
    [Description("Education")] Education = 16,
    [Description("Legal")] Legal = 32,
    [Description("Essential services")] EssentialServices = 64,
}

[Flags]
public enum DataCategories
{
    None = 0,
    [Description("Personal data")] PersonalData = 1,
    [Description("Special-category personal data")] SpecialCategoryData = 2,
    [Description("Customer data")] CustomerData = 4,
    [Description("Financial data")] Financial = 8,
    [Description("Source code")] SourceCode = 16,
    [Description("Credentials or secrets")] Credentials = 32,
    [Description("Trade secrets")] TradeSecrets = 64,
}

/// <summary>How people check the AI's output, from least to most.</summary>
public enum HumanOversight
{
    [Description("None")] None,
    [Description("Spot-check a sample")] SpotCheck,
    [Description("Review before use")] ReviewBeforeUse,
    [Description("Approval before external release")] ApprovalBeforeRelease,
    [Description("Two-person approval")] TwoPersonApproval,
}

[Flags]
public enum VerificationControls
{
    None = 0,
    [Description("Fact-check against sources")] FactCheck = 1,
    [Description("Code review of AI-written code")] CodeReview = 2,
    [Description("Bias testing")] BiasTesting = 4,
    [Description("Provenance logging (model, prompt, dataset)")] ProvenanceLogging = 8,
    [Description("Validated by a different system or person than the generator")] IndependentValidation = 16,
}

public enum WorkflowStatus
{
    [Description("Draft")] Draft,
    [Description("Submitted")] Submitted,
    [Description("Approved")] Approved,
    [Description("Rejected")] Rejected,
    [Description("Paused")] Paused,
    [Description("Retired")] Retired,
}
