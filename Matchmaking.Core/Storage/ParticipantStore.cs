using System.Text.Json;
using Dapper;
using Matchmaking.Core.Profiles;
using Microsoft.Data.Sqlite;

namespace Matchmaking.Core.Storage;

/// <summary>A participant as stored, with its id and timestamps.</summary>
public sealed record StoredParticipant(long Id, long EventId, ParticipantProfile Profile, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>One page of a list and the total number of items.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int Total);

/// <summary>What an import did to one row: the participant's id and whether it was new.</summary>
public sealed record ImportedParticipant(long Id, string? ExternalId, string? Email, bool Created);

/// <summary>Reads and writes the participants of one event. Callers check the event's tenant first.</summary>
public sealed class ParticipantStore(MatchmakingDatabase database, TimeProvider time)
{
    private const string Columns =
        "id, event_id, external_id, organization, contact_name, email, role, sector, country, languages, offers, needs, description, " +
        "tags, unavailable_slots, max_meetings, host_table, created_at, updated_at";

    private const string InsertSql =
        """
        INSERT INTO participants (event_id, external_id, organization, contact_name, email, role, sector, country, languages, offers,
                                  needs, description, tags, unavailable_slots, max_meetings, host_table, created_at, updated_at)
        VALUES (@EventId, @ExternalId, @Organization, @ContactName, @Email, @Role, @Sector, @Country, @Languages, @Offers,
                @Needs, @Description, @Tags, @UnavailableSlots, @MaxMeetings, @HostTable, @Now, @Now)
        RETURNING id
        """;

    private const string UpdateSql =
        """
        UPDATE participants SET external_id = @ExternalId, organization = @Organization, contact_name = @ContactName, email = @Email,
            role = @Role, sector = @Sector, country = @Country, languages = @Languages, offers = @Offers, needs = @Needs,
            description = @Description, tags = @Tags, unavailable_slots = @UnavailableSlots, max_meetings = @MaxMeetings,
            host_table = @HostTable, updated_at = @Now
        WHERE id = @Id AND event_id = @EventId
        """;

    public Task<Page<StoredParticipant>> ListAsync(long eventId, int page, int pageSize, CancellationToken cancellationToken = default) =>
        database.ReadAsync(async connection =>
        {
            var total = await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM participants WHERE event_id = @eventId", new { eventId });
            var rows = await connection.QueryAsync<ParticipantRow>(
                $"SELECT {Columns} FROM participants WHERE event_id = @eventId ORDER BY id LIMIT @pageSize OFFSET @skip",
                new { eventId, pageSize, skip = (long)(page - 1) * pageSize });
            return new Page<StoredParticipant>(rows.Select(r => r.ToStored()).ToList(), total);
        }, cancellationToken);

    /// <summary>Every participant of the event, in id order.</summary>
    public Task<IReadOnlyList<StoredParticipant>> ListAllAsync(long eventId, CancellationToken cancellationToken = default) =>
        database.ReadAsync<IReadOnlyList<StoredParticipant>>(async connection =>
            (await connection.QueryAsync<ParticipantRow>($"SELECT {Columns} FROM participants WHERE event_id = @eventId ORDER BY id", new { eventId }))
                .Select(r => r.ToStored()).ToList(), cancellationToken);

    public Task<StoredParticipant?> GetAsync(long eventId, long id, CancellationToken cancellationToken = default) =>
        database.ReadAsync(connection => FindAsync(connection, null, eventId, id), cancellationToken);

    public Task<WriteResult<StoredParticipant>> CreateAsync(long eventId, ParticipantProfile profile, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            var identities = await IdentityIndex.LoadAsync(connection, transaction, eventId);
            if (identities.Find(profile) is { } existing)
            {
                return WriteResult<StoredParticipant>.Duplicate(DuplicateMessage(profile, existing));
            }
            var id = await connection.ExecuteScalarAsync<long>(InsertSql, Parameters(eventId, profile, Now()), transaction);
            await BumpRevisionAsync(connection, transaction, eventId);
            return WriteResult<StoredParticipant>.Done((await FindAsync(connection, transaction, eventId, id))!);
        }, cancellationToken);

    public Task<WriteResult<StoredParticipant>> UpdateAsync(long eventId, long id, ParticipantProfile profile, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            if (await FindAsync(connection, transaction, eventId, id) is null)
            {
                return WriteResult<StoredParticipant>.NotFound();
            }
            var identities = await IdentityIndex.LoadAsync(connection, transaction, eventId);
            if (identities.Find(profile) is { } other && other != id)
            {
                return WriteResult<StoredParticipant>.Duplicate(DuplicateMessage(profile, other));
            }
            await connection.ExecuteAsync(UpdateSql, Parameters(eventId, profile, Now(), id), transaction);
            await BumpRevisionAsync(connection, transaction, eventId);
            return WriteResult<StoredParticipant>.Done((await FindAsync(connection, transaction, eventId, id))!);
        }, cancellationToken);

    public Task<bool> DeleteAsync(long eventId, long id, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            var deleted = await connection.ExecuteAsync("DELETE FROM participants WHERE id = @id AND event_id = @eventId", new { id, eventId }, transaction) > 0;
            if (deleted)
            {
                await BumpRevisionAsync(connection, transaction, eventId);
            }
            return deleted;
        }, cancellationToken);

    /// <summary>
    /// Adds or updates every profile in one transaction. A profile updates the participant with the same externalId,
    /// or, failing that, the one without externalId that has the same e-mail; otherwise it is added.
    /// Profiles must not share an identity among themselves (see <see cref="ParticipantImport"/>).
    /// </summary>
    public Task<IReadOnlyList<ImportedParticipant>> ImportAsync(long eventId, IReadOnlyList<ParticipantProfile> profiles, CancellationToken cancellationToken = default) =>
        database.WriteAsync<IReadOnlyList<ImportedParticipant>>(async (connection, transaction) =>
        {
            var identities = await IdentityIndex.LoadAsync(connection, transaction, eventId);
            var now = Now();
            var results = new List<ImportedParticipant>(profiles.Count);
            foreach (var profile in profiles)
            {
                var parameters = Parameters(eventId, profile, now, identities.Find(profile) ?? 0);
                if (parameters.Id != 0)
                {
                    await connection.ExecuteAsync(UpdateSql, parameters, transaction);
                    results.Add(new ImportedParticipant(parameters.Id, profile.ExternalId, profile.Email, Created: false));
                }
                else
                {
                    var id = await connection.ExecuteScalarAsync<long>(InsertSql, parameters, transaction);
                    results.Add(new ImportedParticipant(id, profile.ExternalId, profile.Email, Created: true));
                }
            }
            await BumpRevisionAsync(connection, transaction, eventId);
            return results;
        }, cancellationToken);

    private static Task BumpRevisionAsync(SqliteConnection connection, SqliteTransaction transaction, long eventId) =>
        connection.ExecuteAsync("UPDATE events SET revision = revision + 1 WHERE id = @eventId", new { eventId }, transaction);

    private string Now() => MatchmakingDatabase.FormatTimestamp(time.GetUtcNow());

    private static string DuplicateMessage(ParticipantProfile profile, long existing) =>
        profile.ExternalId is not null
            ? $"Participant {existing} is already known by externalId '{profile.ExternalId}'{(profile.Email is null ? "" : $" or e-mail '{profile.Email}'")}."
            : $"Participant {existing} already has e-mail '{profile.Email}'.";

    private static async Task<StoredParticipant?> FindAsync(SqliteConnection connection, SqliteTransaction? transaction, long eventId, long id)
    {
        var row = await connection.QuerySingleOrDefaultAsync<ParticipantRow>(
            $"SELECT {Columns} FROM participants WHERE id = @id AND event_id = @eventId", new { id, eventId }, transaction);
        return row?.ToStored();
    }

    private static ParticipantParameters Parameters(long eventId, ParticipantProfile p, string now, long id = 0) => new(
        id, eventId, p.ExternalId, p.Organization, p.ContactName, p.Email, p.Role.ToWire(), p.Sector, p.Country,
        JsonSerializer.Serialize(p.Languages), p.Offers, p.Needs, p.Description, JsonSerializer.Serialize(p.Tags),
        JsonSerializer.Serialize(p.UnavailableSlots), p.MaxMeetings, p.HostTable, now);

    private sealed record ParticipantParameters(
        long Id, long EventId, string? ExternalId, string Organization, string? ContactName, string? Email, string Role,
        string? Sector, string? Country, string Languages, string? Offers, string? Needs, string? Description, string Tags,
        string UnavailableSlots, int? MaxMeetings, int? HostTable, string Now);

    /// <summary>The identities (externalId, or e-mail without one) of an event's participants.</summary>
    private sealed class IdentityIndex
    {
        private readonly Dictionary<string, long> _byExternalId = new(StringComparer.Ordinal);
        private readonly Dictionary<string, long> _byEmail = new(StringComparer.OrdinalIgnoreCase);

        public static async Task<IdentityIndex> LoadAsync(SqliteConnection connection, SqliteTransaction transaction, long eventId)
        {
            var index = new IdentityIndex();
            var rows = await connection.QueryAsync<(long Id, string? ExternalId, string? Email)>(
                "SELECT id, external_id, email FROM participants WHERE event_id = @eventId AND (external_id IS NOT NULL OR email IS NOT NULL)",
                new { eventId }, transaction);
            foreach (var (id, externalId, email) in rows)
            {
                if (externalId is not null)
                {
                    index._byExternalId[externalId] = id;
                }
                else if (email is not null)
                {
                    index._byEmail[email] = id;
                }
            }
            return index;
        }

        public long? Find(ParticipantProfile profile)
        {
            if (profile.ExternalId is not null && _byExternalId.TryGetValue(profile.ExternalId, out var id))
            {
                return id;
            }
            return profile.Email is not null && _byEmail.TryGetValue(profile.Email, out id) ? id : null;
        }
    }

    private sealed class ParticipantRow
    {
        public long Id { get; init; }
        public long EventId { get; init; }
        public string? ExternalId { get; init; }
        public string Organization { get; init; } = "";
        public string? ContactName { get; init; }
        public string? Email { get; init; }
        public string Role { get; init; } = "";
        public string? Sector { get; init; }
        public string? Country { get; init; }
        public string Languages { get; init; } = "[]";
        public string? Offers { get; init; }
        public string? Needs { get; init; }
        public string? Description { get; init; }
        public string Tags { get; init; } = "[]";
        public string UnavailableSlots { get; init; } = "[]";
        public int? MaxMeetings { get; init; }
        public int? HostTable { get; init; }
        public string CreatedAt { get; init; } = "";
        public string UpdatedAt { get; init; } = "";

        public StoredParticipant ToStored() => new(
            Id, EventId,
            new ParticipantProfile(ExternalId, Organization, ContactName, Email, WireNames.Parse<ParticipantRole>(Role), Sector, Country,
                JsonSerializer.Deserialize<List<string>>(Languages)!, Offers, Needs, Description, JsonSerializer.Deserialize<List<string>>(Tags)!,
                JsonSerializer.Deserialize<List<int>>(UnavailableSlots)!, MaxMeetings, HostTable),
            MatchmakingDatabase.ParseTimestamp(CreatedAt),
            MatchmakingDatabase.ParseTimestamp(UpdatedAt));
    }
}
