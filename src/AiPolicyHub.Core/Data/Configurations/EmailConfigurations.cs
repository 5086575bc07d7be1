using AiPolicyHub.Core.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiPolicyHub.Core.Data.Configurations;

internal sealed class OutgoingEmailConfiguration : IEntityTypeConfiguration<OutgoingEmail>
{
    public void Configure(EntityTypeBuilder<OutgoingEmail> email)
    {
        email.ToTable("OutgoingEmails");
        email.Property(e => e.Recipient).HasMaxLength(OutgoingEmail.RecipientLength).IsRequired();
        email.Property(e => e.Subject).HasMaxLength(OutgoingEmail.SubjectLength).IsRequired();
        email.Property(e => e.Body).IsRequired();
        email.Property(e => e.ClaimedBy).HasMaxLength(OutgoingEmail.ClaimLength);
        email.Property(e => e.LastError).HasMaxLength(OutgoingEmail.ErrorLength);
        email.Property(e => e.CreatedAt).AsUtc();
        email.Property(e => e.NextAttemptAt).AsUtc();
        email.Property(e => e.ClaimedUntil).AsUtc();
        email.Property(e => e.SentAt).AsUtc();
        // The sender's question: what is due now (queued and due, or claimed by a sender that went away).
        email.HasIndex(e => new { e.Status, e.NextAttemptAt });
    }
}
