using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Requests;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiPolicyHub.Core.Data.Configurations;

internal sealed class UseRequestConfiguration : IEntityTypeConfiguration<UseRequest>
{
    public void Configure(EntityTypeBuilder<UseRequest> request)
    {
        request.ToTable("UseRequests");
        request.Property(r => r.AskedById).HasMaxLength(450).IsRequired();
        request.Property(r => r.AskedByName).HasMaxLength(256).IsRequired();
        request.Property(r => r.ToolName).HasMaxLength(200).IsRequired();
        request.Property(r => r.ToolVendor).HasMaxLength(200).IsRequired();
        request.Property(r => r.TaskDescription).HasMaxLength(200);
        request.Property(r => r.Reason).HasMaxLength(UseRequest.ReasonMaxLength).IsRequired();
        request.Property(r => r.DecisionNote).HasMaxLength(UseRequest.NoteMaxLength).IsRequired();
        request.Property(r => r.DecidedById).HasMaxLength(450);
        request.Property(r => r.DecidedByName).HasMaxLength(256);
        request.Property(r => r.AskedAt).AsUtc();
        request.Property(r => r.DecidedAt).AsUtc();
        request.Property(r => r.Version).IsConcurrencyToken();
        request.HasOne<Department>().WithMany().HasForeignKey(r => r.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        request.HasOne<AiTool>().WithMany().HasForeignKey(r => r.ToolId).OnDelete(DeleteBehavior.Restrict);
        request.HasOne<AiTool>().WithMany().HasForeignKey(r => r.CreatedToolId).OnDelete(DeleteBehavior.Restrict);
        request.HasOne<Workflow>().WithMany().HasForeignKey(r => r.WorkflowId).OnDelete(DeleteBehavior.Restrict);
        request.HasOne<DataClassificationLevel>().WithMany().HasForeignKey(r => r.ClassificationId).OnDelete(DeleteBehavior.Restrict);
        request.HasIndex(r => new { r.AskedById, r.AskedAt });
        request.HasIndex(r => new { r.Status, r.DepartmentId });
    }
}
