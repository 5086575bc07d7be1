using AiPolicyHub.Core.Agents;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiPolicyHub.Core.Data.Configurations;

internal sealed class AgentConfiguration : IEntityTypeConfiguration<Agent>
{
    public void Configure(EntityTypeBuilder<Agent> agent)
    {
        agent.ToTable("Agents");
        agent.Property(a => a.Name).HasMaxLength(200).IsRequired().UseCollation(Collations.CaseInsensitive);
        agent.Property(a => a.Purpose).HasMaxLength(Agent.PurposeMaxLength).IsRequired();
        agent.Property(a => a.Version).IsConcurrencyToken();
        agent.HasOne(a => a.Department).WithMany().HasForeignKey(a => a.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        agent.HasOne(a => a.Tool).WithMany().HasForeignKey(a => a.ToolId).OnDelete(DeleteBehavior.Restrict);
        agent.HasOne(a => a.DataClassification).WithMany().HasForeignKey(a => a.DataClassificationId).OnDelete(DeleteBehavior.Restrict);
        agent.HasOne<AppUser>().WithMany().HasForeignKey(a => a.OwnerId).OnDelete(DeleteBehavior.SetNull);
        agent.HasMany(a => a.Connectors).WithOne().HasForeignKey(c => c.AgentId).OnDelete(DeleteBehavior.Cascade);
        agent.HasMany(a => a.Checkpoints).WithOne().HasForeignKey(c => c.AgentId).OnDelete(DeleteBehavior.Cascade);
        agent.HasMany(a => a.Workflows).WithOne().HasForeignKey(w => w.AgentId).OnDelete(DeleteBehavior.Cascade);
        agent.HasIndex(a => new { a.Status, a.Name });
        agent.HasIndex(a => new { a.DepartmentId, a.Name });
        agent.HasIndex(a => a.ToolId);
        agent.HasIndex(a => a.Name);
    }
}

internal sealed class AgentConnectorConfiguration : IEntityTypeConfiguration<AgentConnector>
{
    public void Configure(EntityTypeBuilder<AgentConnector> link)
    {
        link.ToTable("AgentConnectors");
        link.HasKey(l => new { l.AgentId, l.ConnectorId });
        link.HasOne(l => l.Connector).WithMany().HasForeignKey(l => l.ConnectorId).OnDelete(DeleteBehavior.Restrict);
        link.HasIndex(l => l.ConnectorId);
    }
}

internal sealed class AgentCheckpointConfiguration : IEntityTypeConfiguration<AgentCheckpoint>
{
    public void Configure(EntityTypeBuilder<AgentCheckpoint> checkpoint)
    {
        checkpoint.ToTable("AgentCheckpoints");
        checkpoint.HasKey(c => new { c.AgentId, c.Permission });
        checkpoint.Property(c => c.Approver).HasMaxLength(200).IsRequired();
    }
}

internal sealed class AgentWorkflowConfiguration : IEntityTypeConfiguration<AgentWorkflow>
{
    public void Configure(EntityTypeBuilder<AgentWorkflow> link)
    {
        link.ToTable("AgentWorkflows");
        link.HasKey(l => new { l.AgentId, l.WorkflowId });
        link.HasOne<Workflow>().WithMany().HasForeignKey(l => l.WorkflowId).OnDelete(DeleteBehavior.Cascade);
        link.HasIndex(l => l.WorkflowId);
    }
}

internal sealed class ConnectorConfiguration : IEntityTypeConfiguration<Connector>
{
    public void Configure(EntityTypeBuilder<Connector> connector)
    {
        connector.ToTable("Connectors");
        connector.Property(c => c.Name).HasMaxLength(200).IsRequired().UseCollation(Collations.CaseInsensitive);
        connector.Property(c => c.Endpoint).HasMaxLength(500).IsRequired();
        connector.Property(c => c.Vendor).HasMaxLength(200).IsRequired();
        connector.Property(c => c.ToolsExposed).HasMaxLength(4000).IsRequired();
        connector.Property(c => c.Notes).HasMaxLength(4000).IsRequired();
        connector.Property(c => c.PausedReason).HasMaxLength(1000);
        connector.Property(c => c.Version).IsConcurrencyToken();
        connector.HasOne(c => c.DataClassification).WithMany().HasForeignKey(c => c.DataClassificationId).OnDelete(DeleteBehavior.Restrict);
        connector.HasOne<AppUser>().WithMany().HasForeignKey(c => c.OwnerId).OnDelete(DeleteBehavior.SetNull);
        connector.HasIndex(c => c.Name);
    }
}
