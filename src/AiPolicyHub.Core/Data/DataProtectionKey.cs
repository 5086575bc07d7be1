namespace AiPolicyHub.Core.Data;

/// <summary>
/// One ASP.NET Core data-protection key, stored in the database so that every app instance
/// shares the keys that protect cookies and antiforgery tokens.
/// </summary>
public class DataProtectionKey
{
    public int Id { get; set; }
    public string FriendlyName { get; set; } = "";
    public string Xml { get; set; } = "";
}
