namespace AiPolicyHub.Core.Rules.BuiltIn;

/// <summary>Parameter checks several rules share.</summary>
internal static class RuleChecks
{
    public static IReadOnlyList<string> Audiences(int value) =>
        value == 0 ? ["Choose at least one audience, or turn the rule off."]
        : (value & ~(int)AudienceSetExtensions.All) != 0 ? ["Choose audiences from the list."]
        : [];

    public static IReadOnlyList<string> Range(int value, int min, int max, string what) =>
        value < min || value > max ? [$"{what} must be between {min} and {max}."] : [];

    public static IReadOnlyList<string> YesNo(int value, string what) =>
        value is 0 or 1 ? [] : [$"{what} must be yes (1) or no (0)."];

    public static IReadOnlyList<string> Level(int rank, ClassificationScale scale, string what) =>
        scale.Contains(rank) ? [] : [$"{what} must be one of the classification levels ({scale.Lowest.Name} to {scale.Highest.Name})."];
}
