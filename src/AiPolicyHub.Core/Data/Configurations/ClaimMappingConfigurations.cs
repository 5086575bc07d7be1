using AiPolicyHub.Core.Identity.SingleSignOn;
using AiPolicyHub.Core.Inventory;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiPolicyHub.Core.Data.Configurations;

internal sealed class ClaimRoleMappingConfiguration : IEntityTypeConfiguration<ClaimRoleMapping>
{
    public void Configure(EntityTypeBuilder<ClaimRoleMapping> mapping)
    {
        // Claim values compare without case (Entra's group ids are GUIDs written either way; people type group names).
        mapping.Property(m => m.ClaimValue).HasMaxLength(ClaimMappings.ClaimValueMaxLength).UseCollation(Providers.SqliteCaseInsensitive).IsRequired();
        mapping.Property(m => m.Role).HasMaxLength(64).IsRequired();
        mapping.HasIndex(m => new { m.ClaimValue, m.Role }).IsUnique();
    }
}

internal sealed class ClaimDepartmentMappingConfiguration : IEntityTypeConfiguration<ClaimDepartmentMapping>
{
    public void Configure(EntityTypeBuilder<ClaimDepartmentMapping> mapping)
    {
        mapping.Property(m => m.ClaimValue).HasMaxLength(ClaimMappings.ClaimValueMaxLength).UseCollation(Providers.SqliteCaseInsensitive).IsRequired();
        mapping.HasIndex(m => m.ClaimValue).IsUnique();
        mapping.HasOne<Department>().WithMany().HasForeignKey(m => m.DepartmentId).OnDelete(DeleteBehavior.Cascade);
    }
}
