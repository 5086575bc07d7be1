using AiPolicyHub.Core.ImportExport;

namespace AiPolicyHub.Core.Tests.ImportExport;

/// <summary>What the wizard's mapping decides before a row is read.</summary>
public sealed class ImportDraftTests
{
    [Fact]
    public void Only_sure_suggestions_are_taken_and_never_over_a_column_already_chosen()
    {
        var draft = new ImportDraft();
        draft[ImportFieldKey.Purpose].Column = "what it does";

        draft.TakeSuggestions(
        [
            new ColumnSuggestion(ImportFieldKey.Name, "name", SuggestionConfidence.High, [], ""),
            new ColumnSuggestion(ImportFieldKey.Owner, "contact email", SuggestionConfidence.Low, [], ""),
            new ColumnSuggestion(ImportFieldKey.Purpose, "description", SuggestionConfidence.High, [], ""),
        ]);

        var fields = draft.ToMapping().Fields.ToDictionary(f => f.Field, f => f.Columns.Single());
        Assert.Equal("name", fields[ImportFieldKey.Name]);
        Assert.Equal("what it does", fields[ImportFieldKey.Purpose]);
        Assert.False(fields.ContainsKey(ImportFieldKey.Owner));
    }

    [Fact]
    public void A_multi_choice_field_can_map_a_value_to_None_and_a_single_choice_field_cannot()
    {
        Assert.Contains(ImportDraft.None, ImportDraft.Targets(ImportFields.Get(ImportTarget.Workflows, ImportFieldKey.AffectsPeople)));
        Assert.DoesNotContain(ImportDraft.None, ImportDraft.Targets(ImportFields.Get(ImportTarget.Workflows, ImportFieldKey.Stage)));
    }

    [Fact]
    public void Map_all_remaining_leaves_mapped_values_and_values_that_already_are_choices_alone()
    {
        var draft = new ImportDraft();
        draft[ImportFieldKey.Stage].MapValue("Ideation", "Idea");

        var mapped = draft.MapRemaining(ImportFieldKey.Stage,
            [new("Ideation", 500), new("Production", 40), new("In gebruik", 12), new("Concept", 3)], "Pilot");

        Assert.Equal(2, mapped);
        var values = draft[ImportFieldKey.Stage].Values;
        Assert.Equal(("Idea", "Pilot", "Pilot"), (values["ideation"], values["In gebruik"], values["Concept"]));
        Assert.False(values.ContainsKey("Production"));
    }

    [Fact]
    public void The_key_columns_go_into_the_mapping_only_for_a_key_made_of_columns()
    {
        var draft = new ImportDraft { KeyColumns = ["agency", "number"] };

        Assert.Empty(draft.ToMapping().KeyColumns);
        draft.Match = ImportMatch.Fingerprint;
        Assert.Equal(["agency", "number"], draft.ToMapping().KeyColumns);
    }
}
