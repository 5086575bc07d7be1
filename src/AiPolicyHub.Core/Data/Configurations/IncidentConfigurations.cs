using AiPolicyHub.Core.Incidents;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiPolicyHub.Core.Data.Configurations;

internal static class UtcConversions
{
    public static PropertyBuilder<DateTime> AsUtc(this PropertyBuilder<DateTime> property) =>
        property.HasConversion(at => at, at => DateTime.SpecifyKind(at, DateTimeKind.Utc));

    public static PropertyBuilder<DateTime?> AsUtc(this PropertyBuilder<DateTime?> property) =>
        property.HasConversion(at => at, at => at == null ? null : DateTime.SpecifyKind(at.Value, DateTimeKind.Utc));
}

internal sealed class IncidentConfiguration : IEntityTypeConfiguration<Incident>
{
    public void Configure(EntityTypeBuilder<Incident> incident)
    {
        incident.ToTable("Incidents");
        incident.Property(i => i.Title).HasMaxLength(200).IsRequired();
        incident.Property(i => i.WhatHappened).HasMaxLength(4000).IsRequired();
        incident.Property(i => i.RootCause).HasMaxLength(4000).IsRequired();
        incident.Property(i => i.Actions).HasMaxLength(4000).IsRequired();
        incident.Property(i => i.ReportedById).HasMaxLength(450).IsRequired();
        incident.Property(i => i.ReportedByName).HasMaxLength(256).IsRequired();
        incident.Property(i => i.OccurredAt).AsUtc();
        incident.Property(i => i.ReportedAt).AsUtc();
        incident.Property(i => i.Version).IsConcurrencyToken();
        incident.HasOne<Workflow>().WithMany().HasForeignKey(i => i.WorkflowId).OnDelete(DeleteBehavior.Restrict);
        incident.HasOne<AiTool>().WithMany().HasForeignKey(i => i.ToolId).OnDelete(DeleteBehavior.Restrict);
        incident.HasIndex(i => new { i.Status, i.ReportedAt });
    }
}

internal sealed class PauseConfiguration : IEntityTypeConfiguration<Pause>
{
    public void Configure(EntityTypeBuilder<Pause> pause)
    {
        pause.ToTable("Pauses");
        pause.Property(p => p.Reason).HasMaxLength(1000).IsRequired();
        pause.Property(p => p.TriggerId).HasMaxLength(100);
        pause.Property(p => p.EventKey).HasMaxLength(200);
        pause.Property(p => p.PausedById).HasMaxLength(450).IsRequired();
        pause.Property(p => p.PausedByName).HasMaxLength(256).IsRequired();
        pause.Property(p => p.EndedById).HasMaxLength(450);
        pause.Property(p => p.EndedByName).HasMaxLength(256);
        pause.Property(p => p.EndNote).HasMaxLength(2000);
        pause.Property(p => p.PausedAt).AsUtc();
        pause.Property(p => p.EndedAt).AsUtc();
        pause.Property(p => p.Version).IsConcurrencyToken();
        pause.HasOne<Workflow>().WithMany().HasForeignKey(p => p.WorkflowId).OnDelete(DeleteBehavior.Restrict);
        pause.HasOne<AiTool>().WithMany().HasForeignKey(p => p.ToolId).OnDelete(DeleteBehavior.Restrict);
        pause.HasOne<Agents.Agent>().WithMany().HasForeignKey(p => p.AgentId).OnDelete(DeleteBehavior.Restrict);
        pause.HasOne<Agents.Connector>().WithMany().HasForeignKey(p => p.ConnectorId).OnDelete(DeleteBehavior.Restrict);
        pause.HasIndex(p => new { p.AgentId, p.State });
        pause.HasIndex(p => new { p.ConnectorId, p.State });
        pause.HasOne<Pause>().WithMany().HasForeignKey(p => p.ParentId).OnDelete(DeleteBehavior.Restrict);
        pause.HasOne<Incident>().WithMany().HasForeignKey(p => p.IncidentId).OnDelete(DeleteBehavior.Restrict);
        pause.HasIndex(p => new { p.WorkflowId, p.State });
        pause.HasIndex(p => new { p.ToolId, p.State });
        pause.HasIndex(p => p.ParentId);
        pause.HasIndex(p => p.EventKey);
        pause.HasIndex(p => p.IncidentId);
        pause.HasIndex(p => p.State);
    }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> notification)
    {
        notification.ToTable("Notifications");
        notification.Property(n => n.UserId).HasMaxLength(450).IsRequired();
        notification.Property(n => n.Title).HasMaxLength(500).IsRequired();
        notification.Property(n => n.Link).HasMaxLength(500).IsRequired();
        notification.Property(n => n.Key).HasMaxLength(200);
        notification.Property(n => n.CreatedAt).AsUtc();
        notification.Property(n => n.ReadAt).AsUtc();
        notification.HasOne<Identity.AppUser>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
        notification.HasIndex(n => new { n.UserId, n.ReadAt });
        notification.HasIndex(n => n.Key);
        // New notifications wait for the email routing (Email/EmailRouting); rows older than the feature were never to be mailed.
        notification.Property(n => n.Email).HasDefaultValue(NotificationEmail.Pending);
        notification.HasIndex(n => n.Email);
    }
}
