using System.Globalization;
using Dapper;
using Matchmaking.Core.Storage;
using Microsoft.Data.Sqlite;

namespace Matchmaking.Tests.Storage;

public sealed class StorageTests
{
    [Test]
    public async Task ABusyDatabaseIsRetriedUntilTheLockIsReleased()
    {
        using var temp = new TempDatabase();
        var retries = 0;
        var database = temp.Open(MatchmakingDatabase.BusyRetry(maxRetryAttempts: 10, delay: TimeSpan.FromMilliseconds(100), onRetry: _ => retries++));
        await database.InitializeAsync();
        var events = new EventStore(database, TimeProvider.System);

        await using var blocker = new SqliteConnection(temp.ConnectionString + ";Default Timeout=1");
        await blocker.OpenAsync();
        var transaction = blocker.BeginTransaction();
        await blocker.ExecuteAsync("INSERT INTO app_state (key, value) VALUES ('lock', 'held')", transaction: transaction);
        var write = events.CreateAsync("t", MigrationTests.SampleEvent("Written after the lock"));
        while (retries == 0 && !write.IsCompleted)
        {
            await Task.Delay(50);
        }
        transaction.Commit();

        var result = await write;

        Assert.That(retries, Is.GreaterThan(0));
        Assert.That(result.Value, Is.Not.Null);
    }

    [Test]
    public async Task ABusyDatabaseFailsWithSqliteBusyOnceRetriesRunOut()
    {
        using var temp = new TempDatabase();
        var retries = 0;
        var database = temp.Open(MatchmakingDatabase.BusyRetry(maxRetryAttempts: 2, delay: TimeSpan.FromMilliseconds(10), onRetry: _ => retries++));
        await database.InitializeAsync();
        await using var blocker = new SqliteConnection(temp.ConnectionString);
        await blocker.OpenAsync();
        using var transaction = blocker.BeginTransaction();
        await blocker.ExecuteAsync("INSERT INTO app_state (key, value) VALUES ('lock', 'held')", transaction: transaction);

        var error = await Assert.ThrowsAsync<SqliteException>(() => new EventStore(database, TimeProvider.System).CreateAsync("t", MigrationTests.SampleEvent()));

        Assert.That(error!.SqliteErrorCode, Is.EqualTo(5));
        Assert.That(retries, Is.EqualTo(2));
    }

    [TestCase("th-TH")]
    [TestCase("ar-SA")]
    [TestCase("de-DE")]
    [TestCase("fa-IR")]
    public async Task DatesAreStoredTheSameWhateverTheCurrentCulture(string culture)
    {
        using var temp = new TempDatabase();
        var database = temp.Open();
        await database.InitializeAsync();
        var clock = new FixedClock(new DateTimeOffset(2027, 1, 2, 3, 4, 5, TimeSpan.Zero));
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
            var events = new EventStore(database, clock);
            var created = (await events.CreateAsync("t", MigrationTests.SampleEvent())).Value!;

            var read = (await events.GetAsync("t", created.Id))!;

            Assert.That(read.CreatedAt, Is.EqualTo(clock.GetUtcNow()));
            Assert.That(read.Spec.Sessions[0].Start, Is.EqualTo(new DateTime(2027, 3, 18, 9, 0, 0)));
            await using var connection = await database.OpenAsync();
            Assert.That(await connection.ExecuteScalarAsync<string>("SELECT created_at FROM events"), Is.EqualTo("2027-01-02T03:04:05.0000000Z"));
            Assert.That(await connection.ExecuteScalarAsync<string>("SELECT sessions FROM events"), Does.Contain("2027-03-18T09:00:00"));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Test]
    public async Task AFailedImportLeavesNoRowsBehind()
    {
        using var temp = new TempDatabase();
        var database = temp.Open();
        await database.InitializeAsync();
        var eventId = (await new EventStore(database, TimeProvider.System).CreateAsync("t", MigrationTests.SampleEvent())).Value!.Id;
        var participants = new ParticipantStore(database, TimeProvider.System);
        // The second profile breaks the foreign key of a deleted event half-way through; the first must not stay.
        var profiles = Enumerable.Range(0, 5).Select(i => MigrationTests.SampleParticipant($"x-{i}")).ToList();

        await Assert.ThrowsAsync<SqliteException>(() => participants.ImportAsync(eventId + 1000, profiles));

        await using var connection = await database.OpenAsync();
        Assert.That(await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM participants"), Is.EqualTo(0));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
