using System.Reflection;

namespace AiPolicyHub.Core.Tests.Data;

/// <summary>
/// Enums are stored as their numbers (notifications, audit actions, statuses): two names with one number would read back
/// as whichever comes first, so a notification of one kind would show as another. Features added on separate branches
/// pick numbers apart; this catches two that picked the same.
/// </summary>
public sealed class StoredEnumNumbersTests
{
    [Fact]
    public void Every_name_of_a_core_enum_has_a_number_of_its_own()
    {
        var shared = typeof(AiPolicyHub.Core.Result).Assembly.GetTypes()
            .Where(t => t.IsEnum && t.GetCustomAttribute<FlagsAttribute>() is null)
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static)
                .GroupBy(f => Convert.ToInt64(f.GetRawConstantValue()))
                .Where(g => g.Count() > 1)
                .Select(g => $"{t.Name}: {string.Join(" and ", g.Select(f => f.Name))} are both {g.Key}"))
            .ToList();

        Assert.Empty(shared);
    }
}
