using AiPolicyHub.Core.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiPolicyHub.Core.Data.Configurations;

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> token)
    {
        token.ToTable("ApiTokens");
        token.Property(t => t.UserId).HasMaxLength(450).IsRequired();
        token.Property(t => t.Name).HasMaxLength(ApiTokens.NameMaxLength).IsRequired();
        token.Property(t => t.SecretHash).HasMaxLength(64).IsRequired();
        token.Property(t => t.Hint).HasMaxLength(20).IsRequired();
        token.Property(t => t.RevokedByName).HasMaxLength(256);
        token.Property(t => t.CreatedAt).HasConversion(at => at, at => DateTime.SpecifyKind(at, DateTimeKind.Utc));
        token.Property(t => t.ExpiresAt).HasConversion(at => at, at => DateTime.SpecifyKind(at, DateTimeKind.Utc));
        token.Property(t => t.LastUsedAt).HasConversion(at => at, at => at == null ? null : DateTime.SpecifyKind(at.Value, DateTimeKind.Utc));
        token.Property(t => t.RevokedAt).HasConversion(at => at, at => at == null ? null : DateTime.SpecifyKind(at.Value, DateTimeKind.Utc));
        token.HasOne<AppUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        // Every API call looks its token up by hash.
        token.HasIndex(t => t.SecretHash).IsUnique();
        token.HasIndex(t => t.UserId);
    }
}
