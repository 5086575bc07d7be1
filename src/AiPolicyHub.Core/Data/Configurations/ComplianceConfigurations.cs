using AiPolicyHub.Core.Compliance;
using AiPolicyHub.Core.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiPolicyHub.Core.Data.Configurations;

internal sealed class SoaControlEntryConfiguration : IEntityTypeConfiguration<SoaControlEntry>
{
    public void Configure(EntityTypeBuilder<SoaControlEntry> entry)
    {
        entry.ToTable("SoaControlEntries");
        entry.HasKey(e => e.ControlCode);
        entry.Property(e => e.ControlCode).HasMaxLength(20);
        entry.Property(e => e.Justification).HasMaxLength(SoaControlEntry.JustificationMaxLength).IsRequired();
        entry.Property(e => e.OwnerId).HasMaxLength(450);
        entry.Property(e => e.Version).IsConcurrencyToken();
        entry.Property(e => e.UpdatedByName).HasMaxLength(256).IsRequired();
        entry.Property(e => e.UpdatedAt).AsUtc();
        // Users are disabled, never deleted.
        entry.HasOne<AppUser>().WithMany().HasForeignKey(e => e.OwnerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SoaVersionConfiguration : IEntityTypeConfiguration<SoaVersion>
{
    public void Configure(EntityTypeBuilder<SoaVersion> version)
    {
        version.ToTable("SoaVersions");
        version.HasKey(v => v.Number);
        version.Property(v => v.Number).ValueGeneratedNever();
        version.Property(v => v.PublishedById).HasMaxLength(450).IsRequired();
        version.Property(v => v.PublishedByName).HasMaxLength(256).IsRequired();
        version.Property(v => v.ChangeSummary).HasMaxLength(2000).IsRequired();
        version.Property(v => v.ContentJson).IsRequired();
        version.Property(v => v.ContentHash).HasMaxLength(100).IsRequired();
        version.Property(v => v.PublishedAt).AsUtc();
    }
}
