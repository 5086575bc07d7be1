using AiPolicyHub.Core.Evidence;
using AiPolicyHub.Core.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiPolicyHub.Core.Data.Configurations;

internal sealed class EvidenceRecordConfiguration : IEntityTypeConfiguration<EvidenceRecord>
{
    public void Configure(EntityTypeBuilder<EvidenceRecord> evidence)
    {
        evidence.ToTable("Evidence");
        evidence.Property(e => e.Description).HasMaxLength(EvidenceRecord.DescriptionMaxLength).IsRequired();
        evidence.Property(e => e.Url).HasMaxLength(EvidenceRecord.UrlMaxLength);
        evidence.Property(e => e.OwnerId).HasMaxLength(450);
        evidence.Property(e => e.AddedById).HasMaxLength(450).IsRequired();
        evidence.Property(e => e.AddedByName).HasMaxLength(256).IsRequired();
        evidence.Property(e => e.AddedAt).AsUtc();
        evidence.Property(e => e.ChangedAt).AsUtc();
        evidence.Property(e => e.Version).IsConcurrencyToken();
        evidence.HasOne<AppUser>().WithMany().HasForeignKey(e => e.OwnerId).OnDelete(DeleteBehavior.SetNull);
        // A subject's evidence, in its panel; the expiry check and the rules read by date.
        evidence.HasIndex(e => new { e.SubjectKind, e.SubjectId });
        evidence.HasIndex(e => e.ExpiresOn);
    }
}

internal sealed class EvidenceFileVersionConfiguration : IEntityTypeConfiguration<EvidenceFileVersion>
{
    public void Configure(EntityTypeBuilder<EvidenceFileVersion> version)
    {
        version.ToTable("EvidenceFileVersions");
        version.Property(v => v.FileName).HasMaxLength(EvidenceFiles.NameMaxLength).IsRequired();
        version.Property(v => v.ContentType).HasMaxLength(200).IsRequired();
        version.Property(v => v.Sha256).HasMaxLength(64).IsRequired();
        version.Property(v => v.UploadedById).HasMaxLength(450).IsRequired();
        version.Property(v => v.UploadedByName).HasMaxLength(256).IsRequired();
        version.Property(v => v.UploadedAt).AsUtc();
        version.HasOne<EvidenceRecord>().WithMany().HasForeignKey(v => v.EvidenceId).OnDelete(DeleteBehavior.Cascade);
        // Two replacements at once cannot both become version n.
        version.HasIndex(v => new { v.EvidenceId, v.Number }).IsUnique();
        version.HasOne(v => v.Content).WithOne().HasForeignKey<EvidenceFileContent>(c => c.VersionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class EvidenceFileContentConfiguration : IEntityTypeConfiguration<EvidenceFileContent>
{
    public void Configure(EntityTypeBuilder<EvidenceFileContent> content)
    {
        content.ToTable("EvidenceFileContents");
        content.HasKey(c => c.VersionId);
        content.Property(c => c.VersionId).ValueGeneratedNever();
        content.Property(c => c.Bytes).IsRequired();
    }
}
