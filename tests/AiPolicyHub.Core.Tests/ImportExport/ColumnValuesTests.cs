using System.Text;
using AiPolicyHub.Core.ImportExport;

namespace AiPolicyHub.Core.Tests.ImportExport;

public sealed class ColumnValuesTests
{
    [Fact]
    public void Every_value_of_the_whole_file_is_offered_with_its_row_count_however_late_or_long()
    {
        var longStage = "Operation and maintenance, including monitoring of the system's performance and periodic review " + new string('.', 20);
        var csv = new StringBuilder("id,stage,notes\r\n");
        for (var i = 1; i <= 3_000; i++)
        {
            var value = i <= 2_000 ? "Production" : i <= 2_990 ? "Ideation" : longStage;
            csv.Append($"W-{i},\"{value}\",row {i}\r\n");
        }
        using var file = new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString()));

        var values = InventoryImporter.Values(file, "inventory.csv", new SourceOptions(), ["stage"]);

        var stage = values["stage"];
        Assert.Equal(3, stage.Distinct);
        Assert.Equal([new ColumnValue("Production", 2_000), new ColumnValue("Ideation", 990), new ColumnValue(longStage, 10)], stage.Values);
        Assert.False(values.ContainsKey("notes"));
    }

    [Fact]
    public void Values_differing_only_in_case_and_space_are_one_value_and_the_list_is_capped()
    {
        var csv = "id,stage\r\n1,Pilot\r\n2, pilot \r\n3,PILOT\r\n4,A\r\n5,B\r\n6,C\r\n";
        using var file = new MemoryStream(Encoding.UTF8.GetBytes(csv));

        var stage = InventoryImporter.Values(file, "inventory.csv", new SourceOptions(), ["stage"], maxValuesPerColumn: 2)["stage"];

        Assert.Equal(4, stage.Distinct);
        Assert.Equal(2, stage.Values.Count);
        Assert.Equal(new ColumnValue("Pilot", 3), stage.Values[0]);
    }
}
