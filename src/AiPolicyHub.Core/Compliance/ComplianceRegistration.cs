using AiPolicyHub.Core.Compliance.AuditPack;
using Microsoft.Extensions.DependencyInjection;

namespace AiPolicyHub.Core.Compliance;

/// <summary>The Statement of Applicability, its exports and the audit pack with its parts (in the pack's order).</summary>
public static class ComplianceRegistration
{
    public static IServiceCollection AddComplianceExports(this IServiceCollection services)
    {
        services.AddSingleton<StatementOfApplicability>();
        services.AddSingleton<SoaExports>();
        services.AddSingleton<AuditPacks>();
        // The audit pack's parts: a new part is a class implementing IAuditPackPart and one line here.
        services.AddSingleton<IAuditPackPart, StatementOfApplicabilityPart>();
        services.AddSingleton<IAuditPackPart, RiskRegisterPart>();
        services.AddSingleton<IAuditPackPart, PublishedPolicyPart>();
        services.AddSingleton<IAuditPackPart, EvidenceIndexPart>();
        services.AddSingleton<IAuditPackPart, ReviewsAndAttestationsPart>();
        services.AddSingleton<IAuditPackPart, IncidentsPart>();
        services.AddSingleton<IAuditPackPart, AuditChainPart>();
        return services;
    }
}
