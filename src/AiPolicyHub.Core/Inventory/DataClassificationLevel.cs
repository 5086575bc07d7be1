namespace AiPolicyHub.Core.Inventory;

/// <summary>One step of the organisation's ordered data classification (default Public &lt; Internal &lt; Confidential &lt; Restricted).</summary>
public class DataClassificationLevel
{
    public int Id { get; set; }

    /// <summary>Position in the order: a higher rank is more sensitive.</summary>
    public int Rank { get; set; }

    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public string Examples { get; set; } = "";

    public static IReadOnlyList<DataClassificationLevel> Defaults() =>
    [
        new() { Rank = 1, Name = "Public", Description = "Meant for anyone; publishing it does no harm.",
            Examples = "Published marketing copy, press releases, public documentation" },
        new() { Rank = 2, Name = "Internal", Description = "For employees; disclosure would be awkward, not damaging.",
            Examples = "Internal announcements, meeting notes without personal details, process descriptions" },
        new() { Rank = 3, Name = "Confidential", Description = "For those who need it; disclosure would harm the business or people.",
            Examples = "Customer records, contracts, unreleased financials, source code" },
        new() { Rank = 4, Name = "Restricted", Description = "The most sensitive; disclosure would cause serious harm or break the law.",
            Examples = "Health or other special-category data, credentials and keys, merger plans" },
    ];
}
