using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Rules.Stored;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiPolicyHub.Core.Data.Configurations;

internal sealed class StoredRuleSettingConfiguration : IEntityTypeConfiguration<StoredRuleSetting>
{
    public void Configure(EntityTypeBuilder<StoredRuleSetting> setting)
    {
        setting.ToTable("RuleSettings");
        setting.HasKey(s => s.RuleId);
        setting.Property(s => s.RuleId).HasMaxLength(100);
        setting.Property(s => s.ParametersJson).HasMaxLength(4000).IsRequired();
        setting.Property(s => s.Version).IsConcurrencyToken();
    }
}

internal sealed class StoredSettingConfiguration : IEntityTypeConfiguration<Risk.StoredSetting>
{
    public void Configure(EntityTypeBuilder<Risk.StoredSetting> setting)
    {
        setting.ToTable("Settings");
        setting.HasKey(s => s.Key);
        setting.Property(s => s.Key).HasMaxLength(100);
        setting.Property(s => s.Json).HasMaxLength(4000).IsRequired();
    }
}

internal sealed class RuleExceptionConfiguration : IEntityTypeConfiguration<RuleException>
{
    public void Configure(EntityTypeBuilder<RuleException> exception)
    {
        exception.ToTable("RuleExceptions");
        exception.Property(e => e.RuleId).HasMaxLength(100).IsRequired();
        exception.Property(e => e.Justification).HasMaxLength(2000).IsRequired();
        exception.Property(e => e.GrantedById).HasMaxLength(450).IsRequired();
        exception.Property(e => e.GrantedByName).HasMaxLength(256).IsRequired();
        exception.Property(e => e.RevokedByName).HasMaxLength(256);
        exception.Property(e => e.GrantedAt).HasConversion(at => at, at => DateTime.SpecifyKind(at, DateTimeKind.Utc));
        exception.Property(e => e.RevokedAt).HasConversion(at => at, at => at == null ? null : DateTime.SpecifyKind(at.Value, DateTimeKind.Utc));
        // Workflows are retired, never deleted; an exception outlives nothing it refers to.
        exception.HasOne<Workflow>().WithMany().HasForeignKey(e => e.WorkflowId).OnDelete(DeleteBehavior.Restrict);
        exception.HasIndex(e => new { e.WorkflowId, e.RuleId });
    }
}

internal sealed class RiskSnapshotConfiguration : IEntityTypeConfiguration<Risk.RiskSnapshot>
{
    public void Configure(EntityTypeBuilder<Risk.RiskSnapshot> snapshot)
    {
        snapshot.ToTable("RiskSnapshots");
        snapshot.HasIndex(s => s.Date).IsUnique();
    }
}
