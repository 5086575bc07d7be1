using AiPolicyHub.Core.Incidents;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Obligations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiPolicyHub.Core.Data.Configurations;

/// <summary>The EU AI Act fields of a workflow, kept here beside the rest of Obligations/ rather than in InventoryConfigurations.</summary>
internal sealed class WorkflowObligationsConfiguration : IEntityTypeConfiguration<Workflow>
{
    public void Configure(EntityTypeBuilder<Workflow> workflow)
    {
        // Existing rows get these values when the column is added (a deployer's, nothing recorded), so the model says so too.
        workflow.Property(w => w.TransparencyMeasure).HasMaxLength(EuAiActProfiles.TransparencyMeasureMaxLength).IsRequired().HasDefaultValue("");
        workflow.Property(w => w.OperatorRole).HasDefaultValue(OperatorRole.Deployer);
        workflow.Property(w => w.HighRiskArea).HasDefaultValue(HighRiskArea.NotListed);
        workflow.Property(w => w.ProvidesPublicService).HasDefaultValue(false);
        workflow.Property(w => w.FriaVersion).HasDefaultValue(0);
    }
}

/// <summary>The EU AI Act role of an agent: existing agents are a deployer's, as workflows were when the field came.</summary>
internal sealed class AgentObligationsConfiguration : IEntityTypeConfiguration<Agents.Agent>
{
    public void Configure(EntityTypeBuilder<Agents.Agent> agent) => agent.Property(a => a.OperatorRole).HasDefaultValue(OperatorRole.Deployer);
}

internal sealed class ObligationTableVersionConfiguration : IEntityTypeConfiguration<ObligationTableVersion>
{
    public void Configure(EntityTypeBuilder<ObligationTableVersion> version)
    {
        version.ToTable("ObligationTableVersions");
        version.Property(v => v.Title).HasMaxLength(200).IsRequired();
        version.Property(v => v.Json).IsRequired();
        version.Property(v => v.UploadedById).HasMaxLength(450).IsRequired();
        version.Property(v => v.UploadedByName).HasMaxLength(256).IsRequired();
        version.Property(v => v.UploadedAt).AsUtc();
        version.HasIndex(v => v.Number).IsUnique();
    }
}

internal sealed class FriaAssessmentConfiguration : IEntityTypeConfiguration<FriaAssessment>
{
    public void Configure(EntityTypeBuilder<FriaAssessment> fria)
    {
        fria.ToTable("FriaAssessments");
        foreach (var element in new[] { nameof(FriaAssessment.ProcessDescription), nameof(FriaAssessment.PeriodAndFrequency), nameof(FriaAssessment.AffectedGroups),
                     nameof(FriaAssessment.RisksOfHarm), nameof(FriaAssessment.OversightMeasures), nameof(FriaAssessment.MitigationAndComplaints) })
        {
            fria.Property<string>(element).HasMaxLength(FriaRegister.ElementMaxLength).IsRequired();
        }
        fria.Property(f => f.DpiaReference).HasMaxLength(500).IsRequired();
        fria.Property(f => f.DpiaNote).HasMaxLength(2000).IsRequired();
        fria.Property(f => f.SavedById).HasMaxLength(450).IsRequired();
        fria.Property(f => f.SavedByName).HasMaxLength(256).IsRequired();
        fria.Property(f => f.SavedAt).AsUtc();
        fria.Property(f => f.AuthorityReference).HasMaxLength(200).IsRequired();
        fria.Property(f => f.AuthorityRecordedByName).HasMaxLength(256);
        fria.HasOne<Workflow>().WithMany().HasForeignKey(f => f.WorkflowId).OnDelete(DeleteBehavior.Restrict);
        fria.HasIndex(f => new { f.WorkflowId, f.Version }).IsUnique();
    }
}

internal sealed class IncidentNoticeConfiguration : IEntityTypeConfiguration<IncidentNotice>
{
    public void Configure(EntityTypeBuilder<IncidentNotice> notice)
    {
        notice.ToTable("IncidentNotices");
        notice.Property(n => n.RecipientName).HasMaxLength(200).IsRequired();
        notice.Property(n => n.Reference).HasMaxLength(200).IsRequired();
        notice.Property(n => n.RecordedById).HasMaxLength(450).IsRequired();
        notice.Property(n => n.RecordedByName).HasMaxLength(256).IsRequired();
        notice.Property(n => n.RecordedAt).AsUtc();
        notice.HasOne<Incident>().WithMany().HasForeignKey(n => n.IncidentId).OnDelete(DeleteBehavior.Restrict);
        notice.HasIndex(n => n.IncidentId);
    }
}
