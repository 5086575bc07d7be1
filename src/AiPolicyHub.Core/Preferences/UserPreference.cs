namespace AiPolicyHub.Core.Preferences;

/// <summary>One setting a person chose for themselves (the columns of a list), kept on the server so it follows them.</summary>
public class UserPreference
{
    public const int KeyMaxLength = 100;
    public const int ValueMaxLength = 2000;

    public string UserId { get; set; } = "";
    public string Key { get; set; } = "";
    public string Value { get; set; } = "";
}

/// <summary>A named filter of a list, as the query string of its address: opening it is following a link.</summary>
public class SavedView
{
    public const int NameMaxLength = 80;
    public const int ListMaxLength = 40;
    public const int QueryMaxLength = 2000;

    public int Id { get; set; }
    public string UserId { get; set; } = "";
    /// <summary>Which list the view belongs to, e.g. "workflows".</summary>
    public string List { get; set; } = "";
    public string Name { get; set; } = "";
    /// <summary>The query string without the leading "?", e.g. "status=Draft&amp;sort=RiskScore&amp;desc=true".</summary>
    public string Query { get; set; } = "";
}
