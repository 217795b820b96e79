using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Matchmaking.Core.Storage;

/// <summary>A numbered SQL script from Storage/Migrations.</summary>
public sealed record Migration(int Version, string Name, string Sql);

/// <summary>Brings a database up to the latest schema; the version lives in SQLite's <c>user_version</c>.</summary>
public static partial class Migrator
{
    public static IReadOnlyList<Migration> All { get; } = Load();

    public static int LatestVersion => All[^1].Version;

    /// <summary>Applies every migration above the database's version, each in its own transaction.</summary>
    /// <returns>The version the database had before.</returns>
    public static async Task<int> MigrateAsync(SqliteConnection connection, int? targetVersion = null, CancellationToken cancellationToken = default)
    {
        var current = await CurrentVersionAsync(connection);
        foreach (var migration in All.Where(m => m.Version > current && m.Version <= (targetVersion ?? LatestVersion)))
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition(migration.Sql, transaction: transaction, cancellationToken: cancellationToken));
            // PRAGMA takes no parameters; the version is an int from a file name.
            await connection.ExecuteAsync($"PRAGMA user_version = {migration.Version}", transaction: transaction);
            await transaction.CommitAsync(cancellationToken);
        }
        return current;
    }

    public static Task<int> CurrentVersionAsync(SqliteConnection connection) =>
        connection.ExecuteScalarAsync<int>("PRAGMA user_version");

    private static List<Migration> Load()
    {
        var assembly = typeof(Migrator).Assembly;
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            var match = FileName().Match(resource);
            if (!match.Success)
            {
                continue;
            }
            using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
            migrations.Add(new Migration(int.Parse(match.Groups[1].Value), match.Groups[2].Value, reader.ReadToEnd()));
        }
        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 0; i < migrations.Count; i++)
        {
            if (migrations[i].Version != i + 1)
            {
                throw new InvalidOperationException($"Migrations must be numbered 1, 2, 3...; found {migrations[i].Version} at position {i + 1}.");
            }
        }
        return migrations;
    }

    [GeneratedRegex(@"\.Migrations\.(\d{4})_(\w+)\.sql$")]
    private static partial Regex FileName();
}
