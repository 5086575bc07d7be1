using AiPolicyHub.Core.Approvals;
using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Compliance;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.ImportExport;
using AiPolicyHub.Core.ImportExport.Export;
using AiPolicyHub.Core.Incidents;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Notifications;
using AiPolicyHub.Core.Policies;
using AiPolicyHub.Core.Reports;
using AiPolicyHub.Core.Risk;
using AiPolicyHub.Core.Rules;
using AiPolicyHub.Core.Rules.Stored;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiPolicyHub.Core;

/// <summary>What the host decides about Core: the database, and the settings that come from configuration.</summary>
public sealed record CoreSettings(DatabaseOptions Database)
{
    public ReviewCadence ReviewCadence { get; init; } = ReviewCadence.Default;
    public ReportOptions Reports { get; init; } = new();
    /// <summary>The audit chain's key and checkpoint export; by default a key file in the data folder, created on first start.</summary>
    public AuditOptions Audit { get; init; } = new();
    /// <summary>Pooled contexts (the app, benchmarks) or plain ones (tests that dispose the provider per test).</summary>
    public bool PoolContexts { get; init; } = true;
    /// <summary>Webhook receivers allowed inside the network, retries, timeout, links (the <c>Webhooks</c> section).</summary>
    public Webhooks.WebhookOptions Webhooks { get; init; } = new();
}

/// <summary>
/// The one place that wires Core's services, used alike by the app, the tests and the benchmarks, so a test exercises the
/// services as the app composes them. A host that wants another clock registers its <see cref="TimeProvider"/> first.
/// Identity (UserManager and its options) is the host's: the app adds cookies, the tests only the core.
/// </summary>
public static class CoreRegistration
{
    public static IServiceCollection AddAiPolicyHubCore(this IServiceCollection services, CoreSettings settings)
    {
        services.AddSingleton(settings.Database);
        services.TryAddSingleton(TimeProvider.System);
        // Services take a short-lived context from the factory for each use case (a Blazor circuit outlives a request).
        if (settings.PoolContexts)
        {
            services.AddPooledDbContextFactory<AppDbContext>(options => options.UseConfiguredDatabase(settings.Database));
        }
        else
        {
            services.AddDbContextFactory<AppDbContext>(options => options.UseConfiguredDatabase(settings.Database));
        }
        services.AddSingleton<DatabaseInitializer>();
        services.AddScoped<IdentityBootstrapper>();
        services.AddSingleton<UserAdministration>();
        services.AddSingleton<UserSessions>();
        services.TryAddSingleton(TwoFactorRequirement.Default); // the host's setting, registered before, wins
        services.AddSingleton<TwoFactorAuthentication>();
        services.AddSingleton<Identity.SingleSignOn.ClaimMappings>();
        services.AddSingleton<Identity.SingleSignOn.ExternalSignIn>();

        services.AddSingleton(settings.Audit);
        // Read (or created) once, when first needed; DatabaseInitializer needs it, so a bad key stops the start.
        services.AddSingleton(_ => AuditChainKey.Load(settings.Audit, settings.Database));
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<AuditCheckpoints>();

        services.AddSingleton<WorkflowInventory>();
        services.AddSingleton<ToolCatalog>();
        services.AddSingleton<ToolDirectory>();
        services.AddSingleton<InventoryLookups>();
        services.AddSingleton<OrganisationSettings>();

        services.AddSingleton(settings.ReviewCadence);
        services.AddSingleton<IWorkflowRiskTiers, StoredRiskTiers>();
        services.AddSingleton<WorkflowApprovals>();

        services.AddSingleton<RuleSettingsStore>();
        services.AddSingleton<RuleExceptions>();
        services.AddSingleton<FindingsReport>();
        services.AddSingleton<Preferences.UserPreferences>();
        services.AddSingleton<Inventory.WorkflowBulkActions>();
        services.AddSingleton<UsageAdvisor>();
        services.AddSingleton<Requests.UseRequests>();
        services.AddSingleton<Auditing.AssistantCalls>();

        services.AddSingleton<Dashboard>();
        services.AddSingleton<Onboarding.FirstRunChecklist>();
        services.AddSingleton<EuAiActDecisions>();
        services.AddSingleton<RiskSettings>();
        services.AddSingleton<RiskSnapshots>();

        services.AddSingleton(settings.Reports);
        services.AddSingleton<ReportService>();
        services.AddSingleton<AiBillOfMaterials>();

        services.AddSingleton<SearchCatchUp>();
        services.AddSingleton<InventoryImporter>();
        services.AddSingleton<ImportPresets>();
        services.AddSingleton<InventoryExporter>();

        services.AddSingleton<PolicyDocuments>();
        services.AddSingleton<PolicyAcknowledgements>();

        services.AddSingleton<IncidentLog>();
        services.AddSingleton<PauseRegister>();
        services.AddSingleton<RiskTriggerStore>();
        services.AddSingleton<ScheduledChecks>();
        services.AddSingleton<NotificationCenter>();

        // EU AI Act obligations (the host registers SeriousIncidentDeadlineJob as a scheduled job).
        services.AddSingleton<Obligations.ObligationTables>();
        services.AddSingleton<Obligations.EuAiActProfiles>();
        services.AddSingleton<Obligations.FriaRegister>();
        services.AddSingleton<Obligations.SeriousIncidents>();

        // Email (the host registers IDataProtectionProvider, and EmailOptions from configuration; these are the defaults).
        services.TryAddSingleton(new Email.EmailOptions());
        services.AddSingleton<Email.SmtpMailer>();
        services.AddSingleton<Email.EmailSettingsStore>();
        services.AddSingleton<Email.EmailChoices>();
        services.AddSingleton<Email.EmailRouting>();
        services.AddSingleton<Email.EmailDigests>();
        services.AddSingleton<Email.EmailOutbox>();

        // Evidence (the host registers EvidenceOptions from configuration first; these are the defaults).
        services.TryAddSingleton(new Evidence.EvidenceOptions());
        services.AddSingleton<Evidence.EvidenceRegister>();
        services.AddSingleton<Evidence.EvidenceExpiryCheck>();
        services.AddSingleton<Evidence.EvidenceIndex>();

        services.AddSingleton<ApiTokens>();
        services.AddSingleton<Backups.DatabaseBackups>();

        // The host registers WebhookDispatcher as a scheduled job (Web's PlatformRegistration).
        services.AddSingleton(settings.Webhooks);
        services.AddSingleton<Webhooks.WebhookAddressPolicy>();
        services.AddSingleton<Webhooks.WebhookSender>();
        services.AddSingleton<Webhooks.WebhookDispatcher>();
        services.AddSingleton<Webhooks.WebhookSubscriptions>();

        // Agents and connectors (issue 17).
        services.AddSingleton<Agents.AgentInventory>();
        services.AddSingleton<Agents.ConnectorCatalog>();

        services.AddComplianceExports();
        // Reviews as records, checklists by tier, attestation campaigns (the host registers AttestationReminderJob).
        services.AddSingleton<Reviews.ReviewChecklists>();
        services.AddSingleton<Reviews.ReviewRegister>();
        services.AddSingleton<Reviews.AttestationCampaigns>();
        services.AddSingleton<Agents.AgentRegister>();
        return services;
    }
}
