using System.Text.Json;

namespace AiPolicyHub.Core.ImportExport.Reading;

/// <summary>
/// A JSON array of objects — the whole document, or the array under a chosen property of the top-level object
/// (e.g. <c>{"algoritmes": [...]}</c>). Records are parsed one at a time from a small buffer, never the whole file.
/// The columns are the property names of the first records.
/// </summary>
public sealed class JsonTableReader : TableReader
{
    private const int MaxRecordBytes = 16 * 1024 * 1024;
    private readonly Stream stream;
    private readonly string? property;
    private readonly long length;
    private long consumed;
    private List<string> columns = [];

    public JsonTableReader(Stream seekable, string? property)
    {
        stream = seekable;
        length = seekable.Length;
        this.property = string.IsNullOrWhiteSpace(property) ? null : property.Trim();
    }

    public override double? Progress => length == 0 ? null : (double)consumed / length;

    protected override IEnumerable<TableRow> ReadRawRows()
    {
        var number = 1;
        var columnIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var first = new List<JsonElement>();
        var enumerator = Records().GetEnumerator();
        // The first records name the columns (row 1 is the "header" made of their property names).
        while (first.Count < 50 && enumerator.MoveNext())
        {
            first.Add(enumerator.Current);
            foreach (var p in Properties(enumerator.Current))
            {
                if (columnIndex.TryAdd(p.Name, columnIndex.Count)) columns.Add(p.Name);
            }
        }
        if (first.Count == 0)
        {
            throw new ImportFileException("The JSON array is empty: there are no records to import.");
        }
        yield return new TableRow(number, [.. columns]);
        foreach (var record in first)
        {
            yield return Row(++number, record, columnIndex);
        }
        while (enumerator.MoveNext())
        {
            yield return Row(++number, enumerator.Current, columnIndex);
        }
    }

    private static IEnumerable<JsonProperty> Properties(JsonElement record) =>
        record.ValueKind == JsonValueKind.Object ? record.EnumerateObject() : [];

    private TableRow Row(int number, JsonElement record, Dictionary<string, int> columnIndex)
    {
        if (record.ValueKind != JsonValueKind.Object)
        {
            return new TableRow(number, new string[columns.Count].Select(_ => "").ToArray(), $"Record {number - 1} is not an object but {record.ValueKind.ToString().ToLowerInvariant()}.");
        }
        var cells = new string[columns.Count];
        Array.Fill(cells, "");
        foreach (var p in record.EnumerateObject())
        {
            if (columnIndex.TryGetValue(p.Name, out var i))
            {
                cells[i] = Text(p.Value);
            }
        }
        return new TableRow(number, cells);
    }

    private static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? "",
        JsonValueKind.Null or JsonValueKind.Undefined => "",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Array when value.EnumerateArray().All(e => e.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array)) =>
            string.Join(", ", value.EnumerateArray().Select(Text)),
        _ => value.GetRawText(),
    };

    /// <summary>The array's elements, parsed one at a time; the buffer grows only to the size of the largest record.</summary>
    private IEnumerable<JsonElement> Records()
    {
        var buffer = new byte[64 * 1024];
        var filled = 0;
        var final = false;
        var firstRead = true;
        var state = new JsonReaderState(new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var arrayDepth = -1;
        string? lastProperty = null;
        var parsed = new List<JsonElement>();

        while (true)
        {
            // Fill the buffer (growing it when one token or record does not fit).
            if (filled == buffer.Length)
            {
                if (buffer.Length >= MaxRecordBytes)
                {
                    throw new ImportFileException($"A record in the JSON file is larger than {MaxRecordBytes / 1024 / 1024} MB.");
                }
                Array.Resize(ref buffer, buffer.Length * 2);
            }
            if (!final)
            {
                var n = stream.ReadAtLeast(buffer.AsSpan(filled), buffer.Length - filled, throwOnEndOfStream: false);
                final = filled + n < buffer.Length;
                filled += n;
                if (firstRead && filled >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF)
                {
                    Shift(buffer, ref filled, 3);
                }
                firstRead = false;
            }

            var done = false;
            int used;
            try
            {
                var reader = new Utf8JsonReader(buffer.AsSpan(0, filled), final, state);
                while (true)
                {
                    var before = reader.CurrentState;
                    var beforeConsumed = reader.BytesConsumed;
                    if (!reader.Read())
                    {
                        state = reader.CurrentState;
                        used = (int)reader.BytesConsumed;
                        break;
                    }
                    if (arrayDepth < 0)
                    {
                        if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1)
                        {
                            lastProperty = reader.GetString();
                            continue;
                        }
                        if (reader.TokenType == JsonTokenType.StartArray
                            && (reader.CurrentDepth == 0 && property is null || reader.CurrentDepth == 1 && (property is null || lastProperty == property)))
                        {
                            arrayDepth = reader.CurrentDepth;
                            continue;
                        }
                        if (reader.CurrentDepth == 0 && reader.TokenType is not (JsonTokenType.StartArray or JsonTokenType.StartObject or JsonTokenType.EndObject))
                        {
                            throw new ImportFileException("The JSON file holds a single value, not a list of records.");
                        }
                        if (reader.CurrentDepth >= 1 && reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                        {
                            // The value of another property: skip it whole, or come back when more of it is read.
                            var probe = reader;
                            if (!probe.TrySkip())
                            {
                                state = before;
                                used = (int)beforeConsumed;
                                break;
                            }
                            reader.Skip();
                        }
                        continue;
                    }
                    if (reader.TokenType == JsonTokenType.EndArray && reader.CurrentDepth == arrayDepth)
                    {
                        done = true;
                        used = (int)reader.BytesConsumed;
                        break;
                    }
                    if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                    {
                        var probe = reader;
                        if (!probe.TrySkip())
                        {
                            state = before;
                            used = (int)beforeConsumed;
                            break;
                        }
                    }
                    parsed.Add(JsonElement.ParseValue(ref reader));
                }
            }
            catch (JsonException ex)
            {
                throw new ImportFileException($"The file is not valid JSON near line {ex.LineNumber + 1:N0}: it may be cut off or damaged.");
            }
            Shift(buffer, ref filled, used);
            consumed += used;
            foreach (var element in parsed)
            {
                yield return element;
            }
            parsed.Clear();
            if (done)
            {
                yield break;
            }
            if (final && used == 0)
            {
                if (arrayDepth < 0)
                {
                    throw new ImportFileException(property is null
                        ? "The JSON file has no list of records. If the list sits under a property, name that property."
                        : $"The JSON file has no list under \"{property}\".");
                }
                throw new ImportFileException("The JSON file ends before its list of records is closed: it may be cut off.");
            }
        }
    }

    private static void Shift(byte[] buffer, ref int filled, int used)
    {
        Buffer.BlockCopy(buffer, used, buffer, 0, filled - used);
        filled -= used;
    }
}
