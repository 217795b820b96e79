using System.Text.Json;
using Matchmaking.Core.Embeddings;
using Matchmaking.Core.Profiles;

namespace Matchmaking.Core.Storage;

/// <summary>Loads the demo event (data/demo-event.json) and its participants (data/demo-participants.csv).</summary>
public static class DemoEventLoader
{
    public const string EventFile = "demo-event.json";
    public const string ParticipantsFile = "demo-participants.csv";

    /// <summary>Creates the demo event for <paramref name="tenant"/>; throws if the shipped files do not validate.</summary>
    public static async Task<StoredEvent> LoadAsync(string folder, string tenant, EventStore events, ParticipantStore participants, EmbeddingIndex? index = null, CancellationToken cancellationToken = default)
    {
        var errors = new ValidationErrors();
        EventInput input;
        await using (var json = File.OpenRead(Path.Combine(folder, EventFile)))
        {
            input = (await JsonSerializer.DeserializeAsync<EventInput>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web), cancellationToken))!;
        }
        var spec = EventValidator.Validate(input, errors) ?? throw Invalid(EventFile, errors);

        IReadOnlyList<ImportRow> rows;
        await using (var csv = File.OpenRead(Path.Combine(folder, ParticipantsFile)))
        {
            rows = ParticipantCsv.Read(csv, errors);
        }
        var profiles = ParticipantImport.Validate(rows, new ParticipantBounds(SlotPlanner.Plan(spec).Count, spec.Tables), errors);
        if (!errors.IsEmpty)
        {
            throw Invalid(ParticipantsFile, errors);
        }

        var created = await events.CreateAsync(tenant, spec, cancellationToken);
        if (created.Value is null)
        {
            throw new InvalidOperationException($"The demo event could not be created: {created.Detail}");
        }
        await participants.ImportAsync(created.Value.Id, profiles, cancellationToken);
        if (index is not null)
        {
            await index.EnsureAsync(profiles.SelectMany(ProfileVectors.Texts).Append(spec.Topic), cancellationToken: cancellationToken);
        }
        return created.Value;
    }

    private static InvalidOperationException Invalid(string file, ValidationErrors errors) =>
        new($"{file} does not validate: " + string.Join("; ", errors.ToDictionary().Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
}
