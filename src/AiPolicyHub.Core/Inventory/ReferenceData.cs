using AiPolicyHub.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Inventory;

/// <summary>What a new installation starts with: the default classification levels and one department.</summary>
public static class ReferenceData
{
    public const string DefaultDepartment = "General";

    public static async Task EnsureAsync(AppDbContext db, CancellationToken cancellationToken = default)
    {
        if (!await db.ClassificationLevels.AnyAsync(cancellationToken))
        {
            db.ClassificationLevels.AddRange(DataClassificationLevel.Defaults());
        }
        if (!await db.Departments.AnyAsync(cancellationToken))
        {
            db.Departments.Add(new Department { Name = DefaultDepartment });
        }
        await db.SaveChangesAsync(cancellationToken);
    }
}
