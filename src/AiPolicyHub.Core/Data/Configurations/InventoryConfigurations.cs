using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiPolicyHub.Core.Data.Configurations;

internal static class Collations
{
    /// <summary>
    /// Names sort "Alpha, beta, Gamma", not "Alpha, Gamma, beta"; SQLite's NOCASE folds A–Z only. On PostgreSQL these
    /// columns become <c>citext</c> (<see cref="Providers.AdaptModel"/>).
    /// </summary>
    public const string CaseInsensitive = Providers.SqliteCaseInsensitive;
}

internal sealed class DataClassificationLevelConfiguration : IEntityTypeConfiguration<DataClassificationLevel>
{
    public void Configure(EntityTypeBuilder<DataClassificationLevel> level)
    {
        level.ToTable("ClassificationLevels");
        level.Property(l => l.Name).HasMaxLength(100).IsRequired();
        level.Property(l => l.Description).HasMaxLength(1000).IsRequired();
        level.Property(l => l.Examples).HasMaxLength(1000).IsRequired();
        level.HasIndex(l => l.Name).IsUnique();
        level.HasIndex(l => l.Rank).IsUnique();
    }
}

internal sealed class DepartmentConfiguration : IEntityTypeConfiguration<Department>
{
    public void Configure(EntityTypeBuilder<Department> department)
    {
        department.Property(d => d.Name).HasMaxLength(200).IsRequired().UseCollation(Collations.CaseInsensitive);
        department.HasIndex(d => d.Name).IsUnique();
    }
}

internal sealed class DepartmentManagerConfiguration : IEntityTypeConfiguration<DepartmentManager>
{
    public void Configure(EntityTypeBuilder<DepartmentManager> manager)
    {
        manager.HasKey(m => new { m.DepartmentId, m.UserId });
        manager.HasOne<Department>().WithMany().HasForeignKey(m => m.DepartmentId).OnDelete(DeleteBehavior.Cascade);
        manager.HasOne<AppUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        manager.HasIndex(m => m.UserId);
    }
}

internal sealed class AiToolConfiguration : IEntityTypeConfiguration<AiTool>
{
    public void Configure(EntityTypeBuilder<AiTool> tool)
    {
        tool.ToTable("Tools");
        tool.Property(t => t.Name).HasMaxLength(200).IsRequired().UseCollation(Collations.CaseInsensitive);
        tool.Property(t => t.Vendor).HasMaxLength(200).IsRequired();
        tool.Property(t => t.ModelVersion).HasMaxLength(100).IsRequired();
        tool.Property(t => t.DataResidency).HasMaxLength(100).IsRequired();
        tool.Property(t => t.Notes).HasMaxLength(4000).IsRequired();
        tool.Property(t => t.PausedReason).HasMaxLength(1000);
        tool.Property(t => t.Version).IsConcurrencyToken();
        tool.HasOne(t => t.MaxClassification).WithMany().HasForeignKey(t => t.MaxClassificationId).OnDelete(DeleteBehavior.Restrict);
        tool.HasOne<AppUser>().WithMany().HasForeignKey(t => t.OwnerId).OnDelete(DeleteBehavior.SetNull);
        tool.HasIndex(t => t.Name);
        tool.Property(t => t.ExternalId).HasMaxLength(ImportExport.ImportLimits.ExternalIdLength);
        tool.HasIndex(t => t.ExternalId);
        tool.Property(t => t.ImportKey).HasMaxLength(ImportExport.ImportLimits.ImportKeyLength);
        tool.HasIndex(t => t.ImportKey);
    }
}

internal sealed class ToolChangeProposalConfiguration : IEntityTypeConfiguration<ToolChangeProposal>
{
    public void Configure(EntityTypeBuilder<ToolChangeProposal> proposal)
    {
        proposal.ToTable("ToolChangeProposals");
        proposal.Property(p => p.FormJson).IsRequired();
        proposal.Property(p => p.ChangesJson).IsRequired();
        proposal.Property(p => p.ProposedById).HasMaxLength(450).IsRequired();
        proposal.Property(p => p.ProposedByName).HasMaxLength(256).IsRequired();
        proposal.Property(p => p.DecidedById).HasMaxLength(450);
        proposal.Property(p => p.DecidedByName).HasMaxLength(256);
        proposal.Property(p => p.DecisionNote).HasMaxLength(2000);
        proposal.Property(p => p.Version).IsConcurrencyToken();
        proposal.HasOne<AiTool>().WithMany().HasForeignKey(p => p.ToolId).OnDelete(DeleteBehavior.Cascade);
        proposal.HasIndex(p => new { p.ToolId, p.State });
    }
}

internal sealed class WorkflowConfiguration : IEntityTypeConfiguration<Workflow>
{
    public void Configure(EntityTypeBuilder<Workflow> workflow)
    {
        workflow.Property(w => w.Name).HasMaxLength(200).IsRequired().UseCollation(Collations.CaseInsensitive);
        workflow.Property(w => w.Purpose).HasMaxLength(Workflow.PurposeMaxLength).IsRequired();
        workflow.Property(w => w.ApprovingRole).HasMaxLength(100).IsRequired();
        workflow.Property(w => w.Version).IsConcurrencyToken();
        workflow.HasOne(w => w.Department).WithMany().HasForeignKey(w => w.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        workflow.HasOne(w => w.DataClassification).WithMany().HasForeignKey(w => w.DataClassificationId).OnDelete(DeleteBehavior.Restrict);
        workflow.HasOne<AppUser>().WithMany().HasForeignKey(w => w.OwnerId).OnDelete(DeleteBehavior.SetNull);
        workflow.HasMany(w => w.Tools).WithOne(t => t.Workflow).HasForeignKey(t => t.WorkflowId).OnDelete(DeleteBehavior.Cascade);
        // The list's usual questions: by name (hiding retired), within a department, by review date.
        workflow.HasIndex(w => new { w.Status, w.Name });
        workflow.HasIndex(w => new { w.DepartmentId, w.Name });
        // Counts a department's page total from the index alone (DepartmentId_Name would read ~12,000 rows for their status).
        workflow.HasIndex(w => new { w.DepartmentId, w.Status });
        workflow.HasIndex(w => w.NextReviewDate);
        workflow.HasIndex(w => w.Name);
        // Added to an existing table, so the columns carry a default (0: not assessed yet) as SQLite requires.
        workflow.Property(w => w.RiskLikelihood).HasDefaultValue(0);
        workflow.Property(w => w.RiskImpact).HasDefaultValue(0);
        workflow.Property(w => w.RiskScore).HasDefaultValue(0);
        workflow.Property(w => w.RiskTier).HasDefaultValue(Risk.RiskTier.Low);
        workflow.Property(w => w.EuAiActJustification).HasMaxLength(2000);
        workflow.Property(w => w.EuAiActDecidedBy).HasMaxLength(256);
        workflow.Property(w => w.EuAiActDecidedAt).HasConversion(at => at, at => at == null ? null : DateTime.SpecifyKind(at.Value, DateTimeKind.Utc));
        workflow.HasIndex(w => new { w.RiskLikelihood, w.RiskImpact });
        workflow.HasIndex(w => w.RiskScore);
        // The list sorts (and the dashboard filters) by tier, and within a tier by score.
        workflow.HasIndex(w => new { w.RiskTier, w.RiskScore });
        workflow.Property(w => w.ExternalId).HasMaxLength(ImportExport.ImportLimits.ExternalIdLength);
        workflow.HasIndex(w => w.ExternalId);
        workflow.Property(w => w.ImportKey).HasMaxLength(ImportExport.ImportLimits.ImportKeyLength);
        workflow.HasIndex(w => w.ImportKey);
    }
}

internal sealed class WorkflowToolConfiguration : IEntityTypeConfiguration<WorkflowTool>
{
    public void Configure(EntityTypeBuilder<WorkflowTool> link)
    {
        link.HasKey(t => new { t.WorkflowId, t.ToolId });
        link.HasOne(t => t.Tool).WithMany().HasForeignKey(t => t.ToolId).OnDelete(DeleteBehavior.Restrict);
        link.HasIndex(t => t.ToolId);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> entry)
    {
        // SQLite hands DateTime back without a kind; the stored value is UTC, so say so.
        entry.Property(e => e.At).HasConversion(at => at, at => DateTime.SpecifyKind(at, DateTimeKind.Utc));
        entry.Property(e => e.UserId).HasMaxLength(450).IsRequired();
        entry.Property(e => e.UserName).HasMaxLength(256).IsRequired();
        entry.Property(e => e.EntityType).HasMaxLength(50).IsRequired();
        entry.Property(e => e.EntityId).HasMaxLength(50).IsRequired();
        entry.Property(e => e.EntityName).HasMaxLength(200).IsRequired();
        entry.Property(e => e.ChangesJson).IsRequired();
        entry.Property(e => e.PreviousHash).HasMaxLength(64).IsRequired();
        entry.Property(e => e.Hash).HasMaxLength(64).IsRequired();
        entry.HasIndex(e => new { e.EntityType, e.EntityId });
        entry.HasIndex(e => e.At);
        entry.HasIndex(e => e.UserId);
    }
}

internal sealed class ImportPresetConfiguration : IEntityTypeConfiguration<ImportExport.ImportPreset>
{
    public void Configure(EntityTypeBuilder<ImportExport.ImportPreset> preset)
    {
        preset.Property(p => p.Name).HasMaxLength(100).IsRequired();
        preset.Property(p => p.MappingJson).IsRequired();
        preset.Property(p => p.SavedBy).HasMaxLength(256).IsRequired();
        preset.Property(p => p.SavedAt).HasConversion(at => at, at => DateTime.SpecifyKind(at, DateTimeKind.Utc));
        preset.HasIndex(p => p.Name).IsUnique();
    }
}
