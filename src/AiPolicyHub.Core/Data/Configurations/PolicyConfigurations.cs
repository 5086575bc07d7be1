using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Policies;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiPolicyHub.Core.Data.Configurations;

internal sealed class PolicyDraftConfiguration : IEntityTypeConfiguration<PolicyDraft>
{
    public void Configure(EntityTypeBuilder<PolicyDraft> draft)
    {
        draft.ToTable("PolicyDrafts");
        draft.Property(d => d.Id).ValueGeneratedNever();
        draft.Property(d => d.SectionsJson).IsRequired();
        draft.Property(d => d.Version).IsConcurrencyToken();
        draft.Property(d => d.UpdatedByName).HasMaxLength(256).IsRequired();
        draft.Property(d => d.UpdatedAt).HasConversion(at => at, at => DateTime.SpecifyKind(at, DateTimeKind.Utc));
    }
}

internal sealed class PolicyVersionConfiguration : IEntityTypeConfiguration<PolicyVersion>
{
    public void Configure(EntityTypeBuilder<PolicyVersion> version)
    {
        version.ToTable("PolicyVersions");
        version.HasKey(v => v.Number);
        version.Property(v => v.Number).ValueGeneratedNever();
        version.Property(v => v.ApprovedById).HasMaxLength(450).IsRequired();
        version.Property(v => v.ApprovedByName).HasMaxLength(256).IsRequired();
        version.Property(v => v.ChangeSummary).HasMaxLength(2000).IsRequired();
        version.Property(v => v.ContentJson).IsRequired();
        version.Property(v => v.ContentHash).HasMaxLength(100).IsRequired();
        version.Property(v => v.PublishedAt).HasConversion(at => at, at => DateTime.SpecifyKind(at, DateTimeKind.Utc));
    }
}

internal sealed class PolicyAcknowledgementConfiguration : IEntityTypeConfiguration<PolicyAcknowledgement>
{
    public void Configure(EntityTypeBuilder<PolicyAcknowledgement> acknowledgement)
    {
        acknowledgement.ToTable("PolicyAcknowledgements");
        acknowledgement.HasKey(a => new { a.UserId, a.VersionNumber });
        acknowledgement.Property(a => a.UserId).HasMaxLength(450);
        acknowledgement.Property(a => a.AcknowledgedAt).HasConversion(at => at, at => DateTime.SpecifyKind(at, DateTimeKind.Utc));
        // Users are disabled, never deleted; versions are never deleted.
        acknowledgement.HasOne<AppUser>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
        acknowledgement.HasOne<PolicyVersion>().WithMany().HasForeignKey(a => a.VersionNumber).OnDelete(DeleteBehavior.Restrict);
        // The rate of the current version counts by version.
        acknowledgement.HasIndex(a => a.VersionNumber);
    }
}
