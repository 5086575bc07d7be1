using AiPolicyHub.Core.Obligations;

namespace AiPolicyHub.Core.Tests.Obligations;

public sealed class ObligationTableTests
{
    [Fact]
    public void The_shipped_table_carries_the_Digital_Omnibus_dates_with_their_sources()
    {
        var table = ObligationTable.BuiltIn;
        DateOnly From(string code) => table.Obligations.Single(o => o.Code == code).AppliesFrom;

        Assert.Equal(new DateOnly(2025, 2, 2), From("LITERACY"));
        Assert.Equal(new DateOnly(2025, 2, 2), From("PROHIBITED"));
        Assert.Equal(new DateOnly(2026, 8, 2), From("T-INTERACTION"));
        Assert.Equal(new DateOnly(2027, 12, 2), From("D-MONITOR"));
        Assert.Equal(new DateOnly(2027, 12, 2), From("D-FRIA"));
        Assert.Equal(new DateOnly(2028, 8, 2), From("D-ANNEX-I"));
        Assert.All(table.Obligations.Where(o => o.Scope is ObligationScope.HighRiskAnnexIII or ObligationScope.HighRiskAnnexI or ObligationScope.Fria),
            o => Assert.Equal("digital-omnibus-ai", o.SourceId));
        Assert.All(table.Obligations, o => Assert.NotNull(table.Source(o.SourceId)));
        Assert.Contains("COM(2025) 836", table.Source("digital-omnibus-ai")!.Title);
        // Every role has something to do under Annex III, and the provider, importer and distributor articles are there.
        Assert.All(Enum.GetValues<OperatorRole>(), role => Assert.Contains(table.Obligations, o => o.Scope == ObligationScope.HighRiskAnnexIII && o.Roles.Contains(role)));
        Assert.All(new[] { "Art. 16", "Art. 23", "Art. 24", "Art. 26(5)", "Art. 27", "Art. 43", "Art. 49", "Art. 72", "Art. 73" },
            article => Assert.Contains(table.Obligations, o => o.Article == article));
    }

    [Fact]
    public void A_table_with_mistakes_is_refused_with_each_mistake_and_where_it_is()
    {
        const string json = """
            {
              "title": "Broken",
              "edition": "2026-13-01",
              "sources": [ { "id": "act", "title": "The Act", "url": "http://example.org" } ],
              "obligations": [
                { "code": "ok-lower", "title": "A", "article": "Art. 4", "roles": ["deployer"], "scope": "all", "appliesFrom": "2025-02-02", "source": "act" },
                { "code": "TWO", "title": "B", "article": "Art. 5", "roles": ["ruler"], "scope": "everything", "appliesFrom": "2025/02/02", "source": "nowhere" }
              ]
            }
            """;

        var errors = ObligationTable.Parse(json).Errors;

        Assert.Contains("edition: a date as YYYY-MM-DD is required.", errors);
        Assert.Contains("sources[0].url: give an https address.", errors);
        Assert.Contains(errors, e => e.StartsWith("obligations[0].code: use capital letters", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("obligations[1].roles[0]: a role is one of provider, deployer", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("obligations[1].scope: one of all, prohibited", StringComparison.Ordinal));
        Assert.Contains("obligations[1].appliesFrom: a date as YYYY-MM-DD is required.", errors);
        Assert.Contains("obligations[1].source: “nowhere” is not one of the sources listed under “sources”.", errors);
    }

    [Theory]
    [InlineData("not json at all", "This is not valid JSON")]
    [InlineData("[1, 2]", "The file must hold one JSON object")]
    [InlineData("""{"title": "T", "edition": "2026-01-01", "sources": [], "obligations": []}""", "obligations: list at least one obligation.")]
    public void Something_that_is_not_a_table_is_refused_with_a_message(string json, string message) =>
        Assert.StartsWith(message, Assert.Single(ObligationTable.Parse(json).Errors), StringComparison.Ordinal);

    [Fact]
    public void The_shipped_json_reads_back_as_the_same_table() =>
        Assert.Equal(ObligationTable.BuiltIn.Obligations.Count, ObligationTable.Parse(ObligationTable.BuiltInJson).Value!.Obligations.Count);
}
