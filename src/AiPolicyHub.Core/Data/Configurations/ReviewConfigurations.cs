using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Reviews;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiPolicyHub.Core.Data.Configurations;

internal sealed class WorkflowReviewConfiguration : IEntityTypeConfiguration<WorkflowReview>
{
    public void Configure(EntityTypeBuilder<WorkflowReview> review)
    {
        review.ToTable("WorkflowReviews");
        review.Property(r => r.WorkflowName).HasMaxLength(200).IsRequired();
        review.Property(r => r.ReviewedById).HasMaxLength(450).IsRequired();
        review.Property(r => r.ReviewedByName).HasMaxLength(256).IsRequired();
        review.Property(r => r.ReviewedAt).AsUtc();
        review.Property(r => r.Notes).HasMaxLength(WorkflowReview.NotesMaxLength);
        review.HasOne<Workflow>().WithMany().HasForeignKey(r => r.WorkflowId).OnDelete(DeleteBehavior.Cascade);
        review.HasMany(r => r.Answers).WithOne().HasForeignKey(a => a.ReviewId).OnDelete(DeleteBehavior.Cascade);
        // A workflow's reviews, newest first; the register and the audit pack read by date.
        review.HasIndex(r => new { r.WorkflowId, r.ReviewedAt });
        review.HasIndex(r => r.ReviewedAt);
        review.HasIndex(r => r.AuditEntryId).IsUnique();
    }
}

internal sealed class WorkflowReviewAnswerConfiguration : IEntityTypeConfiguration<WorkflowReviewAnswer>
{
    public void Configure(EntityTypeBuilder<WorkflowReviewAnswer> answer)
    {
        answer.ToTable("WorkflowReviewAnswers");
        answer.Property(a => a.Item).HasMaxLength(ReviewChecklist.ItemMaxLength).IsRequired();
        answer.HasIndex(a => new { a.ReviewId, a.Position }).IsUnique();
    }
}

internal sealed class ReviewChecklistConfiguration : IEntityTypeConfiguration<ReviewChecklist>
{
    public void Configure(EntityTypeBuilder<ReviewChecklist> checklist)
    {
        checklist.ToTable("ReviewChecklists");
        checklist.HasKey(c => c.Tier);
        checklist.Property(c => c.Tier).ValueGeneratedNever();
        checklist.Property(c => c.Items).HasMaxLength(ReviewChecklist.MaxItems * (ReviewChecklist.ItemMaxLength + 1)).IsRequired();
        checklist.Property(c => c.ChangedByName).HasMaxLength(256).IsRequired();
        checklist.Property(c => c.ChangedAt).AsUtc();
        checklist.Property(c => c.Version).IsConcurrencyToken();
    }
}

internal sealed class AttestationCampaignConfiguration : IEntityTypeConfiguration<AttestationCampaign>
{
    public void Configure(EntityTypeBuilder<AttestationCampaign> campaign)
    {
        campaign.ToTable("AttestationCampaigns");
        campaign.Property(c => c.Title).HasMaxLength(AttestationCampaign.TitleMaxLength).IsRequired();
        campaign.Property(c => c.StartedById).HasMaxLength(450).IsRequired();
        campaign.Property(c => c.StartedByName).HasMaxLength(256).IsRequired();
        campaign.Property(c => c.ClosedByName).HasMaxLength(256);
        campaign.Property(c => c.StartedAt).AsUtc();
        campaign.Property(c => c.ClosedAt).AsUtc();
        campaign.Property(c => c.Version).IsConcurrencyToken();
        campaign.HasOne<Department>().WithMany().HasForeignKey(c => c.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        campaign.HasIndex(c => c.StartedAt);
    }
}

internal sealed class AttestationConfiguration : IEntityTypeConfiguration<Attestation>
{
    public void Configure(EntityTypeBuilder<Attestation> attestation)
    {
        attestation.ToTable("Attestations");
        attestation.Property(a => a.SubjectName).HasMaxLength(200).IsRequired();
        attestation.Property(a => a.OwnerId).HasMaxLength(450).IsRequired();
        attestation.Property(a => a.Note).HasMaxLength(Attestation.NoteMaxLength);
        attestation.Property(a => a.AnsweredAt).AsUtc();
        attestation.Property(a => a.Version).IsConcurrencyToken();
        attestation.Ignore(a => a.Link);
        attestation.HasOne<AttestationCampaign>().WithMany().HasForeignKey(a => a.CampaignId).OnDelete(DeleteBehavior.Cascade);
        // One item per record in a campaign; an owner's open items; progress per campaign.
        attestation.HasIndex(a => new { a.CampaignId, a.SubjectKind, a.SubjectId }).IsUnique();
        attestation.HasIndex(a => new { a.OwnerId, a.Answer });
    }
}
