using System.Text.Json;
using Dapper;
using Matchmaking.Core.Matching;
using Matchmaking.Core.Scheduling;
using Microsoft.Data.Sqlite;

namespace Matchmaking.Core.Storage;

/// <summary>A stored meeting: its id, what was planned, and when it was cancelled (null while it stands).</summary>
public sealed record StoredMeeting(long Id, PlannedMeeting Meeting, DateTimeOffset? CancelledAt);

/// <summary>A stored schedule version of an event.</summary>
public sealed record StoredSchedule(long EventId, int Version, DateTimeOffset CreatedAt, DateTimeOffset? PublishedAt,
    ScheduleSummary Figures, IReadOnlyList<UnplacedMeeting> Unplaced, IReadOnlyList<StoredMeeting> Meetings);

/// <summary>Schedule versions: each is written whole in one transaction, so a failure leaves the previous one intact.</summary>
public sealed class ScheduleStore(MatchmakingDatabase database, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Stores the plan as the event's next version.</summary>
    public Task<StoredSchedule> AddAsync(long eventId, PlannedSchedule plan, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            var version = await connection.ExecuteScalarAsync<int>(
                "SELECT COALESCE(MAX(version), 0) + 1 FROM schedules WHERE event_id = @eventId", new { eventId }, transaction);
            var id = await connection.ExecuteScalarAsync<long>(
                """
                INSERT INTO schedules (event_id, version, created_at, figures, unplaced)
                VALUES (@eventId, @version, @now, @figures, @unplaced)
                RETURNING id
                """,
                new
                {
                    eventId,
                    version,
                    now = MatchmakingDatabase.FormatTimestamp(time.GetUtcNow()),
                    figures = JsonSerializer.Serialize(plan.Figures, Json),
                    unplaced = JsonSerializer.Serialize(plan.Unplaced, Json),
                }, transaction);
            await connection.ExecuteAsync(
                """
                INSERT INTO schedule_meetings (schedule_id, slot, table_number, participant_a, participant_b, score, reasons, origin)
                VALUES (@id, @Slot, @Table, @ParticipantAId, @ParticipantBId, @Score, @Reasons, @Origin)
                """,
                plan.Meetings.Select(m => new { id, m.Slot, m.Table, m.ParticipantAId, m.ParticipantBId, m.Score, Reasons = JsonSerializer.Serialize(m.Reasons, Json), m.Origin }),
                transaction);
            return (await ReadAsync(connection, transaction, eventId, version))!;
        }, cancellationToken);

    public Task<IReadOnlyList<StoredSchedule>> ListAsync(long eventId, CancellationToken cancellationToken = default) =>
        database.ReadAsync<IReadOnlyList<StoredSchedule>>(async connection =>
            (await connection.QueryAsync<ScheduleRow>(
                "SELECT event_id, version, created_at, published_at, figures, unplaced FROM schedules WHERE event_id = @eventId ORDER BY version",
                new { eventId })).Select(r => r.ToStored([])).ToList(), cancellationToken);

    /// <summary>A version with its meetings; the latest when <paramref name="version"/> is null.</summary>
    public Task<StoredSchedule?> GetAsync(long eventId, int? version, CancellationToken cancellationToken = default) =>
        database.ReadAsync(connection => ReadAsync(connection, null, eventId, version), cancellationToken);

    /// <summary>The published version with the highest number, with its meetings; null when none is published.</summary>
    public Task<StoredSchedule?> GetPublishedAsync(long eventId, CancellationToken cancellationToken = default) =>
        database.ReadAsync(connection => ReadAsync(connection, null, eventId, null, publishedOnly: true), cancellationToken);

    /// <summary>Cancels a meeting of the latest version; false when the latest version has no such meeting.</summary>
    public Task<bool> CancelAsync(long eventId, long meetingId, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction) =>
            await connection.ExecuteAsync(
                """
                UPDATE schedule_meetings SET cancelled_at = COALESCE(cancelled_at, @now)
                WHERE id = @meetingId
                  AND schedule_id = (SELECT id FROM schedules WHERE event_id = @eventId ORDER BY version DESC LIMIT 1)
                """,
                new { eventId, meetingId, now = MatchmakingDatabase.FormatTimestamp(time.GetUtcNow()) }, transaction) > 0,
            cancellationToken);

    /// <summary>Marks a version published; false when it does not exist.</summary>
    public Task<bool> PublishAsync(long eventId, int version, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction) =>
            await connection.ExecuteAsync(
                "UPDATE schedules SET published_at = COALESCE(published_at, @now) WHERE event_id = @eventId AND version = @version",
                new { eventId, version, now = MatchmakingDatabase.FormatTimestamp(time.GetUtcNow()) }, transaction) > 0,
            cancellationToken);

    private static async Task<StoredSchedule?> ReadAsync(SqliteConnection connection, SqliteTransaction? transaction, long eventId, int? version,
        bool publishedOnly = false)
    {
        var row = await connection.QuerySingleOrDefaultAsync<ScheduleRow>(
            """
            SELECT id, event_id, version, created_at, published_at, figures, unplaced FROM schedules
            WHERE event_id = @eventId AND (@version IS NULL OR version = @version) AND (@publishedOnly = 0 OR published_at IS NOT NULL)
            ORDER BY version DESC LIMIT 1
            """, new { eventId, version, publishedOnly }, transaction);
        if (row is null)
        {
            return null;
        }
        var meetings = await connection.QueryAsync<MeetingRow>(
            """
            SELECT id, slot, table_number, participant_a, participant_b, score, reasons, origin, cancelled_at FROM schedule_meetings
            WHERE schedule_id = @Id ORDER BY slot, table_number
            """, new { row.Id }, transaction);
        return row.ToStored(meetings.Select(m => m.ToStored()).ToList());
    }

    private sealed class ScheduleRow
    {
        public long Id { get; init; }
        public long EventId { get; init; }
        public int Version { get; init; }
        public string CreatedAt { get; init; } = "";
        public string? PublishedAt { get; init; }
        public string Figures { get; init; } = "{}";
        public string Unplaced { get; init; } = "[]";

        public StoredSchedule ToStored(IReadOnlyList<StoredMeeting> meetings) => new(
            EventId, Version, MatchmakingDatabase.ParseTimestamp(CreatedAt),
            PublishedAt is null ? null : MatchmakingDatabase.ParseTimestamp(PublishedAt),
            JsonSerializer.Deserialize<ScheduleSummary>(Figures, Json)!,
            JsonSerializer.Deserialize<List<UnplacedMeeting>>(Unplaced, Json)!,
            meetings);
    }

    private sealed class MeetingRow
    {
        public long Id { get; init; }
        public int Slot { get; init; }
        public int TableNumber { get; init; }
        public long ParticipantA { get; init; }
        public long ParticipantB { get; init; }
        public double Score { get; init; }
        public string Reasons { get; init; } = "[]";
        public string Origin { get; init; } = "";
        public string? CancelledAt { get; init; }

        public StoredMeeting ToStored() => new(Id, new PlannedMeeting(ParticipantA, ParticipantB, Slot, TableNumber, (float)Score,
            JsonSerializer.Deserialize<List<SuggestionReason>>(Reasons, Json)!, Origin),
            CancelledAt is null ? null : MatchmakingDatabase.ParseTimestamp(CancelledAt));
    }
}
