using AiPolicyHub.Core.Auditing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiPolicyHub.Core.Data.Configurations;

internal sealed class AuditChainHeadConfiguration : IEntityTypeConfiguration<AuditChainHead>
{
    public void Configure(EntityTypeBuilder<AuditChainHead> head)
    {
        // One row with a fixed id, never generated: the chain has one end.
        head.Property(h => h.Id).ValueGeneratedNever();
        head.Property(h => h.LastHash).HasMaxLength(64).IsRequired();
        head.Property(h => h.KeyId).HasMaxLength(16).IsRequired();
        head.Property(h => h.Mac).HasMaxLength(64).IsRequired();
    }
}

internal sealed class AuditCheckpointConfiguration : IEntityTypeConfiguration<AuditCheckpoint>
{
    public void Configure(EntityTypeBuilder<AuditCheckpoint> checkpoint)
    {
        checkpoint.Property(c => c.At).HasConversion(at => at, at => DateTime.SpecifyKind(at, DateTimeKind.Utc));
        checkpoint.Property(c => c.LastHash).HasMaxLength(64).IsRequired();
        checkpoint.Property(c => c.KeyId).HasMaxLength(16).IsRequired();
        checkpoint.Property(c => c.Mac).HasMaxLength(64).IsRequired();
    }
}
