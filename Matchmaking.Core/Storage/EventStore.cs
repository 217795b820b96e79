using System.Text.Json;
using Dapper;
using Matchmaking.Core.Profiles;
using Microsoft.Data.Sqlite;

namespace Matchmaking.Core.Storage;

/// <summary>An event as stored, with its id and timestamps.</summary>
/// <summary>An event as stored. <see cref="Revision"/> changes with every change to the event or its participants.</summary>
public sealed record StoredEvent(long Id, EventSpec Spec, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, long Revision);

/// <summary>Reads and writes events; every call is scoped to one tenant.</summary>
public sealed class EventStore(MatchmakingDatabase database, TimeProvider time)
{
    private const string Columns =
        "id, name, topic, format, time_zone, sessions, meeting_minutes, pause_minutes, tables, cross_side_only, min_meetings, max_meetings, created_at, updated_at, revision";

    public Task<IReadOnlyList<StoredEvent>> ListAsync(string tenant, CancellationToken cancellationToken = default) =>
        database.ReadAsync<IReadOnlyList<StoredEvent>>(async connection =>
        {
            var rows = await connection.QueryAsync<EventRow>(
                new CommandDefinition($"SELECT {Columns} FROM events WHERE tenant = @tenant ORDER BY id", new { tenant }, cancellationToken: cancellationToken));
            return rows.Select(r => r.ToStoredEvent()).ToList();
        }, cancellationToken);

    /// <summary>Every tenant's events: for maintenance work such as the embedding warm-up, never for callers.</summary>
    public Task<IReadOnlyList<StoredEvent>> ListAllAsync(CancellationToken cancellationToken = default) =>
        database.ReadAsync<IReadOnlyList<StoredEvent>>(async connection =>
            (await connection.QueryAsync<EventRow>(new CommandDefinition($"SELECT {Columns} FROM events ORDER BY id", cancellationToken: cancellationToken)))
                .Select(r => r.ToStoredEvent()).ToList(), cancellationToken);

    public Task<StoredEvent?> GetAsync(string tenant, long id, CancellationToken cancellationToken = default) =>
        database.ReadAsync(connection => FindAsync(connection, null, tenant, id), cancellationToken);

    public Task<WriteResult<StoredEvent>> CreateAsync(string tenant, EventSpec spec, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            if (await NameTakenAsync(connection, transaction, tenant, spec.Name, exceptId: null) is { } other)
            {
                return WriteResult<StoredEvent>.Duplicate($"Event {other} is already named '{spec.Name}'.");
            }
            var now = MatchmakingDatabase.FormatTimestamp(time.GetUtcNow());
            var id = await connection.ExecuteScalarAsync<long>(
                $"""
                INSERT INTO events (tenant, name, topic, format, time_zone, sessions, meeting_minutes, pause_minutes, tables,
                                    cross_side_only, min_meetings, max_meetings, created_at, updated_at)
                VALUES (@Tenant, @Name, @Topic, @Format, @TimeZone, @Sessions, @MeetingMinutes, @PauseMinutes, @Tables,
                        @CrossSideOnly, @MinMeetings, @MaxMeetings, @Now, @Now)
                RETURNING id
                """, Parameters(tenant, spec, now), transaction);
            return WriteResult<StoredEvent>.Done((await FindAsync(connection, transaction, tenant, id))!);
        }, cancellationToken);

    /// <summary>Replaces an event's fields; refused while participants or requests use slots or tables the new definition drops.</summary>
    public Task<WriteResult<StoredEvent>> UpdateAsync(string tenant, long id, EventSpec spec, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            if (await FindAsync(connection, transaction, tenant, id) is null)
            {
                return WriteResult<StoredEvent>.NotFound();
            }
            if (await NameTakenAsync(connection, transaction, tenant, spec.Name, exceptId: id) is { } other)
            {
                return WriteResult<StoredEvent>.Duplicate($"Event {other} is already named '{spec.Name}'.");
            }
            var slotCount = SlotPlanner.Plan(spec).Count;
            var stranded = (await connection.QueryAsync<string>(
                """
                SELECT organization FROM participants p
                WHERE p.event_id = @id
                  AND (p.host_table > @tables OR EXISTS (SELECT 1 FROM json_each(p.unavailable_slots) s WHERE s.value >= @slotCount))
                ORDER BY p.id LIMIT 5
                """, new { id, tables = spec.Tables, slotCount }, transaction)).ToList();
            if (stranded.Count > 0)
            {
                return WriteResult<StoredEvent>.Conflict(
                    $"The new definition has {slotCount} slots and {spec.Tables} tables, but participants use slots or tables beyond them " +
                    $"(e.g. {string.Join(", ", stranded)}). Update those participants first.");
            }
            var fixedBeyond = (await connection.QueryAsync<long>(
                "SELECT id FROM requests WHERE event_id = @id AND fixed_slot >= @slotCount ORDER BY id LIMIT 5",
                new { id, slotCount }, transaction)).ToList();
            if (fixedBeyond.Count > 0)
            {
                return WriteResult<StoredEvent>.Conflict(
                    $"The new definition has {slotCount} slots, but meeting requests are fixed to slots beyond them " +
                    $"(e.g. request {string.Join(", ", fixedBeyond)}). Delete or re-create those requests first.");
            }
            var plansBeyond = (await connection.QueryAsync<long>(
                "SELECT DISTINCT plan_id FROM expert_visits WHERE event_id = @id AND slot >= @slotCount ORDER BY plan_id LIMIT 5",
                new { id, slotCount }, transaction)).ToList();
            if (plansBeyond.Count > 0)
            {
                return WriteResult<StoredEvent>.Conflict(
                    $"The new definition has {slotCount} slots, but expert visits take place in slots beyond them " +
                    $"(e.g. plan {string.Join(", ", plansBeyond)}). Delete those plans first.");
            }
            var now = MatchmakingDatabase.FormatTimestamp(time.GetUtcNow());
            await connection.ExecuteAsync(
                """
                UPDATE events SET name = @Name, topic = @Topic, format = @Format, time_zone = @TimeZone, sessions = @Sessions,
                    meeting_minutes = @MeetingMinutes, pause_minutes = @PauseMinutes, tables = @Tables, cross_side_only = @CrossSideOnly,
                    min_meetings = @MinMeetings, max_meetings = @MaxMeetings, updated_at = @Now, revision = revision + 1
                WHERE id = @Id AND tenant = @Tenant
                """, Parameters(tenant, spec, now, id), transaction);
            return WriteResult<StoredEvent>.Done((await FindAsync(connection, transaction, tenant, id))!);
        }, cancellationToken);

    /// <summary>Deletes an event and, by cascade, everything that belongs to it.</summary>
    public Task<bool> DeleteAsync(string tenant, long id, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction) =>
            await connection.ExecuteAsync("DELETE FROM events WHERE id = @id AND tenant = @tenant", new { id, tenant }, transaction) > 0,
            cancellationToken);

    private static async Task<StoredEvent?> FindAsync(SqliteConnection connection, SqliteTransaction? transaction, string tenant, long id)
    {
        var row = await connection.QuerySingleOrDefaultAsync<EventRow>(
            $"SELECT {Columns} FROM events WHERE id = @id AND tenant = @tenant", new { id, tenant }, transaction);
        return row?.ToStoredEvent();
    }

    private static Task<long?> NameTakenAsync(SqliteConnection connection, SqliteTransaction transaction, string tenant, string name, long? exceptId) =>
        connection.ExecuteScalarAsync<long?>(
            "SELECT id FROM events WHERE tenant = @tenant AND name = @name COLLATE NOCASE AND id IS NOT @exceptId",
            new { tenant, name, exceptId }, transaction);

    private static object Parameters(string tenant, EventSpec spec, string now, long id = 0) => new
    {
        Id = id,
        Tenant = tenant,
        spec.Name,
        spec.Topic,
        Format = spec.Format.ToWire(),
        TimeZone = spec.TimeZoneId,
        Sessions = JsonSerializer.Serialize(spec.Sessions.Select(s => new SessionRow(s.Name, s.Start, s.End))),
        spec.MeetingMinutes,
        spec.PauseMinutes,
        spec.Tables,
        spec.Rules.CrossSideOnly,
        spec.Rules.MinMeetings,
        spec.Rules.MaxMeetings,
        Now = now,
    };

    private sealed record SessionRow(string Name, DateTime Start, DateTime End);

    private sealed class EventRow
    {
        public long Id { get; init; }
        public string Name { get; init; } = "";
        public string Topic { get; init; } = "";
        public string Format { get; init; } = "";
        public string TimeZone { get; init; } = "";
        public string Sessions { get; init; } = "[]";
        public int MeetingMinutes { get; init; }
        public int PauseMinutes { get; init; }
        public int Tables { get; init; }
        public bool CrossSideOnly { get; init; }
        public int? MinMeetings { get; init; }
        public int? MaxMeetings { get; init; }
        public string CreatedAt { get; init; } = "";
        public string UpdatedAt { get; init; } = "";
        public long Revision { get; init; }

        public StoredEvent ToStoredEvent() => new(
            Id,
            new EventSpec(Name, Topic, WireNames.Parse<EventFormat>(Format), TimeZone,
                JsonSerializer.Deserialize<List<SessionRow>>(Sessions)!.Select(s => new EventSession(s.Name, s.Start, s.End)).ToList(),
                MeetingMinutes, PauseMinutes, Tables, new MeetingRules(CrossSideOnly, MinMeetings, MaxMeetings)),
            MatchmakingDatabase.ParseTimestamp(CreatedAt),
            MatchmakingDatabase.ParseTimestamp(UpdatedAt),
            Revision);
    }
}
