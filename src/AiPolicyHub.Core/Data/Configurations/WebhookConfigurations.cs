using AiPolicyHub.Core.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiPolicyHub.Core.Data.Configurations;

internal sealed class WebhookSubscriptionConfiguration : IEntityTypeConfiguration<WebhookSubscription>
{
    public void Configure(EntityTypeBuilder<WebhookSubscription> subscription)
    {
        subscription.ToTable("WebhookSubscriptions");
        subscription.Property(s => s.Url).HasMaxLength(WebhookSubscription.UrlLength).IsRequired();
        subscription.Property(s => s.Description).HasMaxLength(WebhookSubscription.DescriptionLength).IsRequired();
        subscription.Property(s => s.Events).HasMaxLength(WebhookSubscription.EventsLength).IsRequired();
        subscription.Property(s => s.Secret).HasMaxLength(WebhookSubscription.SecretLength).IsRequired();
        subscription.Property(s => s.CreatedByName).HasMaxLength(WebhookSubscription.NameLength).IsRequired();
        subscription.Property(s => s.CreatedAt).AsUtc();
        subscription.Property(s => s.SecretRotatedAt).AsUtc();
        subscription.Ignore(s => s.EventTypes);
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> delivery)
    {
        delivery.ToTable("WebhookDeliveries");
        delivery.Property(d => d.EventId).HasMaxLength(WebhookDelivery.EventIdLength).IsRequired();
        delivery.Property(d => d.EventType).HasMaxLength(WebhookDelivery.EventTypeLength).IsRequired();
        delivery.Property(d => d.SubjectName).HasMaxLength(WebhookSubscription.DescriptionLength).IsRequired();
        delivery.Property(d => d.Body).IsRequired();
        delivery.Property(d => d.LastError).HasMaxLength(WebhookDelivery.ErrorLength);
        delivery.Property(d => d.ClaimedBy).HasMaxLength(WebhookDelivery.HolderLength);
        delivery.Property(d => d.CreatedAt).AsUtc();
        delivery.Property(d => d.NextAttemptAt).AsUtc();
        delivery.Property(d => d.LastAttemptAt).AsUtc();
        delivery.Property(d => d.ClaimedUntil).AsUtc();
        delivery.HasOne<WebhookSubscription>().WithMany().HasForeignKey(d => d.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
        delivery.HasMany(d => d.AttemptLog).WithOne().HasForeignKey(a => a.DeliveryId).OnDelete(DeleteBehavior.Cascade);
        // The sender looks for due deliveries; the page lists a subscription's newest first.
        delivery.HasIndex(d => new { d.State, d.NextAttemptAt });
        delivery.HasIndex(d => new { d.SubscriptionId, d.Id });
    }
}

internal sealed class WebhookAttemptConfiguration : IEntityTypeConfiguration<WebhookAttempt>
{
    public void Configure(EntityTypeBuilder<WebhookAttempt> attempt)
    {
        attempt.ToTable("WebhookAttempts");
        attempt.Property(a => a.Error).HasMaxLength(WebhookDelivery.ErrorLength);
        attempt.Property(a => a.At).AsUtc();
    }
}

internal sealed class WebhookCursorConfiguration : IEntityTypeConfiguration<WebhookCursor>
{
    public void Configure(EntityTypeBuilder<WebhookCursor> cursor)
    {
        cursor.ToTable("WebhookCursor");
        cursor.Property(c => c.Id).ValueGeneratedNever();
    }
}
