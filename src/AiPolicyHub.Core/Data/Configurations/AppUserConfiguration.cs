using AiPolicyHub.Core.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiPolicyHub.Core.Data.Configurations;

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> user)
    {
        user.Property(u => u.DisplayName).HasMaxLength(200).IsRequired();
        // No foreign key: SQLite cannot add one to an existing table without rebuilding it, and departments are not deleted.
        user.HasIndex(u => u.DepartmentId);
    }
}
