using Matchmaking.Core.Storage;
using Microsoft.Data.Sqlite;

namespace Matchmaking.Tests.Storage;

/// <summary>A SQLite file in its own temp folder, deleted afterwards.</summary>
public sealed class TempDatabase : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("matchmaking-db-").FullName;

    public string Path => System.IO.Path.Combine(_folder, "test.db");

    public string ConnectionString => $"Data Source={Path}";

    public MatchmakingDatabase Open(Polly.ResiliencePipeline? retry = null) => new(ConnectionString, retry);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
