using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
using Polly;
using Polly.Retry;

namespace Matchmaking.Core.Storage;

/// <summary>Opens connections to the SQLite store and runs work on them, retrying transient lock errors.</summary>
public sealed class MatchmakingDatabase
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    private readonly ResiliencePipeline _retry;

    static MatchmakingDatabase()
    {
        DefaultTypeMap.MatchNamesWithUnderscores = true;
    }

    /// <param name="connectionString">A Microsoft.Data.Sqlite connection string.</param>
    /// <param name="retry">Retries work that failed with SQLITE_BUSY; <see cref="BusyRetry"/> by default.</param>
    public MatchmakingDatabase(string connectionString, ResiliencePipeline? retry = null)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString) { ForeignKeys = true };
        // Microsoft.Data.Sqlite retries a locked database until the command timeout (30 s by default);
        // a short one hands SQLITE_BUSY to the retry pipeline, which backs off and retries the whole unit of work.
        if (!connectionString.Contains("timeout", StringComparison.OrdinalIgnoreCase))
        {
            builder.DefaultTimeout = 1;
        }
        ConnectionString = builder.ToString();
        _retry = retry ?? BusyRetry();
    }

    public string ConnectionString { get; }

    /// <summary>A pipeline that retries SQLITE_BUSY / SQLITE_LOCKED with jittered exponential back-off.</summary>
    public static ResiliencePipeline BusyRetry(int maxRetryAttempts = 6, TimeSpan? delay = null, Action<int>? onRetry = null) =>
        new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<SqliteException>(e => e.SqliteErrorCode is SqliteBusy or SqliteLocked),
                MaxRetryAttempts = maxRetryAttempts,
                Delay = delay ?? TimeSpan.FromMilliseconds(50),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                OnRetry = args =>
                {
                    onRetry?.Invoke(args.AttemptNumber);
                    return default;
                },
            })
            .Build();

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    /// <summary>Creates the database file's folder, switches to WAL and applies pending migrations.</summary>
    /// <returns>The schema version the database had before (0 for a new database).</returns>
    public async Task<int> InitializeAsync(CancellationToken cancellationToken = default)
    {
        var builder = new SqliteConnectionStringBuilder(ConnectionString);
        if (builder.Mode != SqliteOpenMode.Memory && builder.DataSource is { Length: > 0 } file && file != ":memory:")
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(file));
            if (folder is not null)
            {
                Directory.CreateDirectory(folder);
            }
        }
        return await _retry.ExecuteAsync(async token =>
        {
            await using var connection = await OpenAsync(token);
            await connection.ExecuteAsync("PRAGMA journal_mode = WAL");
            return await Migrator.MigrateAsync(connection, cancellationToken: token);
        }, cancellationToken);
    }

    /// <summary>Runs a read on a fresh connection.</summary>
    public Task<T> ReadAsync<T>(Func<SqliteConnection, Task<T>> read, CancellationToken cancellationToken = default) =>
        _retry.ExecuteAsync(async token =>
        {
            await using var connection = await OpenAsync(token);
            return await read(connection);
        }, cancellationToken).AsTask();

    /// <summary>Runs work in one write transaction (BEGIN IMMEDIATE): all of it commits or none of it does.</summary>
    public Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> work, CancellationToken cancellationToken = default) =>
        _retry.ExecuteAsync(async token =>
        {
            await using var connection = await OpenAsync(token);
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(token);
            var result = await work(connection, transaction);
            await transaction.CommitAsync(token);
            return result;
        }, cancellationToken).AsTask();

    /// <summary>Timestamps are stored as culture-invariant ISO 8601 UTC text, so they sort and compare as text.</summary>
    public static string FormatTimestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseTimestamp(string value) =>
        DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
