using System.Text.Json;
using System.Text.Json.Serialization;

namespace AiPolicyHub.Core.ImportExport;

/// <summary>A mapping saved under a name, so the next file of the same kind imports in one step.</summary>
public class ImportPreset
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public ImportTarget Target { get; set; }
    public string MappingJson { get; set; } = "{}";
    public string SavedBy { get; set; } = "";
    public DateTime SavedAt { get; set; }

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public ImportMapping Mapping() => JsonSerializer.Deserialize<ImportMapping>(MappingJson, Json) ?? new ImportMapping();

    public static string Serialize(ImportMapping mapping) => JsonSerializer.Serialize(mapping, Json);
}
