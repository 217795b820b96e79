using Matchmaking.Core.Storage;
using Microsoft.Data.Sqlite;

namespace Matchmaking.Benchmarks;

/// <summary>A SQLite database in a fresh temporary folder, with the stores every benchmark needs; deleted on dispose.</summary>
internal sealed class TempDatabase : IAsyncDisposable
{
    private readonly string _folder;

    private TempDatabase(string folder, MatchmakingDatabase database)
    {
        _folder = folder;
        Database = database;
        Events = new EventStore(database, TimeProvider.System);
        Participants = new ParticipantStore(database, TimeProvider.System);
    }

    public MatchmakingDatabase Database { get; }

    public EventStore Events { get; }

    public ParticipantStore Participants { get; }

    public static async Task<TempDatabase> CreateAsync(string name)
    {
        var folder = Directory.CreateTempSubdirectory($"matchmaking-{name}-").FullName;
        var database = new MatchmakingDatabase($"Data Source={Path.Combine(folder, name + ".db")}");
        var created = new TempDatabase(folder, database);
        try
        {
            await database.InitializeAsync();
        }
        catch
        {
            await created.DisposeAsync();
            throw;
        }
        return created;
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();   // SQLite keeps the file open in its pool otherwise
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }
}
