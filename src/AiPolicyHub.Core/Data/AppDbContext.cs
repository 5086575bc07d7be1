using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Data;

public class AppDbContext(DbContextOptions<AppDbContext> options) : IdentityDbContext<AppUser>(options)
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<DataClassificationLevel> ClassificationLevels => Set<DataClassificationLevel>();
    public DbSet<Department> Departments => Set<Department>();
    public DbSet<DepartmentManager> DepartmentManagers => Set<DepartmentManager>();
    public DbSet<AiTool> Tools => Set<AiTool>();
    public DbSet<ToolChangeProposal> ToolChangeProposals => Set<ToolChangeProposal>();
    public DbSet<Workflow> Workflows => Set<Workflow>();
    public DbSet<WorkflowTool> WorkflowTools => Set<WorkflowTool>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<AuditChainHead> AuditChainHeads => Set<AuditChainHead>();
    public DbSet<AuditCheckpoint> AuditCheckpoints => Set<AuditCheckpoint>();
    public DbSet<Rules.Stored.StoredRuleSetting> RuleSettings => Set<Rules.Stored.StoredRuleSetting>();
    public DbSet<Rules.Stored.RuleException> RuleExceptions => Set<Rules.Stored.RuleException>();
    public DbSet<Risk.StoredSetting> Settings => Set<Risk.StoredSetting>();
    public DbSet<Incidents.Incident> Incidents => Set<Incidents.Incident>();
    public DbSet<Incidents.Pause> Pauses => Set<Incidents.Pause>();
    public DbSet<Notifications.Notification> Notifications => Set<Notifications.Notification>();
    public DbSet<Policies.PolicyDraft> PolicyDrafts => Set<Policies.PolicyDraft>();
    public DbSet<Policies.PolicyVersion> PolicyVersions => Set<Policies.PolicyVersion>();
    public DbSet<Policies.PolicyAcknowledgement> PolicyAcknowledgements => Set<Policies.PolicyAcknowledgement>();
    public DbSet<Risk.RiskSnapshot> RiskSnapshots => Set<Risk.RiskSnapshot>();
    public DbSet<Scheduling.JobLease> JobLeases => Set<Scheduling.JobLease>();
    public DbSet<Scheduling.ScheduledJobRun> ScheduledJobRuns => Set<Scheduling.ScheduledJobRun>();
    public DbSet<LiveChanges.ChangeNotice> ChangeNotices => Set<LiveChanges.ChangeNotice>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<ImportExport.ImportPreset> ImportPresets => Set<ImportExport.ImportPreset>();
    public DbSet<Preferences.UserPreference> UserPreferences => Set<Preferences.UserPreference>();
    public DbSet<Preferences.SavedView> SavedViews => Set<Preferences.SavedView>();
    public DbSet<Email.OutgoingEmail> OutgoingEmails => Set<Email.OutgoingEmail>();
    public DbSet<Webhooks.WebhookSubscription> WebhookSubscriptions => Set<Webhooks.WebhookSubscription>();
    public DbSet<Webhooks.WebhookDelivery> WebhookDeliveries => Set<Webhooks.WebhookDelivery>();
    public DbSet<Webhooks.WebhookAttempt> WebhookAttempts => Set<Webhooks.WebhookAttempt>();
    public DbSet<Webhooks.WebhookCursor> WebhookCursors => Set<Webhooks.WebhookCursor>();
    public DbSet<Identity.SingleSignOn.ClaimRoleMapping> ClaimRoleMappings => Set<Identity.SingleSignOn.ClaimRoleMapping>();
    public DbSet<Identity.SingleSignOn.ClaimDepartmentMapping> ClaimDepartmentMappings => Set<Identity.SingleSignOn.ClaimDepartmentMapping>();
    public DbSet<Requests.UseRequest> UseRequests => Set<Requests.UseRequest>();
    public DbSet<Evidence.EvidenceRecord> Evidence => Set<Evidence.EvidenceRecord>();
    public DbSet<Evidence.EvidenceFileVersion> EvidenceFileVersions => Set<Evidence.EvidenceFileVersion>();
    public DbSet<Evidence.EvidenceFileContent> EvidenceFileContents => Set<Evidence.EvidenceFileContent>();
    public DbSet<Obligations.ObligationTableVersion> ObligationTableVersions => Set<Obligations.ObligationTableVersion>();
    public DbSet<Obligations.FriaAssessment> FriaAssessments => Set<Obligations.FriaAssessment>();
    public DbSet<Obligations.IncidentNotice> IncidentNotices => Set<Obligations.IncidentNotice>();
    public DbSet<Agents.Agent> Agents => Set<Agents.Agent>();
    public DbSet<Agents.AgentConnector> AgentConnectors => Set<Agents.AgentConnector>();
    public DbSet<Agents.AgentWorkflow> AgentWorkflows => Set<Agents.AgentWorkflow>();
    public DbSet<Agents.Connector> Connectors => Set<Agents.Connector>();
    public DbSet<Compliance.SoaControlEntry> SoaControlEntries => Set<Compliance.SoaControlEntry>();
    public DbSet<Compliance.SoaVersion> SoaVersions => Set<Compliance.SoaVersion>();
    public DbSet<Reviews.WorkflowReview> WorkflowReviews => Set<Reviews.WorkflowReview>();
    public DbSet<Reviews.WorkflowReviewAnswer> WorkflowReviewAnswers => Set<Reviews.WorkflowReviewAnswer>();
    public DbSet<Reviews.ReviewChecklist> ReviewChecklists => Set<Reviews.ReviewChecklist>();
    public DbSet<Reviews.AttestationCampaign> AttestationCampaigns => Set<Reviews.AttestationCampaign>();
    public DbSet<Reviews.Attestation> Attestations => Set<Reviews.Attestation>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
        Providers.AdaptModel(builder, Database);
    }
}
