using Dapper;
using Matchmaking.Core.Profiles;
using Matchmaking.Core.Storage;
using Microsoft.Data.Sqlite;

namespace Matchmaking.Tests.Storage;

public sealed class MigrationTests
{
    /// <summary>
    /// Rows as a database of each schema version holds them: Storage/Fixtures/rows-v{N}.sql. Every version but the
    /// latest needs one, so a new migration cannot land without proving it keeps the rows of the one before.
    /// </summary>
    private static string FixturePath(int version) => Path.Combine(AppContext.BaseDirectory, "Storage", "Fixtures", $"rows-v{version}.sql");

    [Test]
    public void MigrationsAreNumberedWithoutGaps()
    {
        Assert.That(Migrator.All.Select(m => m.Version), Is.EqualTo(Enumerable.Range(1, Migrator.All.Count)));
    }

    [Test]
    public async Task ANewDatabaseIsMigratedToTheLatestVersionInWalModeWithForeignKeys()
    {
        using var temp = new TempDatabase();
        var database = temp.Open();

        var before = await database.InitializeAsync();

        Assert.That(before, Is.EqualTo(0));
        await using var connection = await database.OpenAsync();
        Assert.That(await Migrator.CurrentVersionAsync(connection), Is.EqualTo(Migrator.LatestVersion));
        Assert.That(await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode"), Is.EqualTo("wal"));
        Assert.That(await connection.ExecuteScalarAsync<long>("PRAGMA foreign_keys"), Is.EqualTo(1));
    }

    [Test]
    public async Task RestartingOnAnUpToDateDatabaseKeepsEveryRow()
    {
        using var temp = new TempDatabase();
        var database = temp.Open();
        await database.InitializeAsync();
        var events = new EventStore(database, TimeProvider.System);
        var created = await events.CreateAsync("t", SampleEvent());
        await new ParticipantStore(database, TimeProvider.System).ImportAsync(created.Value!.Id, [SampleParticipant("p-1"), SampleParticipant("p-2")]);

        var again = await temp.Open().InitializeAsync();

        Assert.That(again, Is.EqualTo(Migrator.LatestVersion));
        var page = await new ParticipantStore(database, TimeProvider.System).ListAsync(created.Value.Id, 1, 10);
        Assert.That(page.Total, Is.EqualTo(2));
        Assert.That((await events.GetAsync("t", created.Value.Id))!.Spec, Is.EqualTo(created.Value.Spec).Using<EventSpec>(SameEvent));
    }

    [TestCaseSource(nameof(EarlierVersions))]
    public async Task ADatabaseOfAnEarlierVersionUpgradesWithAllRowsKept(int version)
    {
        using var temp = new TempDatabase();
        await using (var connection = new SqliteConnection(temp.ConnectionString))
        {
            await connection.OpenAsync();
            await Migrator.MigrateAsync(connection, targetVersion: version);
            Assert.That(File.Exists(FixturePath(version)), Is.True, $"Add {FixturePath(version)}: rows as schema version {version} stores them.");
            await connection.ExecuteAsync(await File.ReadAllTextAsync(FixturePath(version)));
        }
        var counts = await CountRowsAsync(temp.ConnectionString);

        await temp.Open().InitializeAsync();

        var after = await CountRowsAsync(temp.ConnectionString);
        foreach (var (table, count) in counts)
        {
            Assert.That(after[table], Is.EqualTo(count), table);
        }
        var database = temp.Open();
        var stored = await new EventStore(database, TimeProvider.System).ListAsync("fixture");
        Assert.That(stored, Is.Not.Empty);
        foreach (var e in stored)
        {
            Assert.That((await new ParticipantStore(database, TimeProvider.System).ListAsync(e.Id, 1, 500)).Items, Is.Not.Empty);
        }
    }

    private static IEnumerable<int> EarlierVersions() =>
        Migrator.All.Select(m => m.Version).Where(v => v < Migrator.LatestVersion).DefaultIfEmpty(0).Where(v => v > 0);

    private static async Task<Dictionary<string, long>> CountRowsAsync(string connectionString)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        var tables = await connection.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
        var counts = new Dictionary<string, long>();
        foreach (var table in tables)
        {
            counts[table] = await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM \"{table}\"");
        }
        return counts;
    }

    internal static EventSpec SampleEvent(string name = "Sample") => new(
        name, "Topic", EventFormat.Matchmaking, "Europe/Madrid",
        [new EventSession("morning", new DateTime(2027, 3, 18, 9, 0, 0), new DateTime(2027, 3, 18, 12, 0, 0))],
        20, 5, 10, new MeetingRules(true, 1, 8));

    internal static ParticipantProfile SampleParticipant(string externalId) => new(
        externalId, "Org " + externalId, "Contact", null, ParticipantRole.TraditionalSme, "agrifood", "ES", ["es"],
        null, "A need", null, ["tag"], [1], 5, null);

    private static bool SameEvent(EventSpec a, EventSpec b) =>
        a.Name == b.Name && a.Topic == b.Topic && a.Format == b.Format && a.TimeZoneId == b.TimeZoneId && a.Sessions.SequenceEqual(b.Sessions)
        && a.MeetingMinutes == b.MeetingMinutes && a.PauseMinutes == b.PauseMinutes && a.Tables == b.Tables && a.Rules == b.Rules;
}
