using System.Globalization;
using CsvHelper;

namespace Matchmaking.Core.Profiles;

/// <summary>One participant read from an import, with the label that error messages use for it.</summary>
public sealed record ImportRow(string Label, ParticipantInput Input);

/// <summary>Reads participants from the import CSV format: header = the JSON field names, list values separated by ';'.</summary>
public static class ParticipantCsv
{
    public static readonly IReadOnlyList<string> Columns =
    [
        "externalId", "organization", "contactName", "email", "role", "sector", "country", "languages",
        "offers", "needs", "description", "tags", "unavailableSlots", "maxMeetings", "hostTable",
    ];

    private const char ListSeparator = ';';

    /// <summary>Reads every row; problems are added to <paramref name="errors"/> as <c>line N.field</c>.</summary>
    public static IReadOnlyList<ImportRow> Read(Stream csv, ValidationErrors errors, int maxRows = ProfileLimits.MaxImportRows)
    {
        var rows = new List<ImportRow>();
        var options = new CsvReaderOptions
        {
            Separator = ',',
            TrimWhitespace = true,
            TrackLineNumbers = true,
            MalformedData = CsvMalformedDataHandling.Throw,
            MaxRecordSize = 1 << 20,
        };
        using var reader = CsvReader.Create(csv, options, leaveOpen: true);
        try
        {
            var columns = MapHeader(reader, errors);
            if (columns is null)
            {
                return rows;
            }
            while (reader.Read())
            {
                if (rows.Count == maxRows)
                {
                    errors.Add("body", $"At most {maxRows} participants in one import.");
                    break;
                }
                var label = $"line {reader.LineNumber}";
                rows.Add(new ImportRow(label, ReadRow(reader, columns, $"{label}.", errors)));
            }
        }
        catch (CsvFormatException e)
        {
            errors.Add(e.LineNumber > 0 ? $"line {e.LineNumber}" : "body", $"Malformed CSV: {e.Message}");
        }
        return rows;
    }

    private static Dictionary<string, int>? MapHeader(CsvReader reader, ValidationErrors errors)
    {
        reader.ReadHeader();
        var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var headers = reader.Headers;
        for (var i = 0; i < headers.Count; i++)
        {
            var name = headers[i].Trim();
            var known = Columns.FirstOrDefault(c => c.Equals(name, StringComparison.OrdinalIgnoreCase));
            if (known is null)
            {
                errors.Add("header", $"Unknown column '{name}'. Columns: {string.Join(", ", Columns)}.");
            }
            else if (!columns.TryAdd(known, i))
            {
                errors.Add("header", $"Column '{name}' appears twice.");
            }
        }
        if (headers.Count == 0)
        {
            errors.Add("header", $"The first line must name the columns: {string.Join(", ", Columns)}.");
        }
        return errors.IsEmpty ? columns : null;
    }

    private static ParticipantInput ReadRow(CsvReader reader, Dictionary<string, int> columns, string prefix, ValidationErrors errors)
    {
        string? Field(string name) =>
            columns.TryGetValue(name, out var i) && i < reader.FieldCount && reader.GetString(i) is { Length: > 0 } value ? value : null;

        IReadOnlyList<string?>? List(string name) => Field(name)?.Split(ListSeparator, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

        int? Number(string name)
        {
            var text = Field(name);
            if (text is null)
            {
                return null;
            }
            if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }
            errors.Add(prefix + name, $"'{text}' is not a whole number.");
            return null;
        }

        IReadOnlyList<int>? Numbers(string name)
        {
            var items = List(name);
            if (items is null)
            {
                return null;
            }
            var numbers = new List<int>(items.Count);
            foreach (var item in items)
            {
                if (int.TryParse(item, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
                {
                    numbers.Add(value);
                }
                else
                {
                    errors.Add(prefix + name, $"'{item}' is not a slot index.");
                }
            }
            return numbers;
        }

        return new ParticipantInput(
            Field("externalId"), Field("organization"), Field("contactName"), Field("email"), Field("role"),
            Field("sector"), Field("country"), List("languages"), Field("offers"), Field("needs"), Field("description"),
            List("tags"), Numbers("unavailableSlots"), Number("maxMeetings"), Number("hostTable"));
    }
}
