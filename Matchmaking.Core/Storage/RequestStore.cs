using Dapper;
using Matchmaking.Core.Matching;
using Matchmaking.Core.Profiles;
using Microsoft.Data.Sqlite;

namespace Matchmaking.Core.Storage;

/// <summary>A meeting request as stored, with its id and creation time.</summary>
public sealed record StoredRequest(long Id, long EventId, MeetingRequest Request, DateTimeOffset CreatedAt);

/// <summary>Reads and writes the meeting requests of one event. Callers check the event's tenant first.</summary>
public sealed class RequestStore(MatchmakingDatabase database, TimeProvider time)
{
    private const string Columns = "id, event_id, from_id, to_id, status, session, fixed_slot, after_request_id, created_at";

    /// <summary>The event's requests in id order; with <paramref name="participantId"/>, only those it made or received.</summary>
    public Task<IReadOnlyList<StoredRequest>> ListAsync(long eventId, long? participantId = null, CancellationToken cancellationToken = default) =>
        database.ReadAsync<IReadOnlyList<StoredRequest>>(async connection =>
            (await connection.QueryAsync<RequestRow>(
                $"""
                SELECT {Columns} FROM requests
                WHERE event_id = @eventId AND (@participantId IS NULL OR from_id = @participantId OR to_id = @participantId)
                ORDER BY id
                """, new { eventId, participantId }))
                .Select(r => r.ToStored()).ToList(), cancellationToken);

    public Task<StoredRequest?> GetAsync(long eventId, long id, CancellationToken cancellationToken = default) =>
        database.ReadAsync(connection => FindAsync(connection, null, eventId, id), cancellationToken);

    /// <summary>
    /// Stores a validated request. A pair has at most one request, whichever way round: a second one is a
    /// <see cref="WriteOutcome.Duplicate"/> naming the first.
    /// </summary>
    public Task<WriteResult<StoredRequest>> CreateAsync(long eventId, MeetingRequest request, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            var existing = await connection.QuerySingleOrDefaultAsync<RequestRow>(
                $"""
                SELECT {Columns} FROM requests
                WHERE event_id = @eventId AND min(from_id, to_id) = @low AND max(from_id, to_id) = @high
                """,
                new { eventId, low = Math.Min(request.FromId, request.ToId), high = Math.Max(request.FromId, request.ToId) }, transaction);
            if (existing is not null)
            {
                return WriteResult<StoredRequest>.Duplicate(
                    $"Participants {existing.FromId} and {existing.ToId} already have request {existing.Id} ({existing.Status}); " +
                    "delete it to record another.");
            }
            // Validation saw both participants, but one may have been removed since.
            var members = await connection.ExecuteScalarAsync<int>(
                "SELECT COUNT(*) FROM participants WHERE event_id = @eventId AND id IN (@FromId, @ToId)",
                new { eventId, request.FromId, request.ToId }, transaction);
            if (members < 2)
            {
                return WriteResult<StoredRequest>.Conflict($"Participant {request.FromId} or {request.ToId} has just left event {eventId}.");
            }
            var id = await connection.ExecuteScalarAsync<long>(
                """
                INSERT INTO requests (event_id, from_id, to_id, status, session, fixed_slot, after_request_id, created_at)
                VALUES (@eventId, @FromId, @ToId, @Status, @Session, @FixedSlot, @After, @Now)
                RETURNING id
                """,
                new
                {
                    eventId,
                    request.FromId,
                    request.ToId,
                    Status = request.Status.ToWire(),
                    Session = request.Session.ToWire(),
                    request.FixedSlot,
                    request.After,
                    Now = MatchmakingDatabase.FormatTimestamp(time.GetUtcNow()),
                }, transaction);
            await BumpRevisionAsync(connection, transaction, eventId);
            return WriteResult<StoredRequest>.Done((await FindAsync(connection, transaction, eventId, id))!);
        }, cancellationToken);

    public Task<bool> DeleteAsync(long eventId, long id, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            var deleted = await connection.ExecuteAsync("DELETE FROM requests WHERE id = @id AND event_id = @eventId", new { id, eventId }, transaction) > 0;
            if (deleted)
            {
                await BumpRevisionAsync(connection, transaction, eventId);
            }
            return deleted;
        }, cancellationToken);

    // Suggestions are cached per event revision, and requests change them.
    private static Task BumpRevisionAsync(SqliteConnection connection, SqliteTransaction transaction, long eventId) =>
        connection.ExecuteAsync("UPDATE events SET revision = revision + 1 WHERE id = @eventId", new { eventId }, transaction);

    private static async Task<StoredRequest?> FindAsync(SqliteConnection connection, SqliteTransaction? transaction, long eventId, long id)
    {
        var row = await connection.QuerySingleOrDefaultAsync<RequestRow>(
            $"SELECT {Columns} FROM requests WHERE id = @id AND event_id = @eventId", new { id, eventId }, transaction);
        return row?.ToStored();
    }

    private sealed class RequestRow
    {
        public long Id { get; init; }
        public long EventId { get; init; }
        public long FromId { get; init; }
        public long ToId { get; init; }
        public string Status { get; init; } = "";
        public string Session { get; init; } = "";
        public int? FixedSlot { get; init; }
        public long? AfterRequestId { get; init; }
        public string CreatedAt { get; init; } = "";

        public StoredRequest ToStored() => new(
            Id, EventId,
            new MeetingRequest(FromId, ToId, WireNames.Parse<RequestStatus>(Status), WireNames.Parse<SessionWish>(Session), FixedSlot, AfterRequestId),
            MatchmakingDatabase.ParseTimestamp(CreatedAt));
    }
}
