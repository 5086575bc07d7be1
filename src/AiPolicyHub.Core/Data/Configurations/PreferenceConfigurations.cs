using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Preferences;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiPolicyHub.Core.Data.Configurations;

internal sealed class UserPreferenceConfiguration : IEntityTypeConfiguration<UserPreference>
{
    public void Configure(EntityTypeBuilder<UserPreference> preference)
    {
        preference.ToTable("UserPreferences");
        preference.HasKey(p => new { p.UserId, p.Key });
        preference.Property(p => p.UserId).HasMaxLength(450);
        preference.Property(p => p.Key).HasMaxLength(UserPreference.KeyMaxLength);
        preference.Property(p => p.Value).HasMaxLength(UserPreference.ValueMaxLength).IsRequired();
        preference.HasOne<AppUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SavedViewConfiguration : IEntityTypeConfiguration<SavedView>
{
    public void Configure(EntityTypeBuilder<SavedView> view)
    {
        view.ToTable("SavedViews");
        view.Property(v => v.UserId).HasMaxLength(450).IsRequired();
        view.Property(v => v.List).HasMaxLength(SavedView.ListMaxLength).IsRequired();
        view.Property(v => v.Name).HasMaxLength(SavedView.NameMaxLength).IsRequired();
        view.Property(v => v.Query).HasMaxLength(SavedView.QueryMaxLength).IsRequired();
        view.HasOne<AppUser>().WithMany().HasForeignKey(v => v.UserId).OnDelete(DeleteBehavior.Cascade);
        // A person's views of a list, by name: saving under a name that exists replaces that view.
        view.HasIndex(v => new { v.UserId, v.List, v.Name }).IsUnique();
    }
}
