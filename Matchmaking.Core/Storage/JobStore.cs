using Dapper;

namespace Matchmaking.Core.Storage;

/// <summary>A job's state as any API process reads it.</summary>
public sealed record StoredJob(string Id, long EventId, string Kind, string Status, int Progress, int? ResultVersion, string? Error,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>Jobs: long work whose status and progress live in SQLite.</summary>
public sealed class JobStore(MatchmakingDatabase database, TimeProvider time)
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";

    private const string Columns = "id, event_id, kind, status, progress, result_version, error, created_at, updated_at";

    public Task<StoredJob> CreateAsync(long eventId, string kind, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            var id = Guid.NewGuid().ToString("N");
            var now = Now();
            await connection.ExecuteAsync(
                "INSERT INTO jobs (id, event_id, kind, status, progress, created_at, updated_at) VALUES (@id, @eventId, @kind, @Queued, 0, @now, @now)",
                new { id, eventId, kind, Queued, now }, transaction);
            return (await connection.QuerySingleAsync<JobRow>($"SELECT {Columns} FROM jobs WHERE id = @id", new { id }, transaction)).ToStored();
        }, cancellationToken);

    public Task<StoredJob?> GetAsync(long eventId, string id, CancellationToken cancellationToken = default) =>
        database.ReadAsync(async connection =>
            (await connection.QuerySingleOrDefaultAsync<JobRow>($"SELECT {Columns} FROM jobs WHERE id = @id AND event_id = @eventId", new { id, eventId }))?.ToStored(),
            cancellationToken);

    public Task UpdateAsync(string id, string status, int progress, int? resultVersion = null, string? error = null, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction) => connection.ExecuteAsync(
            "UPDATE jobs SET status = @status, progress = @progress, result_version = @resultVersion, error = @error, updated_at = @now WHERE id = @id",
            new { id, status, progress, resultVersion, error, now = Now() }, transaction), cancellationToken);

    /// <summary>How long a running job may go without reporting progress before it counts as lost.</summary>
    public static readonly TimeSpan Silence = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Marks jobs that stopped reporting (their process ended) as failed: nobody will finish them. Running jobs report
    /// at least every second, so other processes' live jobs are left alone.
    /// </summary>
    public Task<int> FailInterruptedAsync(CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction) => connection.ExecuteAsync(
            """
            UPDATE jobs SET status = @Failed, error = 'Interrupted: the API stopped before the job finished. Start it again.', updated_at = @now
            WHERE status IN (@Queued, @Running) AND updated_at < @stale
            """,
            new { Failed, Queued, Running, now = Now(), stale = MatchmakingDatabase.FormatTimestamp(time.GetUtcNow() - Silence) }, transaction), cancellationToken);

    private string Now() => MatchmakingDatabase.FormatTimestamp(time.GetUtcNow());

    private sealed class JobRow
    {
        public string Id { get; init; } = "";
        public long EventId { get; init; }
        public string Kind { get; init; } = "";
        public string Status { get; init; } = "";
        public int Progress { get; init; }
        public int? ResultVersion { get; init; }
        public string? Error { get; init; }
        public string CreatedAt { get; init; } = "";
        public string UpdatedAt { get; init; } = "";

        public StoredJob ToStored() => new(Id, EventId, Kind, Status, Progress, ResultVersion, Error,
            MatchmakingDatabase.ParseTimestamp(CreatedAt), MatchmakingDatabase.ParseTimestamp(UpdatedAt));
    }
}
