using System.Text;
using AiPolicyHub.Core.Inventory;

namespace AiPolicyHub.Core.Rules;

/// <summary>Small helpers for the sentences rules write. Only called when a rule has found something.</summary>
internal static class RuleText
{
    /// <summary>“A”, “A and B”, “A, B and C”.</summary>
    public static string List(IReadOnlyList<string> items)
    {
        switch (items.Count)
        {
            case 0: return "";
            case 1: return items[0];
            case 2: return $"{items[0]} and {items[1]}";
        }
        var text = new StringBuilder();
        for (var i = 0; i < items.Count; i++)
        {
            text.Append(items[i]);
            text.Append(i < items.Count - 2 ? ", " : i == items.Count - 2 ? " and " : "");
        }
        return text.ToString();
    }

    public static string Quoted(string name) => $"“{name}”";

    /// <summary>An enum's words in the middle of a sentence: “Customer-facing” becomes “customer-facing”.</summary>
    public static string Lower<T>(T value) where T : struct, Enum
    {
        var text = EnumText.Of(value);
        return text.Length > 1 && char.IsUpper(text[0]) && !char.IsUpper(text[1])
            ? char.ToLowerInvariant(text[0]) + text[1..]
            : text;
    }

    public static string Percent(int value) => $"{value} %";

    public const PeopleImpact AllPeopleAreas = PeopleImpact.Hiring | PeopleImpact.Lending | PeopleImpact.Insurance
        | PeopleImpact.Health | PeopleImpact.Education | PeopleImpact.Legal | PeopleImpact.EssentialServices;

    /// <summary>“hiring and lending”; every area at once (the staff checker's “decides about people”) reads as plain words.</summary>
    public static string PeopleAreas(PeopleImpact impact) =>
        (impact & AllPeopleAreas) == AllPeopleAreas
            ? "people's rights or opportunities"
            : List([.. EnumText.Flags(impact).Select(Lower)]);
}
