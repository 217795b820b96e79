using System.Text.Json;

namespace Matchmaking.Core.Profiles;

/// <summary>Turns the rows of an import (CSV or JSON) into profiles, naming every bad row and field.</summary>
public static class ParticipantImport
{
    /// <summary>Parses a JSON array of participants from a stream; see <see cref="ReadJson"/>.</summary>
    public static async Task<IReadOnlyList<ImportRow>> ReadJsonAsync(Stream json, JsonSerializerOptions options, ValidationErrors errors, CancellationToken cancellationToken = default)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(json, new JsonDocumentOptions { MaxDepth = 16 }, cancellationToken);
        }
        catch (JsonException e)
        {
            errors.Add("body", JsonPath.Describe(e));
            return [];
        }
        using (document)
        {
            return ReadJson(document, options, errors);
        }
    }

    /// <summary>Reads a JSON array of participants; each item is read on its own so every bad one is reported.</summary>
    public static IReadOnlyList<ImportRow> ReadJson(JsonDocument document, JsonSerializerOptions options, ValidationErrors errors, int maxRows = ProfileLimits.MaxImportRows)
    {
        var rows = new List<ImportRow>();
        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            errors.Add("body", "Expected a JSON array of participants.");
            return rows;
        }
        if (document.RootElement.GetArrayLength() > maxRows)
        {
            errors.Add("body", $"At most {maxRows} participants in one import.");
            return rows;
        }
        var index = 0;
        foreach (var item in document.RootElement.EnumerateArray())
        {
            var label = $"[{index++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                errors.Add(label, "Expected a participant object.");
                continue;
            }
            try
            {
                rows.Add(new ImportRow(label, item.Deserialize<ParticipantInput>(options)!));
            }
            catch (JsonException e)
            {
                errors.Add(label + JsonPath.ToField(e.Path), JsonPath.Describe(e));
            }
        }
        return rows;
    }

    /// <summary>Validates every row against the event and checks that no two rows are the same participant.</summary>
    public static IReadOnlyList<ParticipantProfile> Validate(IReadOnlyList<ImportRow> rows, ParticipantBounds bounds, ValidationErrors errors)
    {
        var profiles = new List<ParticipantProfile>(rows.Count);
        var externalIds = new Dictionary<string, string>(StringComparer.Ordinal);
        var emails = new Dictionary<string, (string Label, bool HasExternalId)>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in rows)
        {
            if (ParticipantValidator.Validate(row.Input, bounds, errors, row.Label + ".") is not { } profile)
            {
                continue;
            }
            profiles.Add(profile);
            if (profile.ExternalId is { } externalId && !externalIds.TryAdd(externalId, row.Label))
            {
                errors.Add(row.Label + ".externalId", $"Same externalId as {externalIds[externalId]}.");
            }
            // Without an externalId a participant is known by its e-mail, which must then be unique in the file.
            if (profile.Email is { } email)
            {
                if (emails.TryGetValue(email, out var first) && (profile.ExternalId is null || !first.HasExternalId))
                {
                    errors.Add(row.Label + ".email", $"Same e-mail as {first.Label}, and one of them has no externalId to tell them apart.");
                }
                else
                {
                    emails.TryAdd(email, (row.Label, profile.ExternalId is not null));
                }
            }
        }
        return profiles;
    }
}

/// <summary>Turns System.Text.Json error paths into field names.</summary>
public static class JsonPath
{
    /// <summary><c>$.sessions[0].start</c> becomes <c>.sessions[0].start</c>; <c>$</c> or null becomes empty.</summary>
    public static string ToField(string? path) =>
        path is null or "$" ? "" : path.StartsWith("$.", StringComparison.Ordinal) || path.StartsWith("$[", StringComparison.Ordinal) ? path[1..] : "." + path;

    /// <summary>A message for the caller, without .NET type names.</summary>
    public static string Describe(JsonException exception)
    {
        if (exception.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal))
        {
            return "The value has the wrong type for this field (text, number, true/false or list).";
        }
        var message = exception.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return "Malformed JSON: " + (cut > 0 ? message[..cut] : message);
    }
}
